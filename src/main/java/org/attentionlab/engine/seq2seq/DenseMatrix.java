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

    /**
     * out[r] = bias[r] + sum_c W[r][c] x[xOffset + c], for rows [rowFrom, rowFrom + out.length).
     * Four double accumulators (columns c mod 4) break the add chain so the loop pipelines; the
     * sum is still in double.
     */
    void multiply(float[] x, int xOffset, float[] bias, float[] out, int rowFrom, int count) {
        int c4 = cols & ~3;
        for (int r = 0; r < count; r++) {
            int row = rowFrom + r;
            int base = row * cols;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            int c = 0;
            for (; c < c4; c += 4) {
                s0 += (double) data[base + c] * x[xOffset + c];
                s1 += (double) data[base + c + 1] * x[xOffset + c + 1];
                s2 += (double) data[base + c + 2] * x[xOffset + c + 2];
                s3 += (double) data[base + c + 3] * x[xOffset + c + 3];
            }
            for (; c < cols; c++) {
                s0 += (double) data[base + c] * x[xOffset + c];
            }
            double sum = (s0 + s1) + (s2 + s3);
            out[r] = (float) (bias == null ? sum : bias[row] + sum);
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
