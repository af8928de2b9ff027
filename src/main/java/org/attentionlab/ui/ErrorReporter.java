package org.attentionlab.ui;

/** Tells the user that something failed, what is wrong and what to do. Called on the FX thread. */
@FunctionalInterface
public interface ErrorReporter {
    /** @param context what the user was doing, e.g. "Loading model bert-tiny" */
    void report(String context, Throwable error);
}
