package org.attentionlab.domain;

/**
 * The model's output head applied to every layer's hidden state, as if the model stopped there:
 * for GPT-2 the final LayerNorm {@code ln_f} and the LM head; for BERT the whole MLM head
 * ({@code cls.predictions}: transform, activation, LayerNorm, decoder). The last entry is the
 * model's own output logits.
 *
 * @param logits [layer + 1][token][vocab]; index 0 is the embedding output, index i the output of
 *               layer i (the same indices as {@link ForwardTrace#hidden()})
 */
public record LogitLens(float[][][] logits) {
    /** The number of hidden states looked through: layers + 1. */
    public int depth() {
        return logits.length;
    }
}
