package org.attentionlab.engine.tensor;

/**
 * Element-wise and row-wise operations on row-major float arrays, in plain loops.
 *
 * <p>Numerics follow PyTorch's definitions so that results stay within float rounding of
 * HuggingFace: softmax subtracts the row maximum before exponentiating; LayerNorm uses the
 * biased variance (divide by n) with eps inside the square root. Sums are accumulated in double,
 * which keeps our error well below PyTorch's own float rounding.
 */
public final class Ops {
    /** The additive mask value HuggingFace uses for hidden positions: {@code torch.finfo(float32).min}. */
    public static final float MASK_VALUE = -Float.MAX_VALUE;

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Ops() {
    }

    /** Softmax over each of {@code rows} rows of length {@code cols}, in place. */
    public static void softmaxRows(float[] x, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            softmax(x, r * cols, cols);
        }
    }

    /**
     * Softmax of {@code x[offset, offset + n)}, in place. Entries equal to {@link #MASK_VALUE}
     * get exactly 0 unless the whole row is masked (then, as in PyTorch, the row is uniform);
     * a row that is entirely -infinity becomes NaN, as in PyTorch.
     */
    public static void softmax(float[] x, int offset, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + n; i++) {
            max = Math.max(max, x[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) { // every entry filtered out: nothing to normalise
            for (int i = offset; i < offset + n; i++) {
                x[i] = Float.NaN;
            }
            return;
        }
        double sum = 0;
        for (int i = offset; i < offset + n; i++) {
            float shifted = x[i] - max;   // float, as PyTorch: -3.4e38 - max stays finite and exp gives 0
            double e = Math.exp(shifted);
            x[i] = (float) e;
            sum += e;
        }
        for (int i = offset; i < offset + n; i++) {
            x[i] = (float) (x[i] / sum);
        }
    }

    /**
     * LayerNorm of each row: {@code (x - mean) / sqrt(var + eps) * gain + bias}, biased variance.
     * {@code out} may be {@code x}.
     */
    public static void layerNorm(float[] x, int rows, int dim, float[] gain, float[] bias, float eps, float[] out) {
        for (int r = 0; r < rows; r++) {
            int o = r * dim;
            double mean = 0;
            for (int j = 0; j < dim; j++) {
                mean += x[o + j];
            }
            mean /= dim;
            double var = 0;
            for (int j = 0; j < dim; j++) {
                double d = x[o + j] - mean;
                var += d * d;
            }
            var /= dim;
            double rstd = 1.0 / Math.sqrt(var + eps);
            for (int j = 0; j < dim; j++) {
                out[o + j] = (float) ((x[o + j] - mean) * rstd * gain[j] + bias[j]);
            }
        }
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
