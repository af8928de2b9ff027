package org.attentionlab.engine.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Multi-head scaled dot-product attention computed the explicit way, one head at a time:
 * {@code scores = Q_h K_h^T * scale}, {@code + mask}, softmax, {@code · V_h}. Nothing is fused,
 * so every intermediate can be handed to an {@link AttentionObserver}.
 *
 * <p>Queries arrive on the heap; keys and values are off-heap {@code [S, hidden]} buffers (a
 * KV cache, or this pass's own keys), read in place with a head offset and a leading dimension
 * of {@code hidden}. One instance belongs to one run and reuses its buffers.
 */
public final class Attention {
    private final Scratch scratch;
    private float[] scores = new float[0];

    public Attention(Scratch scratch) {
        this.scratch = scratch;
    }

    /**
     * Writes the attention output of all heads into {@code context[T, hidden]}.
     *
     * @param q       [T, hidden] queries, head h in columns {@code h*headDim .. (h+1)*headDim}
     * @param keys    [S, hidden] off-heap
     * @param values  [S, hidden] off-heap
     * @param scale   multiplies QK^T (1/sqrt(headDim) for both models)
     * @param mask    additive [T * S], or null for none
     * @param context [T, hidden] output
     */
    public void attend(float[] q, int queries, FloatPointer keys, FloatPointer values, int keyCount,
                       int heads, int headDim, float scale, float[] mask, float[] context, AttentionObserver observer) {
        int hidden = heads * headDim;
        int cells = queries * keyCount;
        if (scores.length < cells) {
            scores = new float[cells];
        }
        FloatPointer qOff = scratch.get(Scratch.Slot.QUERY, (long) queries * hidden);
        FloatPointer sOff = scratch.get(Scratch.Slot.SCORES, cells);
        FloatPointer cOff = scratch.get(Scratch.Slot.CONTEXT, (long) queries * hidden);
        Blas.write(q, 0, qOff, 0, queries * hidden);
        for (int h = 0; h < heads; h++) {
            long col = (long) h * headDim;
            // [T, S] = [T, d] · [S, d]^T * scale
            Blas.gemm(queries, keyCount, headDim, scale, qOff, col, hidden, keys, col, hidden, true, sOff, 0, keyCount);
            Blas.read(sOff, 0, scores, 0, cells);
            observer.rawScores(h, scores, queries, keyCount);
            if (mask != null) {
                for (int i = 0; i < cells; i++) {
                    scores[i] += mask[i];
                }
            }
            observer.maskedScores(h, scores, queries, keyCount);
            Ops.softmaxRows(scores, queries, keyCount);
            observer.probabilities(h, scores, queries, keyCount);
            Blas.write(scores, 0, sOff, 0, cells);
            // [T, d] = [T, S] · [S, d], written into this head's columns of the context
            Blas.gemm(queries, headDim, keyCount, 1f, sOff, 0, keyCount, values, col, hidden, false, cOff, col, hidden);
        }
        Blas.read(cOff, 0, context, 0, queries * hidden);
    }
}
