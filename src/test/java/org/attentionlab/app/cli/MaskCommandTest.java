package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.attentionlab.engine.Golden;
import org.junit.jupiter.api.Test;

/** The mask subcommand: the issue's JSON, HF's predictions on a typed [MASK], the 80/10/10 rule, errors. */
class MaskCommandTest {
    private static final String MODEL = Golden.path("pipeline/bert").toString();
    private static final String TEXT = "The quick cat sat on the red mat and the small dog ran in the garden with a bird.";

    private static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void printsTheIssuesJsonAndEachSelectedTokensFate() throws Exception {
        JsonNode j = json(CliRun.of("mask", "--model", MODEL, "--text", TEXT, "--seed", "11", "--top-k", "7", "--json"));
        assertEquals(List.of("tokens", "selected", "corrupted_tokens", "corrupted_ids", "predictions", "mean_loss"), fields(j));
        assertEquals(3, j.get("selected").size(), "round(15% of 20 eligible)");
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode s = j.get("selected").get(i);
            assertEquals(List.of("position", "original", "action", "input_token"), fields(s));
            int p = s.get("position").asInt();
            assertEquals(s.get("original").asText(), j.get("tokens").get(p).asText());
            assertEquals(s.get("input_token").asText(), j.get("corrupted_tokens").get(p).asText());
            switch (s.get("action").asText()) {
                case "mask" -> assertEquals("[MASK]", s.get("input_token").asText());
                case "keep" -> assertEquals(s.get("original").asText(), s.get("input_token").asText());
                case "random" -> assertTrue(!s.get("input_token").asText().startsWith("["));
                default -> throw new AssertionError(s.toString());
            }
            JsonNode pr = j.get("predictions").get(i);
            assertEquals(List.of("position", "original", "top", "original_prob", "original_rank", "loss"), fields(pr));
            assertEquals(p, pr.get("position").asInt());
            assertEquals(7, pr.get("top").size());
            assertEquals(-Math.log(pr.get("original_prob").asDouble()), pr.get("loss").asDouble(), 1e-9);
            sum += pr.get("loss").asDouble();
        }
        assertEquals(sum / 3, j.get("mean_loss").asDouble(), 1e-9);
        // the same seed replays the same corruption
        JsonNode again = json(CliRun.of("mask", "--model", MODEL, "--text", TEXT, "--seed", "11", "--top-k", "7"));
        assertEquals(j.get("selected"), again.get("selected"));
        assertEquals(j.get("corrupted_ids"), again.get("corrupted_ids"));
    }

    @Test
    void aTypedMaskIsPredictedAsHuggingFaceDoes() throws Exception {
        JsonNode golden = null;
        for (JsonNode c : Golden.json("masking/expected.json").get("cases")) {
            if (c.get("mean_loss").isNull()) {
                golden = c;
            }
        }
        JsonNode j = json(CliRun.of("mask", "--model", MODEL, "--text", golden.get("text").asText(), "--top-k", "20"));
        JsonNode p = j.get("predictions").get(0);
        JsonNode want = golden.get("predictions").get(0);
        for (int i = 0; i < 20; i++) {
            assertEquals(want.get("top_ids").get(i).asInt(), p.get("top").get(i).get("id").asInt());
            assertEquals(want.get("top_probs").get(i).asDouble(), p.get("top").get(i).get("prob").asDouble(), 2e-5);
        }
        assertTrue(p.get("loss").isNull());
        assertTrue(j.get("mean_loss").isNull());
        assertEquals(golden.get("ids"), j.get("corrupted_ids"), "typed masks are read as typed");
    }

    @Test
    void handPositionsWholeWordsAndRunsFractions() throws Exception {
        JsonNode j = json(CliRun.of("mask", "--model", MODEL, "--text", "Teaching the cat quickly", "--positions", "2,5",
                "--whole-words", "--mode", "training", "--runs", "10000"));
        List<Integer> positions = new ArrayList<>();
        j.get("selected").forEach(s -> positions.add(s.get("position").asInt()));
        assertEquals(List.of(1, 2, 5, 6), positions, "teach ##ing and quick ##ly");
        JsonNode f = j.get("fractions");
        assertEquals(10000, f.get("runs").asInt());
        assertEquals(0.15, f.get("selected_fraction").asDouble(), 0.01);
        assertEquals(0.80, f.get("mask").asDouble(), 0.01);
        assertEquals(0.10, f.get("random").asDouble(), 0.01);
        assertEquals(0.10, f.get("keep").asDouble(), 0.01);
    }

    @Test
    void aCheckpointWithoutMlmHeadPrintsANoteAndTheSelection() throws Exception {
        JsonNode j = json(CliRun.of("mask", "--model", Golden.path("masking/bert-no-head").toString(), "--text", TEXT));
        assertEquals(3, j.get("selected").size());
        assertEquals(0, j.get("predictions").size());
        assertTrue(j.get("note").asText().contains("cannot predict words"));
    }

    @Test
    void badOptionsAreOneLineErrors() {
        for (String[] args : List.of(new String[] {"--positions", "0"}, new String[] {"--mode", "random"},
                new String[] {"--top-k", "21"}, new String[] {"--runs", "0"})) {
            List<String> all = new ArrayList<>(List.of("mask", "--model", MODEL, "--text", TEXT));
            all.addAll(List.of(args));
            CliRun r = CliRun.of(all.toArray(String[]::new));
            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error")).count(), r.err());
        }
    }
}
