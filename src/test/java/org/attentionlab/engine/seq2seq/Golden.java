package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Access to the fixtures written by tools/golden/seq2seq_reference.py. */
final class Golden {
    /** One model per rnn_type x score, as the reference script names them. */
    static final List<String> MODELS = List.of("gru-dot", "gru-bilinear", "gru-mlp", "lstm-dot", "lstm-bilinear", "lstm-mlp",
            "gru-none");

    private Golden() {
    }

    static Path dir(String model) {
        try {
            return Path.of(Golden.class.getResource("/golden/seq2seq/" + model).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture folder golden/seq2seq/" + model + " is not on the test classpath", e);
        }
    }

    static JsonNode cases(String model) {
        try {
            return new ObjectMapper().readTree(dir(model).resolve("cases.json").toFile()).get("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            out[r] = new float[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = (float) row.get(c).asDouble();
            }
        }
        return out;
    }

    /** Asserts |actual - expected| <= abs + rel * |expected| elementwise, naming the first bad entry. */
    static void assertClose(String what, float[][] expected, float[][] actual, double abs, double rel) {
        assertEquals(expected.length, actual.length, what + ": row count");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, what + ": length of row " + r);
            for (int c = 0; c < expected[r].length; c++) {
                double diff = Math.abs(actual[r][c] - expected[r][c]);
                if (diff > abs + rel * Math.abs(expected[r][c])) {
                    fail(what + "[" + r + "][" + c + "] = " + actual[r][c] + ", reference " + expected[r][c] + " (off by " + diff + ")");
                }
            }
        }
    }
}
