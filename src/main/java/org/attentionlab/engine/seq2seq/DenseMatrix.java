package org.attentionlab.engine.seq2seq;

/**
 * A weight matrix stored row-major as in the checkpoint ([out, in], PyTorch's Linear layout).
 * The models are tiny, so products are plain loops with double accumulation.
 */
final class DenseMatrix {
    final int rows;
    final int cols;
    final float[] data; // [rows * cols]

    DenseMatrix(int rows, int cols, float[] data) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("matrix data has " + data.length + " values, expected " + rows * cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** out[r] = bias[r] + sum_c W[r][c] x[xOffset + c], for rows [rowFrom, rowFrom + out.length). */
    void multiply(float[] x, int xOffset, float[] bias, float[] out, int rowFrom, int count) {
        for (int r = 0; r < count; r++) {
            int row = rowFrom + r;
            int base = row * cols;
            double sum = bias == null ? 0.0 : bias[row];
            for (int c = 0; c < cols; c++) {
                sum += (double) data[base + c] * x[xOffset + c];
            }
            out[r] = (float) sum;
        }
    }

    /** W x (+ bias when not null). */
    float[] times(float[] x, float[] bias) {
        float[] out = new float[rows];
        multiply(x, 0, bias, out, 0, rows);
        return out;
    }

    /** One row as a copy (an embedding lookup). */
    float[] row(int r) {
        float[] out = new float[cols];
        System.arraycopy(data, r * cols, out, 0, cols);
        return out;
    }
}
