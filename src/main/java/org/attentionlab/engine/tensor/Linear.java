package org.attentionlab.engine.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * An affine layer {@code y = W x + b} applied to the tokens of a sequence.
 *
 * <p>PyTorch's {@code nn.Linear} stores {@code W} as {@code [out, in]}; GPT-2's {@code Conv1D}
 * stores the same map as {@code [in, out]}. {@link Layout} tells the product which way to read
 * the matrix, so either is used as stored.
 *
 * <p><b>Activations are feature-major</b>: the input is {@code X^T [in, T]} and the output
 * {@code Y^T [out, T]}, one row per feature, so the product is {@code Y^T = W X^T}, the weight on
 * the left. OpenBLAS then streams the weight in small packed panels instead of packing all of it
 * before it starts; measured here with one thread, that is 15-25% faster for 8 to 32 tokens
 * (BERT on a short sentence: 34 against 27 GFLOP/s for 16 tokens) and about 5% for 128. It also
 * makes every chunk of output rows one contiguous block.
 *
 * <p>The product is split by output rows into chunks for the compute threads ({@link Parallel}):
 * a chunk multiplies by its own rows of the weight, adds its part of the bias and, when asked,
 * applies the activation to its block, so the threads never wait for each other inside a layer.
 * Immutable; the weight and an off-heap copy of the bias live until {@link #close()}.
 */
public final class Linear implements AutoCloseable {
    /** How the weight matrix of a {@link Linear} is stored. */
    public enum Layout {
        /** {@code [out, in]}, as {@code torch.nn.Linear} (BERT, and tied embedding heads). */
        OUT_IN,
        /** {@code [in, out]}, as HuggingFace's {@code Conv1D} (GPT-2's c_attn, c_proj, c_fc). */
        IN_OUT
    }

    /** Multiply-adds below which a product is not worth splitting further (about 20 microseconds). */
    private static final long MIN_WORK_PER_CHUNK = 1L << 17;
    /** Chunks per compute thread: two, so that a thread the OS delays leaves at most half its share for the others to wait on (one per thread was 5% faster on an idle machine, twice as slow on a busy one). */
    private static final int CHUNKS_PER_THREAD = 2;
    /** The fewest output rows worth a BLAS call of their own. */
    private static final int MIN_ROWS = 64;
    /** Chunks start on a multiple of 16 output rows (a 64-byte cache line of a one-token output). */
    private static final int ROW_ALIGN = 16;
    /** Input rows per chunk of a one-token product by an [in, out] weight (4 chunks for in = 768). */
    private static final int SPLIT_ROWS = 192;

    private final Matrix weight;
    private final float[] bias;
    private final FloatPointer offHeapBias;
    private final Layout layout;

    /**
     * @param weight the matrix as stored in the checkpoint
     * @param bias   [out], or null for no bias
     * @param layout how {@code weight} is laid out
     */
    public Linear(Matrix weight, float[] bias, Layout layout) {
        if (bias != null && bias.length != (layout == Layout.OUT_IN ? weight.rows() : weight.cols())) {
            throw new IllegalArgumentException("bias of " + bias.length + " does not match the weight");
        }
        this.weight = weight;
        this.bias = bias;
        this.layout = layout;
        this.offHeapBias = bias == null ? null : new FloatPointer(bias);
    }

    /**
     * The same map with the weight stored the other way ({@link Layout}); this layer is closed.
     * Which layout reads faster depends on the shape: see {@link #forwardOne}.
     */
    public Linear withLayout(Layout wanted) {
        if (wanted == layout) {
            return this;
        }
        Linear other = new Linear(weight.transposed(), bias, wanted);
        close();
        return other;
    }

    public Matrix weight() {
        return weight;
    }

    /** The bias [out] (not a copy: do not modify), or null. */
    public float[] bias() {
        return bias;
    }

    public Layout layout() {
        return layout;
    }

    public int inFeatures() {
        return layout == Layout.OUT_IN ? weight.cols() : weight.rows();
    }

    public int outFeatures() {
        return layout == Layout.OUT_IN ? weight.rows() : weight.cols();
    }

    /**
     * Computes {@code Y^T[out, T] = W X^T[in, T] + b}, feature-major on off-heap buffers, then
     * applies {@code activation} (null for none).
     *
     * @param xT      [in, tokens]
     * @param yT      [out, tokens]; must not overlap {@code xT}
     * @param scratch where the chunks take their heap blocks for the activation
     */
    public void forward(FloatPointer xT, int tokens, FloatPointer yT, Activation activation, Scratch scratch) {
        forward(xT, tokens, yT, outFeatures(), activation, scratch);
    }

    /**
     * Like {@link #forward(FloatPointer, int, FloatPointer, Activation, Scratch)}, for the first
     * {@code outRows} outputs only (e.g. the queries and keys of a stacked Q|K|V projection).
     */
    public void forward(FloatPointer xT, int tokens, FloatPointer yT, int outRows, Activation activation,
                        Scratch scratch) {
        int in = inFeatures();
        int out = outRows;
        if (out < outFeatures() && tokens == 1) {
            throw new IllegalArgumentException("a one-token product computes every output");
        }
        if (tokens == 1) {
            Blas.write(forwardOne(xT, activation, scratch), 0, yT, 0, out);
            return;
        }
        FloatPointer ones = bias == null ? null : scratch.ones(tokens);
        int chunks = Math.min(Parallel.chunks((long) tokens * in * out, MIN_WORK_PER_CHUNK, CHUNKS_PER_THREAD),
                Math.max(1, out / MIN_ROWS));
        Parallel.run(chunks, (chunk, worker) -> {
            int from = rowStart(out, chunk, chunks);
            int to = rowStart(out, chunk + 1, chunks);
            int rows = to - from;
            if (rows == 0) {
                return;
            }
            long yOffset = (long) from * tokens;
            if (layout == Layout.OUT_IN) {   // Y^T[from, to) = W[from, to) · X^T
                Blas.gemm(false, false, rows, tokens, in, 1f, weight.data(), (long) from * in, in, xT, 0, tokens,
                        yT, yOffset, tokens);
            } else {                         // Y^T[from, to) = (W[:, from, to))^T · X^T
                Blas.gemm(true, false, rows, tokens, in, 1f, weight.data(), from, out, xT, 0, tokens,
                        yT, yOffset, tokens);
            }
            if (bias != null) {              // Y^T[j, :] += b[j]
                Blas.rankOne(rows, tokens, offHeapBias, from, 1, ones, 0, 1, yT, yOffset, tokens);
            }
            if (activation != null) {
                float[] block = scratch.heap(Scratch.Slot.BLOCK, worker, rows * tokens);  // [rows, T]
                Blas.read(yT, yOffset, block, 0, rows * tokens);
                activation.applyInPlace(block, rows * tokens);
                Blas.write(block, 0, yT, yOffset, rows * tokens);
            }
        });
    }

    /**
     * The one-token product (a decode step), returned as a heap row (a scratch buffer). One token
     * reads the whole weight for few multiply-adds, so its speed is the memory bandwidth; each
     * chunk therefore reads one contiguous block of the weight. [out, in]: blocks of output rows.
     * [in, out]: blocks of input rows, each giving a partial sum of the whole output, added up in
     * chunk order; the chunks depend only on the shape, so the result does not depend on the
     * number of threads.
     */
    private float[] forwardOne(FloatPointer x, Activation activation, Scratch scratch) {
        int in = inFeatures();
        int out = outFeatures();
        float[] row = scratch.heap(Scratch.Slot.ROW, 0, out);
        if (layout == Layout.OUT_IN) {
            FloatPointer y = scratch.get(Scratch.Slot.ROW, 0, out);
            int chunks = Math.min(Parallel.chunks((long) in * out, MIN_WORK_PER_CHUNK, CHUNKS_PER_THREAD),
                    Math.max(1, out / MIN_ROWS));
            Parallel.run(chunks, (chunk, worker) -> {
                int from = rowStart(out, chunk, chunks);
                int to = rowStart(out, chunk + 1, chunks);
                if (from < to) {   // y[from, to) = W[from, to) · x
                    Blas.gemm(false, false, to - from, 1, in, 1f, weight.data(), (long) from * in, in, x, 0, 1,
                            y, from, 1);
                }
            });
            Blas.read(y, 0, row, 0, out);
        } else {
            int chunks = Math.max(1, in / SPLIT_ROWS);
            FloatPointer partial = scratch.get(Scratch.Slot.PARTIAL, 0, (long) chunks * out);
            Parallel.run(chunks, (chunk, worker) -> {
                int from = in * chunk / chunks;
                int to = in * (chunk + 1) / chunks;  // partial[chunk] = W[from, to)^T · x[from, to)
                Blas.gemm(false, false, 1, out, to - from, 1f, x, from, to - from, weight.data(), (long) from * out, out,
                        partial, (long) chunk * out, out);
            });
            if (chunks == 1) {
                Blas.read(partial, 0, row, 0, out);
            } else {
                float[] sums = scratch.heap(Scratch.Slot.PARTIAL, 0, chunks * out);
                Blas.read(partial, 0, sums, 0, chunks * out);
                System.arraycopy(sums, 0, row, 0, out);
                for (int c = 1; c < chunks; c++) {
                    int o = c * out;
                    for (int j = 0; j < out; j++) {
                        row[j] += sums[o + j];
                    }
                }
            }
        }
        if (bias != null) {
            for (int j = 0; j < out; j++) {
                row[j] += bias[j];
            }
        }
        if (activation != null) {
            activation.applyInPlace(row, out);
        }
        return row;
    }

    private static int rowStart(int out, int chunk, int chunks) {
        if (chunk >= chunks) {
            return out;
        }
        int start = (int) ((long) out * chunk / chunks);
        return Math.min(out, start / ROW_ALIGN * ROW_ALIGN);
    }

    /**
     * Computes {@code y[rows, out] = x[rows, in] · W^T + b} for token-major heap arrays (one row
     * per token), transposing into and out of {@code scratch}'s off-heap buffers.
     */
    public void apply(float[] x, int rows, float[] y, Scratch scratch) {
        int in = inFeatures();
        int out = outFeatures();
        FloatPointer xs = scratch.get(Scratch.Slot.INPUT, (long) rows * in);
        if (rows == 1) {
            Blas.write(x, 0, xs, 0, in);
            System.arraycopy(forwardOne(xs, null, scratch), 0, y, 0, out);
            return;
        }
        float[] xT = Ops.transpose(x, rows, in, scratch.heap(Scratch.Slot.TRANSPOSE, 0, rows * in));
        Blas.write(xT, 0, xs, 0, rows * in);
        FloatPointer ys = scratch.get(Scratch.Slot.OUTPUT, (long) rows * out);
        forward(xs, rows, ys, null, scratch);
        float[] yT = scratch.heap(Scratch.Slot.TRANSPOSE, 0, rows * out);
        Blas.read(ys, 0, yT, 0, rows * out);
        Ops.transpose(yT, out, rows, y);
    }

    /** Parameters held (weight and bias). */
    public long parameterCount() {
        return weight.size() + (bias == null ? 0 : bias.length);
    }

    @Override
    public void close() {
        weight.close();
        if (offHeapBias != null && !offHeapBias.isNull()) {
            offHeapBias.close();
        }
    }
}
