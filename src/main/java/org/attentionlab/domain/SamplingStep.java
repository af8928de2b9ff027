package org.attentionlab.domain;

/**
 * One generation step's choice, stage by stage, in HuggingFace's order: the model's
 * distribution, the same after temperature, the tokens top-k keeps, the tokens top-p then keeps,
 * the renormalised distribution over what is left, the uniform draw and the chosen token.
 * Every array is indexed by token id [vocab].
 *
 * <p>The stages are computed with the step's settings whether or not it sampled: a greedy step
 * takes the most likely token of {@code probabilities} (which is also the most likely token of
 * every later stage) and has no draw.
 *
 * @param logits        the model's next-token logits
 * @param probabilities softmax of the logits, before any filter
 * @param tempered      softmax of logits / temperature (equal to {@code probabilities} at temperature 1)
 * @param keptByTopK    true for the tokens top-k keeps (every token when top-k is 0)
 * @param keptByTopP    true for the tokens left after top-k and then top-p (a subset of {@code keptByTopK})
 * @param renormalised  softmax over the kept tokens (0 for removed tokens): what a sampled step draws from
 * @param draw          the uniform number in [0, 1) drawn for this step, or NaN when nothing was drawn (greedy)
 * @param chosen        the token id taken
 * @param forced        true when the caller chose the token instead of the sampler
 */
public record SamplingStep(float[] logits, float[] probabilities, float[] tempered, boolean[] keptByTopK,
                           boolean[] keptByTopP, float[] renormalised, double draw, int chosen, boolean forced) {

    public int vocabSize() {
        return logits.length;
    }

    /** Whether a random number was drawn for this step. */
    public boolean sampled() {
        return !Double.isNaN(draw);
    }

    /** 1 for the most likely token of the model's distribution, 2 for the next, ... (ties: lower id first). */
    public int rank(int id) {
        return rankIn(probabilities, id);
    }

    /** The rank of {@code id} in {@code dist} (1 = most likely; ties: lower id first). */
    public static int rankIn(float[] dist, int id) {
        float p = dist[id];
        int rank = 1;
        for (int i = 0; i < dist.length; i++) {
            if (dist[i] > p || (dist[i] == p && i < id)) {
                rank++;
            }
        }
        return rank;
    }

    /** Ids of the {@code k} most likely tokens of {@code dist}, most likely first (ties: lower id first). */
    public static int[] top(float[] dist, int k) {
        k = Math.min(k, dist.length);
        int[] best = new int[k];
        int n = 0;
        for (int i = 0; i < dist.length; i++) {
            float v = dist[i];
            if (n == k && !(v > dist[best[k - 1]])) {
                continue;
            }
            int j = n < k ? n++ : k - 1;
            while (j > 0 && v > dist[best[j - 1]]) {
                best[j] = best[j - 1];
                j--;
            }
            best[j] = i;
        }
        return best;
    }

    /** How many tokens the filters keep. */
    public int keptCount() {
        int n = 0;
        for (boolean b : keptByTopP) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** How many tokens top-k keeps. */
    public int keptByTopKCount() {
        int n = 0;
        for (boolean b : keptByTopK) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
