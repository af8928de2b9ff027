package org.attentionlab.domain;

/**
 * What each token's input vector is made of, before the first layer: the rows looked up in the
 * embedding tables, and their sum. BERT then applies its embedding LayerNorm to {@code sum} (the
 * result is hidden state 0); GPT-2 uses {@code sum} as it is (it is hidden state 0).
 *
 * @param token    [token][dim] the token embedding row of each id (BERT word_embeddings, GPT-2 wte)
 * @param position [token][dim] the position embedding row of each position (position_embeddings, wpe)
 * @param segment  [token][dim] the segment (token type) embedding row of each token (BERT
 *                 token_type_embeddings); null for GPT-2, which has none
 * @param sum      [token][dim] token + segment + position, in HuggingFace's order of additions
 */
public record EmbeddingParts(float[][] token, float[][] position, float[][] segment, float[][] sum) {
    /** True when the model adds segment embeddings (BERT). */
    public boolean hasSegments() {
        return segment != null;
    }
}
