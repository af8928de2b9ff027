package org.attentionlab.domain;

/**
 * What one decoding call computed for the tokens it added after the cached ones.
 *
 * @param start       position of the first added token
 * @param ids         the added tokens' ids
 * @param attentions  [layer][head][added token][key]: each added token's attention over positions
 *                    0 .. its own (the rows of the causal attention matrix for these positions)
 * @param logits      next-token logits [vocab] after the last added token
 * @param lens        the logit lens of the last added token, [layer + 1][vocab]: the final LayerNorm
 *                    and the LM head applied to each hidden state (0 = embeddings; the last entry is
 *                    the model's own output: {@code logits} up to rounding)
 */
public record DecodeStep(int start, int[] ids, float[][][][] attentions, float[] logits, float[][] lens) {
    /** Positions after this step. */
    public int end() {
        return start + ids.length;
    }
}
