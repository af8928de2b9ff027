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
public final class Seq2SeqAttention {
    private final ScoreFunction function;
    private final int hidden;
    private final DenseMatrix bilinear; // [H, H]   attention.W.weight (bilinear only)
    private final DenseMatrix w1;       // [A, H]   attention.W1.weight (mlp only), applied to encoder states
    private final float[] b1;      // [A]      attention.W1.bias (mlp only)
    private final DenseMatrix w2;       // [A, H]   attention.W2.weight (mlp only), applied to the decoder state
    private final float[] v;       // [A]      attention.v.weight (mlp only)
    private final DenseMatrix combine;  // [H, 2H]  attention.Wc.weight

    Seq2SeqAttention(ScoreFunction function, int hidden, DenseMatrix bilinear, DenseMatrix w1, float[] b1, DenseMatrix w2, float[] v, DenseMatrix combine) {
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
            case NONE -> throw new IllegalStateException("a model without attention has no keys");
        };
    }

    /** The query a decoder state contributes: h_t (dot, bilinear) or W_2 h_t (mlp). */
    public float[] query(float[] decoderState) {
        checkWidth(decoderState, "decoder state");
        return function == ScoreFunction.MLP ? w2.times(decoderState, null) : decoderState.clone();
    }

    /** Combines a query and a key into a score: query · key, or v · tanh(query + key) for mlp. */
    public float combine(float[] query, float[] key) {
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

    /**
     * One score taken apart, for a lesson that writes the score function out with its numbers.
     *
     * @param query  what the decoder state contributes: h_t (dot, bilinear) or W_2 h_t (mlp)
     * @param key    what the encoder state contributes: h_s (dot), W_a h_s (bilinear) or W_1 h_s + b_1 (mlp)
     * @param hidden mlp only: tanh(query + key) [A]; null otherwise
     * @param v      mlp only: the output weights v [A]; null otherwise
     * @param terms  the summands of the score: query[k] * key[k] (dot, bilinear) or v[a] * hidden[a] (mlp)
     * @param score  their sum, equal to {@link #score}
     */
    public record ScoreParts(float[] query, float[] key, float[] hidden, float[] v, float[] terms, float score) {
    }

    /** score(h_t, h_s) with every intermediate; {@code parts.score()} equals {@link #score}. */
    public ScoreParts scoreParts(float[] decoderState, float[] encoderState) {
        float[] q = query(decoderState);
        float[] k = key(encoderState);
        float[] hidden = null;
        float[] terms = new float[q.length];
        if (function == ScoreFunction.MLP) {
            hidden = new float[v.length];
            for (int a = 0; a < v.length; a++) {
                hidden[a] = (float) Math.tanh((double) k[a] + q[a]);
                terms[a] = (float) ((double) v[a] * Math.tanh((double) k[a] + q[a]));
            }
        } else {
            for (int i = 0; i < q.length; i++) {
                terms[i] = (float) ((double) q[i] * k[i]);
            }
        }
        return new ScoreParts(q, k, hidden, v == null ? null : v.clone(), terms, combine(q, k));
    }

    /** h~_t = tanh(W_c [c_t; h_t]): [H]. */
    public float[] attentionalVector(float[] context, float[] decoderState) {
        checkWidth(context, "context");
        checkWidth(decoderState, "decoder state");
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
