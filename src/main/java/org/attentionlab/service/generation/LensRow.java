package org.attentionlab.service.generation;

/**
 * What one layer "would say" (logit lens): the most likely next tokens when the final LayerNorm
 * and the LM head are applied to that layer's hidden state of the last token.
 *
 * @param layer 0 for the embeddings, l for the output of block l (the last one is the model's own prediction)
 * @param ids   the top token ids, most likely first
 * @param probs their probabilities under that layer's softmax
 */
public record LensRow(int layer, int[] ids, float[] probs) {
}
