package org.attentionlab.domain;

/**
 * One layer's masking step, the part of attention that students most often get wrong:
 * scores = QK^T / sqrt(d), then the mask is added (hidden positions become a very large
 * negative number), then softmax.
 *
 * @param layer        layer index
 * @param kind         which mask
 * @param allowed      [query][key]: true where the query may attend to the key
 * @param rawScores    [head][query][key]: QK^T / sqrt(d_head), before the mask
 * @param maskedScores [head][query][key]: after adding the mask (hidden entries hold the
 *                     additive mask value, e.g. -3.4028235E38 as in HuggingFace)
 */
public record MaskStep(int layer, MaskKind kind, boolean[][] allowed, float[][][] rawScores, float[][][] maskedScores) {
}
