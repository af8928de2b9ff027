package org.attentionlab.engine.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Row-major matrix products on off-heap buffers, calling the OpenBLAS that ND4J bundles.
 *
 * <p>Every operand is a {@link FloatPointer} plus an element offset and a leading dimension, so
 * that one head's slice of a {@code [T, hidden]} buffer can be used in place (offset
 * {@code head * headDim}, leading dimension {@code hidden}). A product with a single row is sent
 * to {@code sgemv}: OpenBLAS 0.3.19's {@code sgemm} packs the whole right-hand matrix even for
 * one row, which is what the one-token decode step would otherwise pay for every weight.
 */
public final class Blas {
    private Blas() {
    }

    /**
     * {@code C[m, n] = alpha * A[m, k] · op(B)}, where {@code op(B)} is {@code B[k, n]}, or the
     * transpose of {@code B[n, k]} when {@code transB}.
     */
    public static void gemm(int m, int n, int k, float alpha,
                            FloatPointer a, long aOffset, int lda,
                            FloatPointer b, long bOffset, int ldb, boolean transB,
                            FloatPointer c, long cOffset, int ldc) {
        FloatPointer av = at(a, aOffset);
        FloatPointer bv = at(b, bOffset);
        FloatPointer cv = at(c, cOffset);
        if (m == 1) {
            if (transB) { // y[n] = B[n, k] · a[k]
                cblas_sgemv(CblasRowMajor, CblasNoTrans, n, k, alpha, bv, ldb, av, 1, 0f, cv, 1);
            } else {      // y[n] = B[k, n]^T · a[k]
                cblas_sgemv(CblasRowMajor, CblasTrans, k, n, alpha, bv, ldb, av, 1, 0f, cv, 1);
            }
            return;
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, av, lda, bv, ldb, 0f, cv, ldc);
    }

    /** A view of {@code p} starting {@code offset} elements in; {@code p} itself is not moved. */
    static FloatPointer at(FloatPointer p, long offset) {
        FloatPointer view = new FloatPointer(p);
        view.position(p.position() + offset);
        return view;
    }

    /** Copies {@code length} floats from the heap into {@code dst} at element {@code dstOffset}. */
    public static void write(float[] src, int srcOffset, FloatPointer dst, long dstOffset, int length) {
        at(dst, dstOffset).put(src, srcOffset, length);
    }

    /** Copies {@code length} floats from {@code src} at element {@code srcOffset} to the heap. */
    public static void read(FloatPointer src, long srcOffset, float[] dst, int dstOffset, int length) {
        at(src, srcOffset).get(dst, dstOffset, length);
    }
}
