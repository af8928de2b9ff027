package org.attentionlab.engine.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Multi-head scaled dot-product attention computed the explicit way, one head at a time:
 * {@code scores = Q_h K_h^T * scale}, {@code + mask}, softmax, {@code · V_h}. Nothing is fused,
 * so every intermediate can be handed to an {@link AttentionObserver}.
 *
 * <p>Queries, keys and values are read in place, feature-major ({@code [features, tokens]}, as
 * {@link Linear} leaves them), from off-heap buffers: a stacked QKV projection, or a KV cache.
 * Each head's output is written into its rows of the feature-major context, which the output
 * projection reads directly. The scores themselves are {@code [T, S]}, one row per query, as the
 * observer expects. Heads are shared out among the compute threads ({@link Parallel}) when there
 * is enough work; each thread has its own score buffers. One instance belongs to one run.
 */
public final class Attention {
    /** Multiply-adds below which attention is not worth splitting further. */
    private static final long MIN_WORK_PER_CHUNK = 1L << 16;
    private final Scratch scratch;

    public Attention(Scratch scratch) {
        this.scratch = scratch;
    }

    /**
     * Writes the attention output of all heads into {@code contextT[hidden, T]}.
     *
     * @param queries  T, the query tokens
     * @param keyCount S, the key and value tokens
     * @param qT       feature f of query t at {@code qOffset + f * ldq + t}
     * @param kT       feature f of key s at {@code kOffset + f * ldk + s}
     * @param vT       feature f of value s at {@code vOffset + f * ldv + s}
     * @param scale    multiplies QK^T (1/sqrt(headDim) for both models)
     * @param mask     additive [T * S], or null for none
     * @param contextT feature f of output t at {@code cOffset + f * ldc + t}; null to compute only
     *                 the attention weights (the values are then not read)
     * @param observer told about each head's scores; called from several threads at once for
     *                 different heads when the heads are split
     */
    public void attend(int queries, int keyCount, int heads, int headDim, float scale,
                       FloatPointer qT, long qOffset, int ldq,
                       FloatPointer kT, long kOffset, int ldk,
                       FloatPointer vT, long vOffset, int ldv,
                       float[] mask, FloatPointer contextT, long cOffset, int ldc, AttentionObserver observer) {
        int cells = queries * keyCount;
        long work = 2L * heads * cells * headDim;
        // one chunk per head, or all heads in one chunk when there is too little work to share
        int chunks = Parallel.chunks(work, MIN_WORK_PER_CHUNK, heads) > 1 ? heads : 1;
        Parallel.run(chunks, (chunk, worker) -> {
            int firstHead = chunks == 1 ? 0 : chunk;
            int endHead = chunks == 1 ? heads : chunk + 1;
            FloatPointer scoresOff = scratch.get(Scratch.Slot.SCORES, worker, cells);
            float[] scores = scratch.heap(Scratch.Slot.SCORES, worker, cells);
            for (int h = firstHead; h < endHead; h++) {
                long row = (long) h * headDim;
                // [T, S] = (Q_h^T)^T [T, d] · K_h^T [d, S] * scale
                Blas.gemm(true, false, queries, keyCount, headDim, scale, qT, qOffset + row * ldq, ldq,
                        kT, kOffset + row * ldk, ldk, scoresOff, 0, keyCount);
                Blas.read(scoresOff, 0, scores, 0, cells);
                observer.rawScores(h, scores, queries, keyCount);
                if (mask != null) {
                    for (int i = 0; i < cells; i++) {
                        scores[i] += mask[i];
                    }
                }
                observer.maskedScores(h, scores, queries, keyCount);
                for (int t = 0; t < queries; t++) {
                    FloatMath.softmax(scores, t * keyCount, keyCount);
                }
                observer.probabilities(h, scores, queries, keyCount);
                if (contextT != null) {
                    Blas.write(scores, 0, scoresOff, 0, cells);
                    // context_h^T [d, T] = V_h^T [d, S] · P^T [S, T], into this head's rows
                    Blas.gemm(false, true, headDim, queries, keyCount, 1f, vT, vOffset + row * ldv, ldv,
                            scoresOff, 0, keyCount, contextT, cOffset + row * ldc, ldc);
                }
            }
        });
    }
}
