package org.attentionlab.service;

import java.nio.file.Path;
import org.attentionlab.domain.ModelKind;

/**
 * A model the user can pick: where its HuggingFace-layout folder is, how it was found, and what
 * its config.json says it is (read without loading the weights).
 *
 * @param name   what the picker shows (sample name, folder name, or HF repo id such as {@code bert-base-uncased})
 * @param folder the folder holding config.json and the weights
 * @param origin how it was found
 * @param facts  what config.json says, or null when it was not read (a folder the user opened) or not understood
 */
public record ModelRef(String name, Path folder, Origin origin, Facts facts) {
    /** A reference whose config has not been read. */
    public ModelRef(String name, Path folder, Origin origin) {
        this(name, folder, origin, null);
    }

    /** The kind config.json names, or null when unknown. */
    public ModelKind kind() {
        return facts == null ? null : facts.kind();
    }

    /** How a model was found. */
    public enum Origin {
        /** Shipped in {@code sample-models/}. */
        SAMPLE,
        /** A folder the user opened. */
        FOLDER,
        /** A snapshot in the local HuggingFace cache. */
        HF_CACHE
    }

    /**
     * What a model is, from its config.json: enough for a one-line description in the picker.
     *
     * @param kind    BERT, GPT-2 or seq2seq
     * @param layers  transformer layers (RNN layers for seq2seq)
     * @param heads   attention heads per layer (1 for seq2seq)
     * @param rnnType {@code gru} or {@code lstm} for seq2seq, else null
     * @param score   the seq2seq score function ({@code dot}, {@code bilinear}, {@code mlp}), else null
     * @param task    what it was trained for (config.json {@code task}, or {@code mlm} for a BERT with its
     *                masked-word head), or null
     */
    public record Facts(ModelKind kind, int layers, int heads, String rnnType, String score, String task) {
    }
}
