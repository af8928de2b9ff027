package org.attentionlab.engine;

import org.attentionlab.domain.ModelInfo;

/**
 * A model loaded by {@link Models#load}: it says what it is and holds native memory until
 * closed. The concrete capabilities are sub-interfaces ({@link TransformerModel},
 * {@link MaskedLanguageModel}, {@link CausalLanguageModel}, and the seq2seq model's own).
 *
 * <p>Models are not thread-safe for concurrent use; the app runs them on one inference thread.
 */
public interface LoadedModel extends AutoCloseable {
    /** What the model is. */
    ModelInfo info();

    /** Releases the off-heap weights and buffers. */
    @Override
    void close();
}
