package org.attentionlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.attentionlab.domain.ModelFormatException;

/**
 * Typed reads of config.json values with HuggingFace's defaults. A key that is present with the
 * wrong type is a {@link ModelFormatException} naming the key, never a silent default.
 */
public final class ConfigJson {
    private final JsonNode root;

    public ConfigJson(JsonNode root) {
        this.root = root;
    }

    public JsonNode root() {
        return root;
    }

    private JsonNode value(String key) {
        JsonNode v = root.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** A positive integer; {@code dflt} when absent or null. */
    public int positiveInt(String key, int dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw bad(key, v, "a positive whole number");
        }
        return v.asInt();
    }

    /** An integer that may be absent: {@code dflt} when absent or null. */
    public int intOr(String key, int dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (v.isArray() && v.size() > 0 && v.get(0).isIntegralNumber()) {
            return v.get(0).asInt(); // some configs list several ids; the first is the main one
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad(key, v, "a whole number");
        }
        return v.asInt();
    }

    /** A positive number. */
    public double positiveDouble(String key, double dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber() || !(v.asDouble() > 0)) {
            throw bad(key, v, "a positive number");
        }
        return v.asDouble();
    }

    public boolean bool(String key, boolean dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw bad(key, v, "true or false");
        }
        return v.asBoolean();
    }

    public String text(String key, String dflt) {
        JsonNode v = value(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw bad(key, v, "a string");
        }
        return v.asText();
    }

    /** The most elements one Java array can hold. */
    static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Refuses sizes whose product would not fit one array, before anything is allocated (a
     * crafted hidden_size of 30000 would otherwise wrap to a negative array size).
     *
     * @param what    what the array holds, e.g. {@code "the MLP weight (hidden_size x intermediate_size)"}
     * @param factors the sizes multiplied
     */
    public static void requireArrayFits(String what, long... factors) {
        double product = 1; // a double cannot wrap around; exact enough to compare with 2^31
        long[] f = factors.clone();
        for (long x : f) {
            product *= x;
        }
        if (product > MAX_ARRAY_ELEMENTS) {
            throw new ModelFormatException(String.format(java.util.Locale.ROOT,
                    "config.json asks for %s of %.3g elements, more than this program can hold in one array (%d).",
                    what, product, MAX_ARRAY_ELEMENTS),
                    "Use the config.json saved with the model; Attention Lab runs small teaching models.");
        }
    }

    private static ModelFormatException bad(String key, JsonNode v, String what) {
        return new ModelFormatException("config.json has " + key + " = " + v + ", but it must be " + what + ".",
                "Fix config.json or use the one saved with the model.");
    }
}
