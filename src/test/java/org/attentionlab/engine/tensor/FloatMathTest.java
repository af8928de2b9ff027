package org.attentionlab.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The vectorisable exp, softmax and GELUs against double-precision references. */
class FloatMathTest {

    @Test
    void expIsWithinAFewUnitsInTheLastPlaceOverTheWholeFloatRange() {
        Random random = new Random(11);
        float[] x = new float[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * (i % 2 == 0 ? 88 : 4));
        }
        float[] e = x.clone();
        FloatMath.expInPlace(e, 0, e.length);
        for (int i = 0; i < x.length; i++) {
            double expected = Math.exp(x[i]);
            if (expected > Float.MIN_NORMAL) {
                assertEquals(expected, e[i], 3e-7 * expected, "exp(" + x[i] + ")");
            }
            assertEquals(e[i], FloatMath.exp(x[i]), 0f, "scalar and array forms agree at " + x[i]);
        }
    }

    @Test
    void expHandlesTheEdgesAsMathExpDoes() {
        assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY), 0f);
        assertEquals(0f, FloatMath.exp(Ops.MASK_VALUE), 0f);           // a masked score: exactly 0
        assertEquals(0f, FloatMath.exp(-120f), 0f);
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(89f));
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
        assertEquals(1f, FloatMath.exp(0f), 0f);
        // subnormal results round like the true value
        assertEquals((float) Math.exp(-100), FloatMath.exp(-100f), Float.MIN_VALUE);
        assertEquals((float) Math.exp(-88.5), FloatMath.exp(-88.5f), 4 * Math.ulp((float) Math.exp(-88.5)));
    }

    @Test
    void softmaxMatchesTheDoublePrecisionDefinition() {
        Random random = new Random(12);
        for (int n : new int[] {1, 7, 64, 1000, 50257}) {
            float[] x = new float[n + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (random.nextGaussian() * 6);
            }
            x[2] += Ops.MASK_VALUE;                                        // one masked entry in the row
            float[] ours = x.clone();
            FloatMath.softmax(ours, 2, n);
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 2; i < 2 + n; i++) {
                max = Math.max(max, x[i]);
            }
            double sum = 0;
            for (int i = 2; i < 2 + n; i++) {
                sum += Math.exp((double) x[i] - max);
            }
            for (int i = 2; i < 2 + n; i++) {
                double expected = Math.exp((double) x[i] - max) / sum;
                assertEquals(expected, ours[i], 1e-6 * Math.max(expected, 1e-3), "n " + n + ", entry " + i);
            }
            if (n > 1) {
                assertEquals(0f, ours[2], 0f, "the masked entry gets exactly 0");
            }
            assertEquals(x[0], ours[0], 0f, "entries outside the row are untouched");
            assertEquals(x[n + 2], ours[n + 2], 0f);
        }
    }

    @Test
    void softmaxOfFullyMaskedAndMinusInfinityRowsIsAsInPyTorch() {
        float[] masked = {Ops.MASK_VALUE, Ops.MASK_VALUE, Ops.MASK_VALUE, Ops.MASK_VALUE};
        FloatMath.softmax(masked, 0, 4);
        for (float p : masked) {
            assertEquals(0.25f, p, 0f);
        }
        float[] filtered = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        FloatMath.softmax(filtered, 0, 2);
        assertTrue(Float.isNaN(filtered[0]) && Float.isNaN(filtered[1]));
    }

    @Test
    void geluErfMatchesTheAccurateErfWithinFloatRounding() {
        Random random = new Random(13);
        float[] x = new float[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * (i % 3 == 0 ? 12 : 3));
        }
        float[] y = x.clone();
        FloatMath.geluErfInPlace(y, 0, y.length);
        for (int i = 0; i < x.length; i++) {
            double expected = 0.5 * x[i] * (1 + Erf.erf(x[i] / Math.sqrt(2)));
            assertEquals(expected, y[i], 4e-7 * Math.max(1, Math.abs(x[i])), "gelu(" + x[i] + ")");
        }
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NaN};
        FloatMath.geluErfInPlace(special, 0, 4);
        assertEquals(0f, special[0], 0f);
        assertEquals(Float.POSITIVE_INFINITY, special[2]);
        assertTrue(Float.isNaN(special[3]));
    }

    @Test
    void geluTanhMatchesItsDefinitionWithinFloatRounding() {
        Random random = new Random(14);
        float[] x = new float[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((random.nextDouble() * 2 - 1) * (i % 3 == 0 ? 12 : 3));
        }
        float[] y = x.clone();
        FloatMath.geluTanhInPlace(y, 0, y.length);
        for (int i = 0; i < x.length; i++) {
            double u = Math.sqrt(2 / Math.PI) * (x[i] + 0.044715 * x[i] * x[i] * (double) x[i]);
            double expected = 0.5 * x[i] * (1 + Math.tanh(u));
            assertEquals(expected, y[i], 4e-7 * Math.max(1, Math.abs(x[i])), "gelu_new(" + x[i] + ")");
        }
    }
}
