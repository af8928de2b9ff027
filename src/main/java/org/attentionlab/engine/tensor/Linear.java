package org.attentionlab.engine.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * An affine layer {@code y = x · W^T + b} applied to rows of activations.
 *
 * <p>PyTorch's {@code nn.Linear} stores {@code W} as {@code [out, in]}; GPT-2's {@code Conv1D}
 * stores the same map as {@code [in, out]}. Both are kept exactly as stored (no transposed copy
 * at load) and {@link Layout} tells the product which way to read the matrix.
 *
 * @param weight the matrix as stored in the checkpoint
 * @param bias   [out], or null for no bias
 * @param layout how {@code weight} is laid out
 */
public record Linear(Matrix weight, float[] bias, Layout layout) implements AutoCloseable {
    /** How the weight matrix of a {@link Linear} is stored. */
    public enum Layout {
        /** {@code [out, in]}, as {@code torch.nn.Linear} (BERT, and tied embedding heads). */
        OUT_IN,
        /** {@code [in, out]}, as HuggingFace's {@code Conv1D} (GPT-2's c_attn, c_proj, c_fc). */
        IN_OUT
    }

    public Linear {
        if (bias != null && bias.length != (layout == Layout.OUT_IN ? weight.rows() : weight.cols())) {
            throw new IllegalArgumentException("bias of " + bias.length + " does not match the weight");
        }
    }

    public int inFeatures() {
        return layout == Layout.OUT_IN ? weight.cols() : weight.rows();
    }

    public int outFeatures() {
        return layout == Layout.OUT_IN ? weight.rows() : weight.cols();
    }

    /**
     * Computes {@code y[rows, out] = x[rows, in] · W^T + b}. The rows are copied into
     * {@code scratch}'s buffers for BLAS and the result copied back to {@code y}.
     */
    public void apply(float[] x, int rows, float[] y, Scratch scratch) {
        int in = inFeatures();
        int out = outFeatures();
        FloatPointer xs = scratch.get(Scratch.Slot.LINEAR_IN, (long) rows * in);
        FloatPointer ys = scratch.get(Scratch.Slot.LINEAR_OUT, (long) rows * out);
        Blas.write(x, 0, xs, 0, rows * in);
        if (layout == Layout.OUT_IN) {
            Blas.gemm(rows, out, in, 1f, xs, 0, in, weight.data(), 0, in, true, ys, 0, out);
        } else {
            Blas.gemm(rows, out, in, 1f, xs, 0, in, weight.data(), 0, out, false, ys, 0, out);
        }
        Blas.read(ys, 0, y, 0, rows * out);
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                int o = r * out;
                for (int j = 0; j < out; j++) {
                    y[o + j] += bias[j];
                }
            }
        }
    }

    /** Parameters held (weight and bias). */
    public long parameterCount() {
        return weight.size() + (bias == null ? 0 : bias.length);
    }

    @Override
    public void close() {
        weight.close();
    }
}
