package org.attentionlab.io.safetensors;

import java.util.Map;

/** The safetensors element types this app can compute with (all are widened to fp32). */
public enum DType {
    F32(4), F16(2), BF16(2);

    /** Bytes per element. */
    public final int size;

    DType(int size) {
        this.size = size;
    }

    /**
     * Every other type the safetensors format defines, with its bytes per element. Names are
     * case-sensitive, as in HuggingFace's reader ({@code f32} is not a type).
     */
    static final Map<String, Integer> OTHER_FORMAT_TYPES = Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1),
            Map.entry("F8_E5M2", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E8M0", 1),
            Map.entry("I16", 2), Map.entry("U16", 2),
            Map.entry("I32", 4), Map.entry("U32", 4),
            Map.entry("F64", 8), Map.entry("I64", 8), Map.entry("U64", 8), Map.entry("C64", 8));

    /** Parses a header dtype string exactly as written, or returns null for a type we do not support. */
    static DType parse(String s) {
        for (DType t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }

    /** Whether {@code s} names a type of the safetensors format, supported by us or not. */
    static boolean isFormatType(String s) {
        return parse(s) != null || OTHER_FORMAT_TYPES.containsKey(s);
    }
}
