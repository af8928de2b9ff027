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

    /**
     * The ids of the {@code k} highest logits that hidden state {@code layer} gives token
     * {@code token}, highest first; equal logits keep the lower id first.
     */
    public int[] top(int layer, int token, int k) {
        float[] row = logits[layer][token];
        int[] best = new int[Math.max(0, Math.min(k, row.length))];
        if (best.length == 0) {
            return best;
        }
        int count = 0;
        for (int id = 0; id < row.length; id++) {
            if (count == best.length && !(row[id] > row[best[count - 1]])) {
                continue;
            }
            int j = count < best.length ? count++ : count - 1;
            while (j > 0 && row[id] > row[best[j - 1]]) {     // insertion keeps the list sorted
                best[j] = best[j - 1];
                j--;
            }
            best[j] = id;
        }
        return best;
    }
}
