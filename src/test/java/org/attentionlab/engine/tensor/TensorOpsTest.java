package org.attentionlab.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/** The numeric helpers against mathematical references. */
class TensorOpsTest {

    @Test
    void erfMatchesTabulatedValues() {
        // reference values of erf (Abramowitz & Stegun, table 7.1, and high-precision evaluations)
        double[][] table = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149},
            {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527}, {3.0, 0.9999779095030014},
            {-0.3, -0.3286267594591112}, {0.0, 0.0}, {7.0, 1.0}};
        for (double[] r : table) {
            assertEquals(r[1], Erf.erf(r[0]), 1e-10, "erf(" + r[0] + ")");
        }
        assertEquals(Double.NaN, Erf.erf(Double.NaN));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void erfInterpolationAgreesWithTheSeriesEverywhere() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            double x = random.nextDouble() * 6.2;
            double series = Erf.bySeries(x);
            assertEquals(Math.min(1.0, series), Erf.erf(x), 1e-10, "erf(" + x + ")");
        }
    }

    @Test
    void geluFormsMatchTheirDefinitions() {
        // tanh form: x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        for (float x : new float[] {-5f, -1.5f, -0.1f, 0f, 0.3f, 1f, 2.5f, 8f}) {
            double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
            assertEquals(0.5 * x * (1 + Math.tanh(u)), Ops.geluTanh(x), 1e-6);
        }
        assertEquals(0.8413447460685429, Ops.geluErf(1f), 1e-7); // x * Phi(x) at 1
        assertEquals(-0.15865525393145707, Ops.geluErf(-1f), 1e-7);
    }

    @Test
    void layerNormUsesTheBiasedVariance() {
        float[] x = {1f, 2f, 3f, 4f};
        float[] out = new float[4];
        Ops.layerNorm(x, 1, 4, new float[] {1f, 1f, 1f, 1f}, new float[4], 1e-12f, out);
        double s = Math.sqrt(1.25); // mean 2.5, biased variance 1.25
        assertArrayEquals(new float[] {(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s)}, out, 1e-6f);
    }

    @Test
    void topKReturnsLargestFirstAndLowerIndexOnTies() {
        float[] x = {0.1f, 0.7f, 0.3f, 0.7f, 0.05f, 0.9f};
        assertArrayEquals(new int[] {5, 1, 3}, Ops.topK(x, 0, 6, 3));
        assertArrayEquals(new int[] {5, 1, 3, 2, 0, 4}, Ops.topK(x, 0, 6, 10));
    }

    @Test
    void gemmAndGemvEqualTheNaiveProductOnOffsetViews() {
        Random random = new Random(5);
        int m = 3;
        int n = 5;
        int k = 4;
        int ld = 9; // operands are column blocks of wider buffers
        float[] a = randomArray(random, m * ld);
        float[] bT = randomArray(random, n * ld); // [n, k] block for transB
        float[] b = randomArray(random, k * ld);  // [k, n] block
        for (int rows : new int[] {1, m}) {
            for (boolean transB : new boolean[] {true, false}) {
                float[] expected = new float[rows * n];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += a[i * ld + 2 + p] * (transB ? bT[j * ld + 1 + p] : b[p * ld + 1 + j]);
                        }
                        expected[i * n + j] = (float) (0.5 * s);
                    }
                }
                try (FloatPointer ap = new FloatPointer(a); FloatPointer bp = new FloatPointer(transB ? bT : b);
                     FloatPointer cp = new FloatPointer((long) rows * ld)) {
                    Blas.gemm(rows, n, k, 0.5f, ap, 2, ld, bp, 1, ld, transB, cp, 3, ld);
                    float[] got = new float[rows * ld];
                    Blas.read(cp, 0, got, 0, rows * ld);
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(expected[i * n + j], got[i * ld + 3 + j], 1e-5, rows + " rows, transB " + transB);
                        }
                    }
                }
            }
        }
    }

    @Test
    void conv1dAndLinearLayoutsComputeTheSameMap() {
        Random random = new Random(9);
        int in = 6;
        int out = 4;
        float[] w = randomArray(random, out * in);       // [out, in]
        float[] wt = new float[in * out];                // [in, out]
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                wt[i * out + o] = w[o * in + i];
            }
        }
        float[] bias = randomArray(random, out);
        float[] x = randomArray(random, 3 * in);
        try (Scratch scratch = new Scratch();
             Linear linear = new Linear(Matrix.of(w, out, in), bias, Linear.Layout.OUT_IN);
             Linear conv = new Linear(Matrix.of(wt, in, out), bias, Linear.Layout.IN_OUT)) {
            for (int rows : new int[] {1, 3}) {
                float[] y1 = new float[rows * out];
                float[] y2 = new float[rows * out];
                linear.apply(x, rows, y1, scratch);
                conv.apply(x, rows, y2, scratch);
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < out; o++) {
                        double s = bias[o];
                        for (int i = 0; i < in; i++) {
                            s += x[r * in + i] * w[o * in + i];
                        }
                        assertEquals(s, y1[r * out + o], 1e-5);
                        assertEquals(s, y2[r * out + o], 1e-5);
                    }
                }
            }
        }
    }

    private static float[] randomArray(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
