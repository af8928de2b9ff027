package org.attentionlab.engine;

import java.util.Arrays;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.engine.tensor.FloatMath;
import org.attentionlab.engine.tensor.Ops;

/**
 * The stages of one sampling step ({@link SamplingStep}) computed from logits, with
 * {@link LogitsFilters} in HuggingFace's order, and the draw that picks a token from the
 * renormalised distribution.
 *
 * <p>The draw walks the kept tokens from the most likely down (ties: lower id first) and takes the
 * first whose cumulative probability exceeds the uniform number u: on a bar of the tokens sorted
 * by probability, u lands exactly on the chosen token.
 */
public final class SamplingStages {
    private SamplingStages() {
    }

    /**
     * The stages for {@code logits} under {@code settings} (temperature, top-k, top-p are applied
     * whether the settings sample or not), with {@code draw} and {@code chosen} as given.
     */
    public static SamplingStep of(float[] logits, GenerationSettings settings, double draw, int chosen, boolean forced) {
        int n = logits.length;
        float[] probabilities = logits.clone();
        FloatMath.softmax(probabilities, 0, n);
        float[] work = logits.clone();
        float[] tempered;
        if (settings.temperature() != 1.0) {
            LogitsFilters.temperature(work, settings.temperature());
            tempered = work.clone();
            FloatMath.softmax(tempered, 0, n);
        } else {
            tempered = probabilities;
        }
        boolean[] keptK = new boolean[n];
        if (settings.topK() > 0) {
            LogitsFilters.topK(work, settings.topK());
        }
        for (int i = 0; i < n; i++) {
            keptK[i] = work[i] != Float.NEGATIVE_INFINITY;
        }
        if (settings.topP() < 1.0) {
            LogitsFilters.topP(work, settings.topP());
        }
        boolean[] keptP = new boolean[n];
        for (int i = 0; i < n; i++) {
            keptP[i] = work[i] != Float.NEGATIVE_INFINITY;
        }
        FloatMath.softmax(work, 0, n);
        return new SamplingStep(logits.clone(), probabilities, tempered, keptK, keptP, work, draw, chosen, forced);
    }

    /**
     * The stages for {@code logits} and the token chosen: the most likely token when the settings
     * are greedy (the first on ties, as torch.argmax; {@code u} is then ignored), else the token
     * {@code u} picks from the renormalised distribution ({@link #pick}).
     */
    public static SamplingStep choose(float[] logits, GenerationSettings settings, double u) {
        if (!settings.sample()) {
            return of(logits, settings, Double.NaN, Ops.argmax(logits, 0, logits.length), false);
        }
        SamplingStep s = of(logits, settings, u, -1, false);
        return new SamplingStep(s.logits(), s.probabilities(), s.tempered(), s.keptByTopK(), s.keptByTopP(),
                s.renormalised(), u, pick(s.renormalised(), u), false);
    }

    /** The stages for {@code logits} with {@code id} taken by the caller ({@code u}: the draw recorded, or NaN). */
    public static SamplingStep force(float[] logits, GenerationSettings settings, double u, int id) {
        if (id < 0 || id >= logits.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + logits.length);
        }
        return of(logits, settings, settings.sample() ? u : Double.NaN, id, true);
    }

    /**
     * The token that the uniform number {@code u} in [0, 1) picks from {@code dist} (a
     * probability distribution, 0 for removed tokens): walking from the most likely token down,
     * the first whose cumulative probability (summed in double) exceeds u; the last kept token
     * when rounding leaves the total just under u.
     *
     * <p>Tokens are taken in bands of probability (above 1e-2, then 1e-3, ...), each band sorted,
     * so that the usual draw sorts only the few likely tokens, not the whole vocabulary.
     */
    public static int pick(float[] dist, double u) {
        double cumulative = 0;
        int last = -1;
        float upper = Float.POSITIVE_INFINITY;
        for (float lower = 1e-2f; ; lower = lower < 1e-12f ? 0f : lower / 10f) {
            long[] band = band(dist, lower, upper);
            for (long key : band) {
                int id = (int) key;
                cumulative += dist[id];
                last = id;
                if (u < cumulative) {
                    return id;
                }
            }
            if (lower == 0f) {
                return last;
            }
            upper = lower;
        }
    }

    /** Tokens with lower &lt;= p &lt; upper (p &gt; 0), most likely first, ties by lower id, as keys (id in the low bits). */
    private static long[] band(float[] dist, float lower, float upper) {
        int count = 0;
        long[] keys = new long[16];
        for (int i = 0; i < dist.length; i++) {
            float p = dist[i];
            if (p > 0 && p >= lower && p < upper) {
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count * 2);
                }
                // larger p -> smaller key; a positive float's bits order as its value
                keys[count++] = ((long) (0x7FFFFFFF - Float.floatToIntBits(p)) << 32) | i;
            }
        }
        keys = Arrays.copyOf(keys, count);
        Arrays.sort(keys);
        return keys;
    }
}
