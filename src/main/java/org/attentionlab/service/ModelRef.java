package org.attentionlab.service;

import java.nio.file.Path;

/**
 * A model the user can pick: where its HuggingFace-layout folder is and how it was found.
 *
 * @param name   what the picker shows (sample name, folder name, or HF repo id such as {@code bert-base-uncased})
 * @param folder the folder holding config.json and the weights
 * @param origin how it was found
 */
public record ModelRef(String name, Path folder, Origin origin) {
    /** How a model was found. */
    public enum Origin {
        /** Shipped in {@code sample-models/}. */
        SAMPLE,
        /** A folder the user opened. */
        FOLDER,
        /** A snapshot in the local HuggingFace cache. */
        HF_CACHE
    }
}
