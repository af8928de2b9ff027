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
     * No attention ({@code "attention": "none"} in config.json): the decoder sees the source only
     * through the encoder's final state, its initial state, and the output layer reads h_t itself.
     * The bottleneck model the lessons compare with.
     */
    NONE("none");

    private final String configName;

    ScoreFunction(String configName) {
        this.configName = configName;
    }

    /** The value of {@code "score"} in config.json ({@code "none"} for {@link #NONE}, which config.json writes as {@code "attention": "none"}). */
    public String configName() {
        return configName;
    }

    /** True for the three score functions, false for {@link #NONE}. */
    public boolean attends() {
        return this != NONE;
    }

    /** The score function named {@code name} by config.json's {@code "score"} (dot, bilinear, mlp), or null when there is none. */
    public static ScoreFunction fromConfigName(String name) {
        for (ScoreFunction f : values()) {
            if (f.attends() && f.configName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
