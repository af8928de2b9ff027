package org.attentionlab.domain;

/**
 * One attention score written out with its numbers: how decoder state h_t and encoder state h_s
 * give score(h_t, h_s).
 *
 * @param scoreFunction dot, bilinear or mlp
 * @param decoderState  h_t
 * @param encoderState  h_s
 * @param query         what h_t contributes: h_t (dot, bilinear) or W_2 h_t (mlp)
 * @param key           what h_s contributes: h_s (dot), W_a h_s (bilinear) or W_1 h_s + b_1 (mlp)
 * @param hidden        mlp only: tanh(W_1 h_s + b_1 + W_2 h_t); null otherwise
 * @param v             mlp only: the weights v; null otherwise
 * @param terms         the summands: query[k] * key[k] (dot, bilinear) or v[a] * hidden[a] (mlp)
 * @param score         their sum, the score
 */
public record ScoreBreakdown(String scoreFunction, float[] decoderState, float[] encoderState, float[] query, float[] key,
                             float[] hidden, float[] v, float[] terms, float score) {
}
