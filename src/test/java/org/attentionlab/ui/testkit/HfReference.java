package org.attentionlab.ui.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TEST ONLY. What HuggingFace transformers computed on the pipeline models
 * ({@code src/test/resources/golden/pipeline/expected.json}, written by
 * {@code tools/golden/pipeline_fixtures.py}): tokens, ids, segment ids and attentions per text.
 */
public final class HfReference {
    /** Attentions agree with HuggingFace to this (as in the engine's golden tests). */
    public static final double TOLERANCE = 1e-4;

    /**
     * One text as HuggingFace ran it.
     *
     * @param attentions [layer][head][query][key]
     */
    public record Case(String text, String pair, List<String> tokens, int[] ids, int[] typeIds, float[][][][] attentions) {
    }

    private static JsonNode expected;

    private HfReference() {
    }

    /** The BERT case for {@code text} (and {@code pair}, or null). */
    public static Case bert(String text, String pair) {
        return find("bert", text, pair);
    }

    public static Case gpt2(String text) {
        return find("gpt2", text, null);
    }

    private static synchronized Case find(String model, String text, String pair) {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(TestModels.PIPELINE.resolve("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (JsonNode c : expected.get(model)) {
            JsonNode p = c.get("pair");
            String casePair = p == null || p.isNull() ? null : p.asText();
            if (c.get("text").asText().equals(text) && Objects.equals(casePair, pair)) {
                List<String> tokens = new ArrayList<>();
                c.get("tokens").forEach(t -> tokens.add(t.asText()));
                int[] ids = new int[tokens.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = c.get("ids").get(i).asInt();
                }
                int[] types = new int[tokens.size()];
                JsonNode t = c.get("token_type_ids");
                for (int i = 0; t != null && i < types.length; i++) {
                    types[i] = t.get(i).asInt();
                }
                return new Case(text, casePair, tokens, ids, types, attentions(c.get("attentions")));
            }
        }
        throw new IllegalArgumentException("expected.json has no " + model + " case for '" + text + "' / " + pair);
    }

    private static float[][][][] attentions(JsonNode a) {
        float[][][][] out = new float[a.size()][][][];
        for (int l = 0; l < a.size(); l++) {
            out[l] = new float[a.get(l).size()][][];
            for (int h = 0; h < a.get(l).size(); h++) {
                JsonNode m = a.get(l).get(h);
                out[l][h] = new float[m.size()][];
                for (int q = 0; q < m.size(); q++) {
                    out[l][h][q] = new float[m.get(q).size()];
                    for (int k = 0; k < m.get(q).size(); k++) {
                        out[l][h][q][k] = (float) m.get(q).get(k).asDouble();
                    }
                }
            }
        }
        return out;
    }
}
