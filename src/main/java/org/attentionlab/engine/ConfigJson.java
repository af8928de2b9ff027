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

    private static ModelFormatException bad(String key, JsonNode v, String what) {
        return new ModelFormatException("config.json has " + key + " = " + v + ", but it must be " + what + ".",
                "Fix config.json or use the one saved with the model.");
    }
}
