package org.attentionlab.figure;

import java.util.List;

/**
 * One attention map ready to draw or export: which query attends to which key, with how much
 * weight. Rows are queries, columns are keys.
 *
 * @param rowTokens   query token strings, as the tokenizer produced them
 * @param colTokens   key token strings
 * @param weights     [query][key] attention weights
 * @param allowed     [query][key] false where the mask hid the key from the query (drawn as
 *                    masked, not as a zero weight); null when nothing was masked
 * @param rowSegments segment (sentence A = 0, B = 1) of each query; null when there is one segment
 * @param colSegments segment of each key; null when there is one segment
 * @param rowSource   position of each row in the full encoding (differs when tokens are hidden)
 * @param colSource   position of each column in the full encoding
 */
public record AttentionMatrix(List<String> rowTokens, List<String> colTokens, float[][] weights,
                              boolean[][] allowed, int[] rowSegments, int[] colSegments,
                              int[] rowSource, int[] colSource) {
    public AttentionMatrix {
        rowTokens = List.copyOf(rowTokens);
        colTokens = List.copyOf(colTokens);
        if (weights.length != rowTokens.size()) {
            throw new IllegalArgumentException("weights have " + weights.length + " rows for "
                    + rowTokens.size() + " query tokens");
        }
        for (float[] row : weights) {
            if (row.length != colTokens.size()) {
                throw new IllegalArgumentException("a weight row has " + row.length + " entries for "
                        + colTokens.size() + " key tokens");
            }
        }
        if (rowSource == null) {
            rowSource = identity(rowTokens.size());
        }
        if (colSource == null) {
            colSource = identity(colTokens.size());
        }
    }

    /** A matrix with plain labels and nothing masked. */
    public static AttentionMatrix of(List<String> rowTokens, List<String> colTokens, float[][] weights) {
        return new AttentionMatrix(rowTokens, colTokens, weights, null, null, null, null, null);
    }

    public int rows() {
        return rowTokens.size();
    }

    public int cols() {
        return colTokens.size();
    }

    /** True when the query may see the key. */
    public boolean isAllowed(int row, int col) {
        return allowed == null || allowed[row][col];
    }

    /** Largest weight over the cells the mask allows; 0 for an empty matrix. */
    public float maxWeight() {
        float max = 0;
        for (int r = 0; r < weights.length; r++) {
            for (int c = 0; c < weights[r].length; c++) {
                if (isAllowed(r, c) && weights[r][c] > max) {
                    max = weights[r][c];
                }
            }
        }
        return max;
    }

    /** Row index showing encoding position {@code source}, or -1 when that token is hidden. */
    public int rowOf(int source) {
        return indexOf(rowSource, source);
    }

    /** Column index showing encoding position {@code source}, or -1 when that token is hidden. */
    public int colOf(int source) {
        return indexOf(colSource, source);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
