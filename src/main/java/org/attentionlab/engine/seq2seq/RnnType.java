package org.attentionlab.engine.seq2seq;

/** The recurrent cell of encoder and decoder, with PyTorch's gate layout. */
public enum RnnType {
    /** Gated recurrent unit; weight rows are the gates r, z, n (PyTorch order). */
    GRU("gru", 3),
    /** Long short-term memory; weight rows are the gates i, f, g, o (PyTorch order). */
    LSTM("lstm", 4);

    private final String configName;
    private final int gates;

    RnnType(String configName, int gates) {
        this.configName = configName;
        this.gates = gates;
    }

    /** The value of {@code "rnn_type"} in config.json. */
    public String configName() {
        return configName;
    }

    /** How many gate blocks the stacked weight matrices hold (3 for GRU, 4 for LSTM). */
    public int gates() {
        return gates;
    }

    /** The cell named {@code name} in config.json, or null when there is none. */
    public static RnnType fromConfigName(String name) {
        for (RnnType t : values()) {
            if (t.configName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
