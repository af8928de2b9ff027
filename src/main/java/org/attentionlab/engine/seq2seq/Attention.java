package org.attentionlab.engine.seq2seq;

/**
 * Luong-style global attention of one model: the score function and the attentional layer.
 *
 * <p>Every score function is written as "project, then combine", so a lesson can show each part:
 * <ul>
 *   <li>dot: key(h_s) = h_s, query(h_t) = h_t, score = query · key</li>
 *   <li>bilinear: key(h_s) = W_a h_s, query(h_t) = h_t, score = query · key = h_t^T W_a h_s</li>
 *   <li>mlp: key(h_s) = W_1 h_s + b_1, query(h_t) = W_2 h_t, score = v · tanh(key + query)</li>
 * </ul>
 * The attentional vector is h~_t = tanh(W_c [c_t; h_t]). Instances are immutable and thread-safe.
 */
public final class Attention {
    private final ScoreFunction function;
    private final int hidden;
    private final Matrix bilinear; // [H, H]   attention.W.weight (bilinear only)
    private final Matrix w1;       // [A, H]   attention.W1.weight (mlp only), applied to encoder states
    private final float[] b1;      // [A]      attention.W1.bias (mlp only)
    private final Matrix w2;       // [A, H]   attention.W2.weight (mlp only), applied to the decoder state
    private final float[] v;       // [A]      attention.v.weight (mlp only)
    private final Matrix combine;  // [H, 2H]  attention.Wc.weight (null for none)

    Attention(ScoreFunction function, int hidden, Matrix bilinear, Matrix w1, float[] b1, Matrix w2, float[] v, Matrix combine) {
        this.function = function;
        this.hidden = hidden;
        this.bilinear = bilinear;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.v = v;
        this.combine = combine;
    }

    public ScoreFunction function() {
        return function;
    }

    /** Width of encoder states, decoder states, contexts and attentional vectors. */
    public int hiddenSize() {
        return hidden;
    }

    /** The key an encoder state contributes: h_s (dot), W_a h_s (bilinear) or W_1 h_s + b_1 (mlp). */
    public float[] key(float[] encoderState) {
        checkWidth(encoderState, "encoder state");
        return switch (function) {
            case DOT -> encoderState.clone();
            case BILINEAR -> bilinear.times(encoderState, null); // [H]
            case MLP -> w1.times(encoderState, b1); // [A]
            case NONE -> new float[0]; // no attention: nothing to compare
        };
    }

    /** The query a decoder state contributes: h_t (dot, bilinear) or W_2 h_t (mlp). */
    public float[] query(float[] decoderState) {
        checkWidth(decoderState, "decoder state");
        return function == ScoreFunction.MLP ? w2.times(decoderState, null) : decoderState.clone();
    }

    /** Combines a query and a key into a score: query · key, or v · tanh(query + key) for mlp. */
    public float combine(float[] query, float[] key) {
        if (function == ScoreFunction.NONE) {
            return 0f;
        }
        double sum = 0.0;
        if (function == ScoreFunction.MLP) {
            for (int a = 0; a < v.length; a++) {
                sum += (double) v[a] * Math.tanh((double) key[a] + query[a]);
            }
        } else {
            for (int k = 0; k < query.length; k++) {
                sum += (double) query[k] * key[k];
            }
        }
        return (float) sum;
    }

    /** score(h_t, h_s) for one pair. */
    public float score(float[] decoderState, float[] encoderState) {
        return combine(query(decoderState), key(encoderState));
    }

    /** score(h_t, h_s) for every encoder state: [src]. */
    public float[] scores(float[] decoderState, float[][] encoderStates) {
        return scoresFromKeys(query(decoderState), keys(encoderStates));
    }

    /** The keys of all encoder states, computed once per source sentence: [src][H or A]. */
    float[][] keys(float[][] encoderStates) {
        float[][] keys = new float[encoderStates.length][];
        for (int s = 0; s < keys.length; s++) {
            keys[s] = key(encoderStates[s]);
        }
        return keys;
    }

    float[] scoresFromKeys(float[] query, float[][] keys) {
        float[] scores = new float[keys.length];
        for (int s = 0; s < keys.length; s++) {
            scores[s] = combine(query, keys[s]);
        }
        return scores;
    }

    /** h~_t = tanh(W_c [c_t; h_t]): [H]; without attention ({@link ScoreFunction#NONE}) h~_t = h_t. */
    public float[] attentionalVector(float[] context, float[] decoderState) {
        checkWidth(context, "context");
        checkWidth(decoderState, "decoder state");
        if (function == ScoreFunction.NONE) {
            return decoderState.clone();
        }
        float[] joined = new float[2 * hidden]; // [2H] = [c_t; h_t]
        System.arraycopy(context, 0, joined, 0, hidden);
        System.arraycopy(decoderState, 0, joined, hidden, hidden);
        float[] out = combine.times(joined, null); // [H]
        for (int k = 0; k < hidden; k++) {
            out[k] = (float) Math.tanh(out[k]);
        }
        return out;
    }

    private void checkWidth(float[] x, String what) {
        if (x.length != hidden) {
            throw new IllegalArgumentException(what + " has " + x.length + " values; this model's states have " + hidden);
        }
    }
}
