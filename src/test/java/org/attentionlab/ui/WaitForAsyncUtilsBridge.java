package org.attentionlab.ui;

import org.testfx.util.WaitForAsyncUtils;

/** Lets queued FX events (and the explorer's coalesced redraw) run before a test looks. */
final class WaitForAsyncUtilsBridge {
    private WaitForAsyncUtilsBridge() {
    }

    static void settle() {
        WaitForAsyncUtils.waitForFxEvents(3);
    }
}
