package org.attentionlab.service;

import java.util.concurrent.CancellationException;

/** Cooperative cancellation for long model work (loading, generation): checked between steps. */
@FunctionalInterface
public interface Cancellation {
    Cancellation NONE = () -> false;

    boolean isCancelled();

    /** Throws {@link CancellationException} when cancelled. */
    default void check() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
