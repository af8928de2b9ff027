package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code inspect --embeddings --projections --logit-lens} prints the lab trace items (their values
 * are held to HuggingFace by the engine's LabTraceItemsGoldenTest): shapes, the embedding sum, and a
 * logit lens whose last entry ranks the tokens as the model's own logits do.
 */
class InspectLabItemsTest {
    private static final Path DIR = Path.of("src/test/resources/golden/pipeline");

    @ParameterizedTest
    @ValueSource(strings = {"bert", "gpt2"})
    void labItemsArePrintedWithTheirShapes(String model) throws IOException {
        CliRun r = CliRun.of("inspect", "--model", DIR.resolve(model).toString(), "--text", "the cat sat on the mat",
                "--embeddings", "--projections", "--logit-lens", "--top", "3", "--logits", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        int tokens = json.get("ids").size();
        int layers = json.get("model").get("layers").asInt();
        int heads = json.get("model").get("heads").asInt();
        int hidden = json.get("model").get("hidden").asInt();

        JsonNode e = json.get("embeddings");
        assertEquals(model.equals("bert"), e.has("segment"));
        assertEquals(tokens, e.get("sum").size());
        assertEquals(hidden, e.get("sum").get(0).size());
        for (int i = 0; i < tokens; i++) {
            for (int j = 0; j < hidden; j++) {
                double parts = e.get("token").get(i).get(j).asDouble() + e.get("position").get(i).get(j).asDouble()
                        + (e.has("segment") ? e.get("segment").get(i).get(j).asDouble() : 0);
                assertEquals(parts, e.get("sum").get(i).get(j).asDouble(), 1e-5, "sum of token " + i);
            }
        }

        JsonNode p = json.get("projections");
        assertEquals(layers, p.size());
        for (String part : new String[] {"q", "k", "v", "context"}) {
            assertEquals(heads, p.get(layers - 1).get(part).size(), part);
            assertEquals(tokens, p.get(layers - 1).get(part).get(0).size(), part);
            assertEquals(hidden / heads, p.get(layers - 1).get(part).get(0).get(0).size(), part);
        }

        JsonNode lens = json.get("logit_lens");
        assertEquals(layers + 1, lens.size());
        for (int i = 0; i < tokens; i++) {
            JsonNode top = lens.get(layers).get(i);
            assertEquals(3, top.size());
            JsonNode logits = json.get("logits").get(i);
            int best = 0;
            for (int v = 1; v < logits.size(); v++) {
                if (logits.get(v).asDouble() > logits.get(best).asDouble()) {
                    best = v;
                }
            }
            assertEquals(best, top.get(0).get("id").asInt(), "the last lens entry is the model's output, token " + i);
            assertTrue(top.get(0).get("logit").asDouble() >= top.get(1).get("logit").asDouble());
            assertFalse(top.get(0).get("token").asText().isEmpty());
        }
    }

    @Test
    void withoutTheFlagsNothingExtraIsPrinted() throws IOException {
        CliRun r = CliRun.of("inspect", "--model", DIR.resolve("gpt2").toString(), "--text", "the cat", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"embeddings", "projections", "logit_lens"}) {
            assertFalse(json.has(key), key);
        }
    }
}
