package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code generate --trace-top K}: one entry per new token, consistent with the run; text without end-of-text. */
class GenerateTraceCommandTest {
    private static JsonNode run(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void stepsDescribeEachSampledToken() throws Exception {
        JsonNode j = run("generate", "--model", "tiny-gpt", "--prompt", "Once upon a time", "--max-new-tokens", "12",
                "--temperature", "0.9", "--top-k", "20", "--top-p", "0.9", "--seed", "4", "--trace-top", "5", "--json");
        JsonNode steps = j.get("steps");
        assertEquals(j.get("new_ids").size(), steps.size());
        int position = j.get("prompt_ids").size();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode s = steps.get(i);
            assertEquals(position + i, s.get("position").asInt());
            assertEquals(j.get("new_ids").get(i).asInt(), s.get("id").asInt());
            JsonNode top = s.get("top");
            assertEquals(5, top.size());
            for (int k = 1; k < top.size(); k++) {
                assertTrue(top.get(k - 1).get("prob").asDouble() >= top.get(k).get("prob").asDouble(), "top is sorted");
                if (top.get(k).get("id").asInt() == s.get("id").asInt()) {
                    assertEquals(k + 1, s.get("rank").asInt());
                }
            }
            assertTrue(s.get("kept_by_top_k").asInt() == 20, "top-k = 20 keeps 20 tokens here (no ties)");
            assertTrue(s.get("kept_by_top_p").asInt() >= 1 && s.get("kept_by_top_p").asInt() <= 20);
            double draw = s.get("draw").asDouble();
            assertTrue(draw >= 0 && draw < 1);
            assertTrue(s.get("prob_sampled").asDouble() > 0, "the sampled token was kept by the filters");
        }
        JsonNode again = run("generate", "--model", "tiny-gpt", "--prompt", "Once upon a time", "--max-new-tokens", "12",
                "--temperature", "0.9", "--top-k", "20", "--top-p", "0.9", "--seed", "4", "--json");
        assertEquals(j.get("new_ids"), again.get("new_ids"), "tracing does not change the road");
    }

    @Test
    void textLeavesOutTheEndOfTextToken() throws Exception {
        // a fact is a document of its own in the sample model's corpus: after it comes the end of text
        JsonNode j = run("generate", "--model", "tiny-gpt", "--prompt", "the capital of france is paris .", "--max-new-tokens", "60",
                "--trace-top", "2", "--json");
        assertEquals("end_of_text", j.get("stop_reason").asText(), "this prompt ends within 60 tokens");
        assertFalse(j.get("text").asText().contains("endoftext"), j.get("text").asText());
        assertFalse(j.get("full_text").asText().contains("endoftext"));
        JsonNode last = j.get("steps").get(j.get("steps").size() - 1);
        assertTrue(last.get("draw").isNull(), "greedy draws nothing");
        assertEquals("[end of text]", last.get("token").asText());
    }
}
