package org.attentionlab.io.safetensors;

import java.util.Locale;

/** The safetensors element types this app can compute with (all are widened to fp32). */
public enum DType {
    F32(4), F16(2), BF16(2);

    /** Bytes per element. */
    public final int size;

    DType(int size) {
        this.size = size;
    }

    /** Parses a header dtype string, or returns null for a type we do not support. */
    static DType parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
