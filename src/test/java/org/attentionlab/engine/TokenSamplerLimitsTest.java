package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.NonFiniteValuesException;
import org.junit.jupiter.api.Test;

/** The sampler at the edges of its inputs (issue 16). */
class TokenSamplerLimitsTest {
    private static final float[] LOGITS = {0.5f, -1f, 2.25f, 2.0f, -30f};

    @Test
    void temperatureOf1eMinus40SamplesAsGreedyInTheLimit() {
        for (double t : new double[] {1e-40, 1e-46, Double.MIN_VALUE}) {
            for (long seed = 0; seed < 20; seed++) {
                var c = new TokenSampler(GenerationSettings.sampling(1, t, 0, 0.9, seed)).choose(LOGITS);
                assertEquals(2, c.id(), "temperature " + t);
                assertEquals(1f, c.probability());
            }
        }
    }

    @Test
    void smallButRepresentableTemperatureStillSamplesThroughTheFilters() {
        // 1e-3: logits / T stay finite; the distribution is one-hot on the largest logit up to rounding
        var c = new TokenSampler(GenerationSettings.sampling(1, 1e-3, 0, 1.0, 3)).choose(LOGITS);
        assertEquals(2, c.id());
    }

    @Test
    void nonFiniteLogitsAreAClearErrorNotAnIndexOfMinusOne() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] logits = LOGITS.clone();
            logits[1] = bad;
            assertThrows(NonFiniteValuesException.class,
                    () -> new TokenSampler(GenerationSettings.sampling(1, 0.8, 0, 1.0, 1)).choose(logits));
            assertThrows(NonFiniteValuesException.class, () -> new TokenSampler(GenerationSettings.greedy(1)).choose(logits));
        }
    }
}
