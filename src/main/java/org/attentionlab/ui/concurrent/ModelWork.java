package org.attentionlab.ui.concurrent;

import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Progress;

/** Work that needs the loaded model; runs on the inference thread, the only one that touches it. */
@FunctionalInterface
public interface ModelWork<T> {
    T run(ModelSession session, Cancellation cancel, Progress progress) throws Exception;
}
