package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The seq2seq subcommand prints what the PyTorch reference computed for the same model. */
class Seq2SeqCommandTest {
    private static final Path MODEL = Path.of("src/test/resources/golden/seq2seq/gru-mlp");

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void greedyTranslationAndAlignmentMatchTheReference() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(MODEL.resolve("cases.json").toFile()).get("cases");
        JsonNode c = cases.get(0);
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--text", c.get("text").asText(),
                "--max-len", c.get("max_len").asText(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(c.get("greedy").get("output_ids"), j.get("output_ids"));
        assertEquals(c.get("source_ids"), j.get("source_ids"));
        JsonNode refAlign = c.get("greedy").get("alignment");
        JsonNode align = j.get("alignment");
        assertEquals(refAlign.size(), align.size());
        for (int t = 0; t < align.size(); t++) {
            for (int s = 0; s < align.get(t).size(); s++) {
                assertEquals(refAlign.get(t).get(s).asDouble(), align.get(t).get(s).asDouble(), 5e-5);
            }
        }
    }

    @Test
    void repeatedTranslationReportsItsMedianTimeAndTheSameOutput() throws Exception {
        JsonNode c = new ObjectMapper().readTree(MODEL.resolve("cases.json").toFile()).get("cases").get(0);
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--text", c.get("text").asText(),
                "--max-len", c.get("max_len").asText(), "--repeat", "3", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(c.get("greedy").get("output_ids"), j.get("output_ids"));
        assertEquals(3, j.get("timing").get("repeat").asInt());
        assertTrue(j.get("timing").get("translate_ms").asDouble() > 0, r.out());
        assertTrue(j.get("timing").get("load_ms").asDouble() > 0, r.out());
    }

    @Test
    void repeatOutOfRangeIsRefused() {
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--text", "a cat", "--repeat", "0");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--repeat"), r.err());
    }

    @Test
    void emptyTextIsAOneLineErrorWithExitCode1() {
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--text", "  ", "--json");
        assertEquals(1, r.code());
        // logs may precede it, but the reason is exactly one line, the last
        var lines = r.err().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("error: "), r.err());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error: ")).count(), r.err());
        assertTrue(lines.get(lines.size() - 1).contains("no words"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownModelIsAOneLineError() {
        CliRun r = run("seq2seq", "--model", "no/such/model", "--text", "a cat");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no/such/model"), r.err());
    }

    @Test
    void unknownOptionIsReported() {
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--txet", "a cat");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--txet"), r.err());
    }

    @Test
    void aBertModelIsNamedAsSuchAndTheSeq2seqSamplesAreOffered() {
        CliRun r = run("seq2seq", "--model", "tiny-bert", "--text", "the cat sleeps");
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains("tiny-bert is a BERT model"), r.err());
        assertTrue(r.err().contains("seq2seq-dot"), "names a sample that works: " + r.err());
        assertTrue(r.err().contains("inspect --model tiny-bert"), "says what tiny-bert is for: " + r.err());
        assertTrue(!r.err().contains("model_type"), "no advice to edit config.json: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
