package org.attentionlab.service;

/** Receives progress of long model work; called from the worker thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, message) -> { };

    /**
     * @param done    units done so far
     * @param total   units in all (e.g. tensors to load)
     * @param message what is happening now, for a status line
     */
    void update(long done, long total, String message);
}
