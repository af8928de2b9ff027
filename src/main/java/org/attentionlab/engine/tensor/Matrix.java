package org.attentionlab.engine.tensor;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A weight matrix {@code [rows, cols]}, row-major fp32, held off-heap in an ND4J array and
 * multiplied through {@link Blas} on its buffer. Immutable after construction.
 */
public final class Matrix implements AutoCloseable {
    static {
        ComputeThreads.init(); // before the first ND4J array: ND4J's start-up would undo the OpenBLAS setting
    }

    private final INDArray array;   // [rows, cols], 'c' order
    private final FloatPointer data;
    private final int rows;
    private final int cols;

    private Matrix(INDArray array, int rows, int cols) {
        this.array = array;
        this.data = (FloatPointer) array.data().addressPointer();
        this.rows = rows;
        this.cols = cols;
    }

    /** Copies {@code values} (row-major, {@code rows * cols} entries) off-heap. */
    public static Matrix of(float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill [" + rows + ", " + cols + "]");
        }
        // allocate, then one bulk copy: Nd4j.create(float[]) copies element by element (10x slower to load)
        INDArray array = Nd4j.createUninitializedDetached(DataType.FLOAT, rows, cols);
        Matrix m = new Matrix(array, rows, cols);
        m.data.put(values, 0, values.length);
        return m;
    }

    /**
     * A new matrix holding the transpose, [cols, rows] (made off-heap by ND4J, without a heap
     * copy). This one stays open.
     */
    public Matrix transposed() {
        INDArray t = array.transpose().dup('c');   // [cols, rows]
        return new Matrix(t, cols, rows);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The off-heap buffer, for {@link Blas}; position 0 is element [0, 0]. */
    public FloatPointer data() {
        return data;
    }

    /** The ND4J array holding the values (for code that wants ND4J operations on a weight). */
    public INDArray array() {
        return array;
    }

    /** Copies row {@code r} into {@code dst} at {@code dstOffset} (an embedding lookup). */
    public void copyRow(int r, float[] dst, int dstOffset) {
        Blas.read(data, (long) r * cols, dst, dstOffset, cols);
    }

    /** Number of stored values. */
    public long size() {
        return (long) rows * cols;
    }

    @Override
    public void close() {
        if (!array.wasClosed()) {
            array.close();
        }
    }
}
