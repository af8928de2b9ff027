package org.attentionlab.domain;

/**
 * One layer's attention inputs and outputs, split by head: the query, key and value vector of
 * every token, and each head's weighted sum of the values (softmax(QK^T/sqrt(d) + mask) V) before
 * the output projection merges the heads. The scores, the mask and the softmax between them are
 * in {@link MaskStep} and {@link ForwardTrace#attentions()}.
 *
 * @param layer    layer index
 * @param queries  [head][query token][headDim]
 * @param keys     [head][key token][headDim]
 * @param values   [head][key token][headDim]
 * @param contexts [head][query token][headDim]: the head's output; concatenating the heads of a
 *                 token gives the input of the output projection (BERT attention.output.dense,
 *                 GPT-2 attn.c_proj)
 */
public record HeadProjections(int layer, float[][][] queries, float[][][] keys, float[][][] values,
                              float[][][] contexts) {
    public int heads() {
        return queries.length;
    }

    public int headDim() {
        return queries.length == 0 || queries[0].length == 0 ? 0 : queries[0][0].length;
    }
}
