package org.attentionlab.engine.seq2seq;

/**
 * One direction of one layer of a PyTorch {@code nn.GRU} / {@code nn.LSTM}, stepped one
 * position at a time. Weights keep PyTorch's stacked layout: {@code weight_ih} [G*H, in],
 * {@code weight_hh} [G*H, H], {@code bias_ih} and {@code bias_hh} [G*H], with gate blocks in
 * PyTorch's order (GRU: r, z, n; LSTM: i, f, g, o).
 */
final class RnnCell {
    final RnnType type;
    final int hidden;
    private final DenseMatrix weightIh; // [G*H, in]
    private final DenseMatrix weightHh; // [G*H, H]
    private final float[] biasIh;  // [G*H]
    private final float[] biasHh;  // [G*H]

    RnnCell(RnnType type, int hidden, DenseMatrix weightIh, DenseMatrix weightHh, float[] biasIh, float[] biasHh) {
        this.type = type;
        this.hidden = hidden;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
    }

    int inputSize() {
        return weightIh.cols;
    }

    /**
     * Advances the state by one input. {@code h} (and for LSTM {@code c}) are the previous
     * state; the result is a new {@code {h, c}} pair ({@code c} is null for GRU).
     */
    float[][] step(float[] x, float[] h, float[] c) {
        float[] gi = weightIh.times(x, biasIh); // [G*H]
        float[] gh = weightHh.times(h, biasHh); // [G*H]
        int n = hidden;
        float[] hNext = new float[n];
        if (type == RnnType.GRU) {
            // r = σ(W_ir x + b_ir + W_hr h + b_hr); z likewise;
            // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h' = (1 − z) ⊙ n + z ⊙ h
            for (int k = 0; k < n; k++) {
                double r = sigmoid((double) gi[k] + gh[k]);
                double z = sigmoid((double) gi[n + k] + gh[n + k]);
                double cand = Math.tanh((double) gi[2 * n + k] + r * gh[2 * n + k]);
                hNext[k] = (float) ((1.0 - z) * cand + z * h[k]);
            }
            return new float[][] {hNext, null};
        }
        // i, f, o = σ(...), g = tanh(...); c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c')
        float[] cNext = new float[n];
        for (int k = 0; k < n; k++) {
            double i = sigmoid((double) gi[k] + gh[k]);
            double f = sigmoid((double) gi[n + k] + gh[n + k]);
            double g = Math.tanh((double) gi[2 * n + k] + gh[2 * n + k]);
            double o = sigmoid((double) gi[3 * n + k] + gh[3 * n + k]);
            double cell = f * c[k] + i * g;
            cNext[k] = (float) cell;
            hNext[k] = (float) (o * Math.tanh(cell));
        }
        return new float[][] {hNext, cNext};
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
