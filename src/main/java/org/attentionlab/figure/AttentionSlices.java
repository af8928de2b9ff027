package org.attentionlab.figure;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelKind;

/**
 * Pure functions that turn a forward trace into the map a lesson or an export shows: one head
 * or the mean over a layer's heads, with special tokens hidden and only the top-k links kept
 * if asked. Used by the Attention Explorer and by the CLI {@code export} command alike.
 */
public final class AttentionSlices {
    /** Passed as {@code head} to ask for the mean over all heads of the layer. */
    public static final int MEAN_OF_HEADS = -1;

    private AttentionSlices() {
    }

    /**
     * The map of one head, or the mean over heads when {@code head} is {@link #MEAN_OF_HEADS}.
     *
     * @param kind decides the mask drawn: GPT-2 hides later keys from each query (causal)
     */
    public static AttentionMatrix select(ForwardTrace trace, ModelKind kind, int layer, int head,
                                         SliceOptions options) {
        float[][][][] att = trace.attentions();
        if (att == null || att.length == 0) {
            throw new IllegalArgumentException("the trace holds no attention weights");
        }
        if (layer < 0 || layer >= att.length) {
            throw new InputException("Layer " + layer + " does not exist.",
                    "Pick a layer from 0 to " + (att.length - 1) + ".");
        }
        int heads = att[layer].length;
        if (head != MEAN_OF_HEADS && (head < 0 || head >= heads)) {
            throw new InputException("Head " + head + " does not exist.",
                    "Pick a head from 0 to " + (heads - 1) + ".");
        }
        float[][] w = head == MEAN_OF_HEADS ? meanOverHeads(att[layer]) : copy(att[layer][head]);
        return shape(trace.input(), w, allowedKeys(trace.input(), kind == ModelKind.GPT2), options);
    }

    /** Applies {@code options} to a full [query][key] map over {@code input}. */
    public static AttentionMatrix shape(Encoding input, float[][] weights, boolean[][] allowed, SliceOptions options) {
        int n = input.length();
        boolean pair = false;
        for (int t : input.typeIds()) {
            pair |= t != 0;
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(options.hideSpecial() && input.special()[i]) && input.attendMask()[i] != 0) {
                keep.add(i);
            }
        }
        int m = keep.size();
        List<String> labels = new ArrayList<>(m);
        int[] source = new int[m];
        int[] segments = pair ? new int[m] : null;
        float[][] w = new float[m][m];
        boolean[][] ok = allowed == null ? null : new boolean[m][m];
        for (int r = 0; r < m; r++) {
            int q = keep.get(r);
            labels.add(input.tokens().get(q));
            source[r] = q;
            if (segments != null) {
                segments[r] = input.typeIds()[q];
            }
            for (int c = 0; c < m; c++) {
                int k = keep.get(c);
                w[r][c] = weights[q][k];
                if (ok != null) {
                    ok[r][c] = allowed[q][k];
                }
            }
        }
        if (options.hideSpecial() && m < n) {
            renormaliseRows(w);
        }
        if (options.topK() > 0) {
            w = topK(w, options.topK());
        }
        return new AttentionMatrix(labels, labels, w, ok, segments, segments, source, source.clone());
    }

    /**
     * Which keys each query may see: padding is hidden from everyone, and with {@code causal}
     * every key after the query is hidden too.
     */
    public static boolean[][] allowedKeys(Encoding input, boolean causal) {
        int n = input.length();
        boolean[][] ok = new boolean[n][n];
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                ok[q][k] = input.attendMask()[k] != 0 && (!causal || k <= q);
            }
        }
        return ok;
    }

    /** Mean over heads: [heads][q][k] to [q][k]. Rows still sum to 1 when each head's do. */
    public static float[][] meanOverHeads(float[][][] layer) {
        int heads = layer.length;
        int q = layer[0].length;
        int k = layer[0][0].length;
        float[][] mean = new float[q][k];
        for (float[][] head : layer) {
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < k; j++) {
                    mean[i][j] += head[i][j];
                }
            }
        }
        for (float[] row : mean) {
            for (int j = 0; j < k; j++) {
                row[j] /= heads;
            }
        }
        return mean;
    }

    /** Keeps the {@code k} largest weights in each row (ties broken by position) and zeroes the rest. */
    public static float[][] topK(float[][] w, int k) {
        float[][] out = new float[w.length][];
        for (int r = 0; r < w.length; r++) {
            float[] row = w[r];
            out[r] = new float[row.length];
            if (k >= row.length) {
                System.arraycopy(row, 0, out[r], 0, row.length);
                continue;
            }
            boolean[] taken = new boolean[row.length];
            for (int pick = 0; pick < k; pick++) {
                int best = -1;
                for (int c = 0; c < row.length; c++) {
                    if (!taken[c] && (best < 0 || row[c] > row[best])) {
                        best = c;
                    }
                }
                taken[best] = true;
                out[r][best] = row[best];
            }
        }
        return out;
    }

    /** Scales each row in place to sum to 1; a row that sums to 0 is left as it is. */
    static void renormaliseRows(float[][] w) {
        for (float[] row : w) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            if (sum > 0) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = (float) (row[c] / sum);
                }
            }
        }
    }

    private static float[][] copy(float[][] w) {
        float[][] c = new float[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }
}
