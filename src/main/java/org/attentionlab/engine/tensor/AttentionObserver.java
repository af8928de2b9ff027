package org.attentionlab.engine.tensor;

/**
 * Receives one head's intermediate results while {@link Attention} computes them, so that a
 * trace can keep copies. The array passed is reused for the next stage: copy what you keep.
 * Every method has an empty default; {@link #NONE} records nothing. When the heads are computed
 * in parallel, the methods are called from several threads at once, for different heads.
 */
public interface AttentionObserver {
    /** Records nothing. */
    AttentionObserver NONE = new AttentionObserver() {
    };

    /** {@code scores[T * S]}: QK^T * scale for {@code head}, before the mask. */
    default void rawScores(int head, float[] scores, int queries, int keys) {
    }

    /** {@code scores[T * S]}: after adding the mask. */
    default void maskedScores(int head, float[] scores, int queries, int keys) {
    }

    /** {@code probs[T * S]}: after the softmax; rows sum to 1. */
    default void probabilities(int head, float[] probs, int queries, int keys) {
    }
}
