package org.attentionlab.engine;

import java.util.Arrays;

/**
 * HuggingFace's sampling filters (logits warpers), reproduced exactly so that the same settings
 * keep the same tokens: {@code TemperatureLogitsWarper}, {@code TopKLogitsWarper} and
 * {@code TopPLogitsWarper}. A removed token's logit becomes -infinity. {@link #apply} runs them
 * in HF's order: temperature, top-k, top-p.
 */
public final class LogitsFilters {
    private LogitsFilters() {
    }

    /** Applies temperature (when not 1), top-k (when &gt; 0) and top-p (when &lt; 1), in place. */
    public static void apply(float[] logits, double temperature, int topK, double topP) {
        if (temperature != 1.0) {
            temperature(logits, temperature);
        }
        if (topK > 0) {
            topK(logits, topK);
        }
        if (topP < 1.0) {
            topP(logits, topP);
        }
    }

    /** {@code logits / temperature}, in float as PyTorch divides a float tensor by a Python float. */
    public static void temperature(float[] logits, double temperature) {
        float t = (float) temperature;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = logits[i] / t;
        }
    }

    /** Keeps every logit that is at least the k-th largest (ties at the boundary are all kept). */
    public static void topK(float[] logits, int k) {
        if (k >= logits.length) {
            return;
        }
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        float kth = sorted[sorted.length - k];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] < kth) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Nucleus filter as HF computes it: sort ascending, softmax, cumulative sum; remove tokens
     * whose cumulative probability is at most {@code 1 - p}; always keep the most likely token.
     * The kept set is the smallest set of most likely tokens whose probabilities reach {@code p}.
     */
    public static void topP(float[] logits, double p) {
        int n = logits.length;
        int[] order = ascendingOrder(logits);
        float[] sortedProbs = new float[n];
        for (int i = 0; i < n; i++) {
            sortedProbs[i] = logits[order[i]];
        }
        org.attentionlab.engine.tensor.FloatMath.softmax(sortedProbs, 0, n);
        float threshold = (float) (1 - p); // PyTorch compares a float tensor with the scalar in float
        double cumulative = 0;             // torch.cumsum accumulates float in double on the CPU
        boolean[] remove = new boolean[n];
        for (int i = 0; i < n; i++) {
            cumulative += sortedProbs[i];
            remove[i] = (float) cumulative <= threshold;
        }
        remove[n - 1] = false;             // min_tokens_to_keep = 1
        for (int i = 0; i < n; i++) {
            if (remove[i]) {
                logits[order[i]] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Indices of {@code x} by ascending value, equal values by index (a stable sort, in the order
     * of {@link Float#compare}); sorts primitive keys (value bits above, index below), not boxed
     * indices, so that a 50,257-token vocabulary sorts in a few milliseconds.
     */
    static int[] ascendingOrder(float[] x) {
        long[] keys = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            int bits = Float.floatToIntBits(x[i]);
            bits ^= (bits >> 31) & 0x7fffffff;                     // signed-int order = float order
            keys[i] = ((long) bits << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
