package org.attentionlab.domain.fewshot;

import java.util.List;

/**
 * What the position that chooses the answer's first token (the prompt's last token) attends to.
 *
 * @param tokens     the prompt's tokens as text
 * @param tokenLine  for each token, the index of its line in {@code lines}
 * @param lines      the prompt's lines
 * @param row        [layer][head][key]: the attention row of the last prompt token (each sums to 1)
 * @param lineMass   [layer][head][line]: {@code row} summed over each line's tokens
 * @param queryEarlier   tokens where the query word appeared before the query line
 * @param afterEarlier   the token right after each such earlier appearance (what an induction head would copy)
 */
public record AnswerAttention(List<String> tokens, int[] tokenLine, List<PromptLine> lines, float[][][] row,
                              float[][][] lineMass, boolean[] queryEarlier, boolean[] afterEarlier) {
    public AnswerAttention {
        tokens = List.copyOf(tokens);
        lines = List.copyOf(lines);
    }

    public int layers() {
        return row.length;
    }

    public int heads() {
        return row.length == 0 ? 0 : row[0].length;
    }

    /** The row of one head, or averaged over heads ({@code head < 0}), over layers too ({@code layer < 0}). */
    public float[] row(int layer, int head) {
        return average(row, layer, head);
    }

    /** The mass per line of one head, or averaged the same way as {@link #row(int, int)}. */
    public float[] lineMass(int layer, int head) {
        return average(lineMass, layer, head);
    }

    private static float[] average(float[][][] v, int layer, int head) {
        int n = v[0][0].length;
        float[] out = new float[n];
        int count = 0;
        for (int l = 0; l < v.length; l++) {
            if (layer >= 0 && l != layer) {
                continue;
            }
            for (int h = 0; h < v[l].length; h++) {
                if (head >= 0 && h != head) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    out[i] += v[l][h][i];
                }
                count++;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] /= count;
        }
        return out;
    }

    /** The (layer, head) whose attention on the tokens after earlier copies of the query is largest, or null when there are none. */
    public int[] strongestInductionHead() {
        int[] best = null;
        float bestMass = -1;
        for (int l = 0; l < row.length; l++) {
            for (int h = 0; h < row[l].length; h++) {
                float m = 0;
                for (int k = 0; k < afterEarlier.length; k++) {
                    if (afterEarlier[k]) {
                        m += row[l][h][k];
                    }
                }
                if (m > bestMass && hasEarlier()) {
                    bestMass = m;
                    best = new int[] {l, h};
                }
            }
        }
        return best;
    }

    public boolean hasEarlier() {
        for (boolean b : afterEarlier) {
            if (b) {
                return true;
            }
        }
        return false;
    }
}
