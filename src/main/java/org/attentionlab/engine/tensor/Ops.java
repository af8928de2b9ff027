package org.attentionlab.engine.tensor;

/**
 * Element-wise and row-wise operations on row-major float arrays, in plain loops.
 *
 * <p>Numerics follow PyTorch's definitions so that results stay within float rounding of
 * HuggingFace: LayerNorm uses the biased variance (divide by n) with eps inside the square root.
 * Sums are accumulated in double, which keeps our error well below PyTorch's own float rounding.
 * The softmax is {@link FloatMath#softmax} (the only one in the engine).
 */
public final class Ops {
    /** The additive mask value HuggingFace uses for hidden positions: {@code torch.finfo(float32).min}. */
    public static final float MASK_VALUE = -Float.MAX_VALUE;

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Ops() {
    }

    /**
     * LayerNorm of each row: {@code (x - mean) / sqrt(var + eps) * gain + bias}, biased variance.
     * {@code out} may be {@code x}. Mean and variance are accumulated in double, in four
     * independent sums (one long chain of dependent additions would take four times as long);
     * the normalisation itself is a float loop that the JIT vectorises.
     */
    public static void layerNorm(float[] x, int rows, int dim, float[] gain, float[] bias, float eps, float[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            double mean = sum4(x, o, dim) / dim;
            double var = squaredDeviations4(x, o, dim, mean) / dim;
            float m = (float) mean;
            float rstd = (float) (1.0 / Math.sqrt(var + eps));
            for (int j = 0; j < dim; j++) {
                out[o + j] = (x[o + j] - m) * rstd * gain[j] + bias[j];
            }
        }
    }

    /** The sum of {@code x[o, o + n)}. */
    private static double sum4(float[] x, int o, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += x[o + j];
            s1 += x[o + j + 1];
            s2 += x[o + j + 2];
            s3 += x[o + j + 3];
        }
        for (; j < n; j++) {
            s0 += x[o + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The sum of {@code (x - center)^2} over {@code x[o, o + n)}. */
    private static double squaredDeviations4(float[] x, int o, int n, double center) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double d0 = x[o + j] - center;
            double d1 = x[o + j + 1] - center;
            double d2 = x[o + j + 2] - center;
            double d3 = x[o + j + 3] - center;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < n; j++) {
            double d = x[o + j] - center;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * LayerNorm of each column of the feature-major {@code x[dim, tokens]} (one column per
     * token), as {@link #layerNorm} does for rows; {@code out} may be {@code x}. The loops run
     * along the tokens, so the sums for all tokens advance together and the normalisation
     * vectorises.
     */
    public static void layerNormColumns(float[] x, int dim, int tokens, float[] gain, float[] bias, float eps,
                                        float[] out) {
        if (tokens == 1) {
            layerNorm(x, 1, dim, gain, bias, eps, out);
            return;
        }
        double[] sum = new double[tokens];
        for (int j = 0; j < dim; j++) {
            int o = j * tokens;
            for (int t = 0; t < tokens; t++) {
                sum[t] += x[o + t];
            }
        }
        double[] mean = new double[tokens];
        for (int t = 0; t < tokens; t++) {
            mean[t] = sum[t] / dim;
            sum[t] = 0;
        }
        for (int j = 0; j < dim; j++) {
            int o = j * tokens;
            for (int t = 0; t < tokens; t++) {
                double d = x[o + t] - mean[t];
                sum[t] += d * d;
            }
        }
        float[] m = new float[tokens];
        float[] rstd = new float[tokens];
        for (int t = 0; t < tokens; t++) {
            m[t] = (float) mean[t];
            rstd[t] = (float) (1.0 / Math.sqrt(sum[t] / dim + eps));
        }
        for (int j = 0; j < dim; j++) {
            int o = j * tokens;
            float g = gain[j];
            float b = bias[j];
            for (int t = 0; t < tokens; t++) {
                out[o + t] = (x[o + t] - m[t]) * rstd[t] * g + b;
            }
        }
    }

    /** Writes the transpose of {@code src[rows, cols]} into {@code dst[cols, rows]} and returns {@code dst}. */
    public static float[] transpose(float[] src, int rows, int cols, float[] dst) {
        final int block = 32; // a tile of each fits in L1
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        dst[c * rows + r] = src[r * cols + c];
                    }
                }
            }
        }
        return dst;
    }

    /** {@code a[i] += b[i]} for the first {@code n} entries. */
    public static void addInPlace(float[] a, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            a[i] += b[i];
        }
    }

    /** Exact GELU, {@code x/2 * (1 + erf(x / sqrt 2))}: BERT's "gelu". */
    public static float geluErf(float x) {
        return (float) (0.5 * x * (1.0 + Erf.erf(x * SQRT_HALF)));
    }

    /**
     * GPT-2's "gelu_new": {@code x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, computed as
     * {@code x / (1 + exp(-2u))}, the same function without calling tanh.
     */
    public static float geluTanh(float x) {
        double u = SQRT_TWO_OVER_PI * (x + 0.044715 * x * (double) x * x);
        return (float) (x / (1.0 + Math.exp(-2.0 * u)));
    }

    /** Index of the largest of {@code x[offset, offset + n)}, the first one on ties (as torch.argmax). */
    public static int argmax(float[] x, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[offset + i] > x[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Indices of the {@code k} largest of {@code x[offset, offset + n)}, largest first; equal
     * values keep the lower index first.
     */
    public static int[] topK(float[] x, int offset, int n, int k) {
        k = Math.min(k, n);
        int[] best = new int[k];
        int count = 0;
        for (int i = 0; i < n; i++) {
            float v = x[offset + i];
            if (count == k && !(v > x[offset + best[k - 1]])) {
                continue;
            }
            int j = count < k ? count++ : k - 1;
            while (j > 0 && v > x[offset + best[j - 1]]) { // insertion keeps the list sorted, stable on ties
                best[j] = best[j - 1];
                j--;
            }
            best[j] = i;
        }
        return best;
    }
}
