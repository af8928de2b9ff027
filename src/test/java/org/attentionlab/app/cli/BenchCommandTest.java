package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench subcommand reports what the engine computed, in the shape compare.py reads. Its
 * timings are not asserted (speed is measured by tools/bench/compare.py, not by unit tests).
 */
class BenchCommandTest {
    private static final Path GPT2 = Path.of("src/test/resources/golden/gpt2/model");
    private static final Path BERT = Path.of("src/test/resources/golden/bert/model");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void generateReportsTransformersGreedyTokensAndEveryDecodeStep() throws Exception {
        JsonNode greedy = JSON.readTree(Path.of("src/test/resources/golden/gpt2/fixtures.json").toFile()).get("greedy").get(0);
        StringBuilder prompt = new StringBuilder();
        greedy.get("prompt").forEach(id -> prompt.append(prompt.length() == 0 ? "" : ",").append(id.asInt()));
        CliRun r = run("bench", "--model", GPT2.toString(), "--prompt-ids", prompt.toString(),
                "--new-tokens", greedy.get("max_new_tokens").asText(), "--repeat", "2", "--warmup", "1",
                "--threads", "2", "--steps");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        JsonNode g = j.get("generate");
        assertEquals(greedy.get("new_ids"), g.get("ids"));
        assertEquals(greedy.get("max_new_tokens").asInt(), g.get("new_tokens").asInt());
        assertEquals(2, g.get("runs_tokens_per_second").size());
        for (String field : List.of("tokens_per_second", "prefill_ms", "decode_ms_per_token", "total_ms")) {
            assertTrue(g.get(field).asDouble() > 0, field);
        }
        // invariants of the timings (no wall-clock thresholds): every run's prefill and decode
        // happen inside its total, so their medians obey the same order; the rate is tokens / total
        int n = g.get("new_tokens").asInt();
        double total = g.get("total_ms").asDouble();
        assertTrue(g.get("prefill_ms").asDouble() <= total, g.toString());
        // each printed figure is rounded to 0.0005 ms, and the per-token figure is multiplied by n - 1
        assertTrue(g.get("decode_ms_per_token").asDouble() * (n - 1) <= total + 0.0005 * n + 1e-3, g.toString());
        // total_ms is printed to 3 decimals, so on a fast run (a third of a millisecond) its rounding
        // alone moves tokens / total by up to 0.0005 / total of itself
        double rateFromTotal = n / (total / 1000);
        double rounding = 0.0005 / total + 1e-3;
        assertEquals(rateFromTotal, g.get("tokens_per_second").asDouble(), rateFromTotal * rounding + 1e-3, g.toString());
        double slowest = Double.MAX_VALUE;
        double fastest = 0;
        for (JsonNode run : g.get("runs_tokens_per_second")) {
            slowest = Math.min(slowest, run.asDouble());
            fastest = Math.max(fastest, run.asDouble());
        }
        double rate = g.get("tokens_per_second").asDouble();
        assertTrue(slowest - 1e-3 <= rate && rate <= fastest + 1e-3, "the median rate lies among the runs' rates: " + g);
        assertEquals(2, j.get("threads").asInt());
        JsonNode steps = j.get("decode_steps_ms_per_token");
        for (String step : List.of("ln_1", "c_attn", "kv_cache", "attention", "attn_c_proj", "ln_2", "c_fc_gelu",
                "mlp_c_proj", "ln_f", "lm_head")) {
            assertTrue(steps.has(step), "decode step " + step + " in " + steps);
            double ms = steps.get(step).asDouble();
            assertTrue(steps.get(step).isNumber() && Double.isFinite(ms) && ms >= 0, "decode step " + step + ": " + steps);
        }
        double stepSum = 0;
        for (JsonNode v : steps) {
            assertTrue(v.isNumber() && Double.isFinite(v.asDouble()) && v.asDouble() >= 0, "every step's time: " + steps);
            stepSum += v.asDouble();
        }
        assertTrue(stepSum > 0, "the step clock measured the decode: " + steps);
        assertEquals(0, j.get("forward").size(), "no forward lengths asked for a GPT-2 model");
    }

    @Test
    void forwardReportsOneEntryPerLengthWithEveryRun() throws Exception {
        CliRun r = run("bench", "--model", BERT.toString(), "--tokens", "12,5", "--repeat", "3", "--warmup", "0",
                "--record", "all");
        assertEquals(0, r.code(), r.err());
        JsonNode forward = JSON.readTree(r.out()).get("forward");
        assertEquals(2, forward.size());
        assertEquals(12, forward.get(0).get("tokens").asInt());
        assertEquals(5, forward.get(1).get("tokens").asInt());
        for (JsonNode f : forward) {
            assertEquals("all", f.get("record").asText());
            assertEquals(3, f.get("runs_ms").size());
            assertTrue(f.get("min_ms").asDouble() <= f.get("median_ms").asDouble());
        }
    }

    @Test
    void badOptionsAreExplainedNotCrashedOn() {
        CliRun record = run("bench", "--model", BERT.toString(), "--record", "everything");
        assertEquals(1, record.code());
        assertTrue(record.err().contains("--record must be 'attentions', 'all' or 'lab'"), record.err());
        CliRun ids = run("bench", "--model", BERT.toString(), "--tokens", "20", "--ids", "5,6,7");
        assertEquals(1, ids.code());
        assertTrue(ids.err().contains("fewer than the 20 asked for"), ids.err());
        CliRun repeat = run("bench", "--model", BERT.toString(), "--repeat", "0");
        assertEquals(1, repeat.code());
        assertTrue(repeat.err().contains("--repeat must be at least 1"), repeat.err());
    }
}
