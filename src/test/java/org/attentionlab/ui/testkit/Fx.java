package org.attentionlab.ui.testkit;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The three moves every TestFX test of the app makes: wait for a condition (the model thread
 * finishes off the FX thread), read a value on the FX thread, run an action on it.
 */
public final class Fx {
    /** Long enough for a model run on a loaded two-core machine; a passing test never waits it out. */
    private static final int TIMEOUT_SECONDS = 60;

    private Fx() {
    }

    /** Waits until {@code condition} holds, then for the FX events it caused; fails naming {@code what}. */
    public static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs {@code s} on the FX thread and returns its result. */
    public static <T> T fx(Supplier<T> s) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(s::get));
    }

    /** Runs {@code r} on the FX thread, then waits for the events it caused. */
    public static void fxRun(Runnable r) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(r));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
