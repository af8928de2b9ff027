package org.attentionlab.figure;

import java.util.List;
import java.util.Random;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;

/** Small traces with softmax rows of seeded random scores, for tests of the render layer. */
final class TestTraces {
    private TestTraces() {
    }

    static Encoding encoding(List<String> tokens, boolean[] special, int[] typeIds) {
        int n = tokens.size();
        int[] ids = new int[n];
        int[] mask = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 100;
            mask[i] = 1;
        }
        return new Encoding(tokens, ids, typeIds == null ? new int[n] : typeIds,
                special == null ? new boolean[n] : special, mask);
    }

    static ForwardTrace trace(Encoding enc, int layers, int heads, boolean causal, long seed) {
        Random rnd = new Random(seed);
        int n = enc.length();
        float[][][][] att = new float[layers][heads][n][n];
        for (float[][][] layer : att) {
            for (float[][] head : layer) {
                for (int q = 0; q < n; q++) {
                    double sum = 0;
                    double[] e = new double[n];
                    for (int k = 0; k < n; k++) {
                        e[k] = causal && k > q ? 0 : Math.exp(rnd.nextGaussian() * 2.5);
                        sum += e[k];
                    }
                    for (int k = 0; k < n; k++) {
                        head[q][k] = (float) (e[k] / sum);
                    }
                }
            }
        }
        return new ForwardTrace(enc, att, null, null, null);
    }

    static float rowSum(float[] row) {
        double s = 0;
        for (float v : row) {
            s += v;
        }
        return (float) s;
    }
}
