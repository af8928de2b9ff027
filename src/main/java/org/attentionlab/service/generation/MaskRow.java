package org.attentionlab.service.generation;

/**
 * One query row of the causal masking step.
 *
 * @param allowed [key]: false where the mask hides the key (positions after the row)
 * @param raw     [key]: QK^T / sqrt(d_head) before the mask
 * @param masked  [key]: after the mask (hidden keys hold a very large negative number, HF's -inf)
 * @param weights [key]: the softmax of {@code masked}; hidden keys get 0
 */
public record MaskRow(int layer, int head, int row, boolean[] allowed, float[] raw, float[] masked, float[] weights) {
}
