package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.SamplingStep;
import org.junit.jupiter.api.Test;

/** The draw, the forced step and the sampler's step against their definitions. */
class SamplingStagesTest {
    private static float[] logits(Random r, int n, double spread) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * spread);
        }
        return x;
    }

    @Test
    void theDrawLandsOnTheChosenTokensSegmentOfTheBarSortedByProbability() {
        Random r = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            float[] lg = logits(r, 50 + r.nextInt(3000), 1 + r.nextInt(6));
            GenerationSettings s = GenerationSettings.sampling(1, 0.5 + r.nextDouble(), r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(100),
                    r.nextBoolean() ? 1.0 : 0.05 + 0.9 * r.nextDouble(), 1);
            double u = r.nextDouble();
            SamplingStep st = SamplingStages.choose(lg, s, u);
            float[] p = st.renormalised();
            Integer[] order = IntStream.range(0, p.length).filter(i -> p[i] > 0).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparingInt(i -> i));
            double before = 0;
            int at = -1;
            for (int i = 0; i < order.length; i++) {
                if (order[i] == st.chosen()) {
                    at = i;
                    break;
                }
                before += p[order[i]];
            }
            assertTrue(at >= 0, "the chosen token is kept");
            assertTrue(st.keptByTopP()[st.chosen()]);
            assertTrue(u >= before && (u < before + p[st.chosen()] || at == order.length - 1),
                    "u=" + u + " lands in [" + before + ", " + (before + p[st.chosen()]) + ")");
        }
    }

    @Test
    void stepChoosesWhatChooseChoosesAndForcedStepsKeepTheDrawSequence() {
        Random r = new Random(5);
        GenerationSettings s = GenerationSettings.sampling(1, 0.9, 40, 0.9, 99);
        TokenSampler a = new TokenSampler(s);
        TokenSampler b = new TokenSampler(s);
        TokenSampler c = new TokenSampler(s);
        for (int i = 0; i < 50; i++) {
            float[] lg = logits(r, 500, 3);
            SamplingStep st = b.step(lg);
            assertEquals(a.choose(lg).id(), st.chosen());
            assertFalse(st.forced());
            if (i % 7 == 3) {
                SamplingStep f = c.force(lg, 17);
                assertEquals(17, f.chosen());
                assertTrue(f.forced());
                assertEquals(st.draw(), f.draw(), "a forced step still uses up its draw");
            } else {
                assertEquals(st.chosen(), c.step(lg).chosen());
            }
        }
    }

    @Test
    void greedyTakesTheArgmaxAndDrawsNothing() {
        float[] lg = {0.5f, 3f, 3f, -1f};
        SamplingStep st = new TokenSampler(GenerationSettings.greedy(1)).step(lg);
        assertEquals(1, st.chosen());
        assertTrue(Double.isNaN(st.draw()));
        assertArrayEquals(new int[] {1, 2, 0, 3}, SamplingStep.top(st.probabilities(), 4));
        assertEquals(3, st.rank(0));
    }

    @Test
    void ascendingOrderIsAStableSortByValue() {
        Random r = new Random(9);
        for (int trial = 0; trial < 50; trial++) {
            float[] x = new float[1 + r.nextInt(400)];
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (r.nextInt(6)) {
                    case 0 -> Float.NEGATIVE_INFINITY;
                    case 1 -> -0.0f;
                    case 2 -> 0.0f;
                    case 3 -> (float) r.nextInt(5);       // many ties
                    default -> (float) r.nextGaussian() * 10;
                };
            }
            Integer[] want = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
            Arrays.sort(want, (a, b) -> Float.compare(x[a], x[b]));
            assertArrayEquals(Arrays.stream(want).mapToInt(Integer::intValue).toArray(), LogitsFilters.ascendingOrder(x));
        }
    }
}
