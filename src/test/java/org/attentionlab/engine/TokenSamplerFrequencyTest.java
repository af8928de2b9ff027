package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.attentionlab.domain.GenerationSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real sampling path, end to end: many seeded draws from {@link TokenSampler} follow the
 * filtered distribution that HF's warpers define (temperature, then top-k, then top-p), computed
 * here independently in double precision from the definitions. A sampler that ignored the
 * temperature or top-p (or top-k) fails: the counts land far outside a chi-square bound (or on a
 * token the filter removes). The draws are seeded, so the test is deterministic.
 */
class TokenSamplerFrequencyTest {
    private static final float[] LOGITS = {2.0f, 1.5f, 1.2f, 0.3f, 0.0f, -0.4f, -1.0f, -2.5f};
    private static final int DRAWS = 40_000;
    /** Chi-square critical value for 7 degrees of freedom at p = 1e-6 (the largest case has 8 tokens). */
    private static final double CHI2_BOUND = 38.9;

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(1.0, 0, 1.0),   // plain softmax
                Arguments.of(0.5, 0, 1.0),   // temperature sharpens
                Arguments.of(2.0, 0, 1.0),   // temperature flattens
                Arguments.of(1.0, 0, 0.8),   // nucleus
                Arguments.of(0.7, 0, 0.9),   // temperature before nucleus
                Arguments.of(1.0, 3, 1.0),   // top-k
                Arguments.of(1.5, 4, 0.7));  // all three, in HF's order
    }

    /** HF's definition: softmax(logits / T), keep the k largest, then the smallest top set whose mass reaches p. */
    static double[] filtered(double temperature, int topK, double topP) {
        int n = LOGITS.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = LOGITS[i] / temperature;
        }
        Integer[] desc = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> -z[i])).toArray(Integer[]::new);
        boolean[] keep = new boolean[n];
        int k = topK > 0 ? Math.min(topK, n) : n;
        for (int r = 0; r < k; r++) {
            keep[desc[r]] = true;
        }
        double[] p = softmax(z, keep);
        if (topP < 1) {
            // ascending cumulative sum; drop tokens whose cumulative mass is at most 1 - p; keep the top one
            boolean[] nucleus = new boolean[n];
            double cumulative = 0;
            for (int r = n - 1; r >= 0; r--) {
                int i = desc[r];
                cumulative += p[i];
                nucleus[i] = keep[i] && (cumulative > 1 - topP || r == 0);
            }
            p = softmax(z, nucleus);
        }
        return p;
    }

    private static double[] softmax(double[] z, boolean[] keep) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            if (keep[i]) {
                max = Math.max(max, z[i]);
            }
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = keep[i] ? Math.exp(z[i] - max) : 0;
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @ParameterizedTest(name = "T={0} top-k={1} top-p={2}")
    @MethodSource("settings")
    void seededDrawsFollowTheFilteredDistribution(double temperature, int topK, double topP) {
        double[] expected = filtered(temperature, topK, topP);
        TokenSampler sampler = new TokenSampler(GenerationSettings.sampling(1, temperature, topK, topP, 12345));
        int[] counts = new int[LOGITS.length];
        for (int d = 0; d < DRAWS; d++) {
            TokenSampler.Choice c = sampler.choose(LOGITS);
            counts[c.id()]++;
            assertEquals(expected[c.id()], c.probability(), 1e-5, "the reported probability is the filtered one");
        }
        double chi2 = 0;
        int kept = 0;
        for (int i = 0; i < LOGITS.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "token " + i + " is removed by the filters but was drawn: " + Arrays.toString(counts));
                continue;
            }
            kept++;
            double e = expected[i] * DRAWS;
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        assertTrue(kept >= 2, "a case with one kept token tests nothing");
        assertTrue(chi2 < CHI2_BOUND, "counts " + Arrays.toString(counts) + " vs expected " + Arrays.toString(expected)
                + ": chi-square " + chi2 + " over " + (kept - 1) + " degrees of freedom");
    }
}
