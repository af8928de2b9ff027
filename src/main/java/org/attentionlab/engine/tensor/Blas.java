package org.attentionlab.engine.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_scopy;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sger;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Row-major matrix products on off-heap buffers, calling the OpenBLAS that ND4J bundles.
 *
 * <p>Every operand is a {@link FloatPointer} plus an element offset and a leading dimension, so
 * that one head's slice of a {@code [T, hidden]} buffer can be used in place (offset
 * {@code head * headDim}, leading dimension {@code hidden}). A product with a single row is sent
 * to {@code sgemv}: OpenBLAS 0.3.19's {@code sgemm} packs the whole right-hand matrix even for
 * one row, which is what the one-token decode step would otherwise pay for every weight.
 * OpenBLAS runs each call on the calling thread ({@link ComputeThreads}); the engine's own
 * threads call it in parallel on disjoint outputs.
 */
public final class Blas {
    static {
        ComputeThreads.init();
    }

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
        gemm(false, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    }

    /**
     * {@code C[m, n] = alpha * op(A) · op(B)}: {@code op(A)} is {@code A[m, k]}, or the
     * transpose of {@code A[k, m]} when {@code transA}; {@code op(B)} is {@code B[k, n]}, or the
     * transpose of {@code B[n, k]} when {@code transB}. A product with one row or one column of
     * output goes to {@code sgemv}.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            FloatPointer a, long aOffset, int lda,
                            FloatPointer b, long bOffset, int ldb,
                            FloatPointer c, long cOffset, int ldc) {
        FloatPointer av = at(a, aOffset);
        FloatPointer bv = at(b, bOffset);
        FloatPointer cv = at(c, cOffset);
        if (m == 1) {        // c[n] = op(B)^T · a, a read with stride (transA ? lda : 1)
            int incA = transA ? lda : 1;
            if (transB) {    // B[n, k]
                cblas_sgemv(CblasRowMajor, CblasNoTrans, n, k, alpha, bv, ldb, av, incA, 0f, cv, 1);
            } else {         // B[k, n]
                cblas_sgemv(CblasRowMajor, CblasTrans, k, n, alpha, bv, ldb, av, incA, 0f, cv, 1);
            }
            return;
        }
        if (n == 1) {        // c[m] (stride ldc) = op(A) · b, b read with stride (transB ? 1 : ldb)
            int incB = transB ? 1 : ldb;
            if (transA) {    // A[k, m]
                cblas_sgemv(CblasRowMajor, CblasTrans, k, m, alpha, av, lda, bv, incB, 0f, cv, ldc);
            } else {         // A[m, k]
                cblas_sgemv(CblasRowMajor, CblasNoTrans, m, k, alpha, av, lda, bv, incB, 0f, cv, ldc);
            }
            return;
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                alpha, av, lda, bv, ldb, 0f, cv, ldc);
    }

    /** {@code C[m, n] += x[m] · y[n]^T} (x with stride incX, y with stride incY). */
    public static void rankOne(int m, int n, FloatPointer x, long xOffset, int incX, FloatPointer y, long yOffset,
                               int incY, FloatPointer c, long cOffset, int ldc) {
        cblas_sger(CblasRowMajor, m, n, 1f, at(x, xOffset), incX, at(y, yOffset), incY, at(c, cOffset), ldc);
    }

    /** Copies {@code n} floats between off-heap buffers, reading every {@code srcStride}-th and writing every {@code dstStride}-th. */
    public static void copy(int n, FloatPointer src, long srcOffset, int srcStride, FloatPointer dst, long dstOffset,
                            int dstStride) {
        cblas_scopy(n, at(src, srcOffset), srcStride, at(dst, dstOffset), dstStride);
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
