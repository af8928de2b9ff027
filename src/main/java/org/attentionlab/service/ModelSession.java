package org.attentionlab.service;

import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;

/**
 * A model the app has open, of any kind: a {@link TransformerSession} (BERT, GPT-2) or a
 * {@link Seq2SeqSession} (RNN encoder-decoder). A lesson's service takes the kind it needs
 * ({@link TransformerSession#of}, {@link Seq2SeqSession#of}), which explains a wrong kind.
 * Not thread-safe: the app calls it from its one inference thread.
 */
public sealed interface ModelSession extends AutoCloseable permits TransformerSession, Seq2SeqSession {
    /** What the model is. */
    ModelInfo info();

    /** Its architecture, for lessons that support only some kinds. */
    default ModelKind kind() {
        return info().kind();
    }

    /** Releases the model's memory. */
    @Override
    void close();
}
