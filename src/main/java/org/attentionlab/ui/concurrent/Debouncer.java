package org.attentionlab.ui.concurrent;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an action once input has been quiet for a while, on the FX thread. The delay adapts:
 * it is a little longer than the last run took, capped at {@code maxDelay}, so a small model
 * answers every keystroke at once while a large one is not asked to redo work on each letter.
 */
public final class Debouncer {
    private final PauseTransition pause = new PauseTransition();
    private final Runnable action;
    private final double maxDelayMillis;
    private double delayMillis;

    /** @param maxDelay the longest wait (the delay before any run has been timed) */
    public Debouncer(Duration maxDelay, Runnable action) {
        this.action = action;
        this.maxDelayMillis = maxDelay.toMillis();
        this.delayMillis = maxDelayMillis;
        pause.setOnFinished(e -> action.run());
    }

    /** Input changed: (re)start the wait, or run now when the delay is negligible. */
    public void trigger() {
        pause.stop();
        if (delayMillis < 1) {
            action.run();
            return;
        }
        pause.setDuration(Duration.millis(delayMillis));
        pause.playFromStart();
    }

    /** Drops a pending run. */
    public void cancel() {
        pause.stop();
    }

    /** Tells how long the last run took, to size the next wait. */
    public void lastRunTook(double millis) {
        delayMillis = Math.min(maxDelayMillis, Math.max(0, 1.5 * millis));
    }

    public double delayMillis() {
        return delayMillis;
    }
}
