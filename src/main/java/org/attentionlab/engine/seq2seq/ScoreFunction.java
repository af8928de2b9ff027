package org.attentionlab.engine.seq2seq;

/**
 * How the decoder state h_t is compared with each encoder state h_s before the softmax
 * (Luong et al. 2015, "global attention").
 */
public enum ScoreFunction {
    /** score = h_t · h_s; no weights. */
    DOT("dot"),
    /** score = h_t^T W_a h_s, with W_a = {@code attention.W.weight} [hidden, hidden] (Luong's "general"). */
    BILINEAR("bilinear"),
    /**
     * score = v^T tanh(W_1 h_s + b_1 + W_2 h_t), with {@code attention.W1.weight} [attn, hidden],
     * {@code attention.W1.bias} [attn], {@code attention.W2.weight} [attn, hidden] and
     * {@code attention.v.weight} [1, attn] (Bahdanau's additive score, Luong's "concat").
     */
    MLP("mlp"),
    /**
     * No attention at all: the decoder starts from the encoder's final state and never looks
     * back; its output goes straight to the output layer (h~_t = h_t). No weights; the trace's
     * scores, alignment and context are zeros. The bottleneck that attention removes.
     */
    NONE("none");

    private final String configName;

    ScoreFunction(String configName) {
        this.configName = configName;
    }

    /** The value of {@code "score"} in config.json. */
    public String configName() {
        return configName;
    }

    /** The score function named {@code name} in config.json, or null when there is none. */
    public static ScoreFunction fromConfigName(String name) {
        for (ScoreFunction f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
