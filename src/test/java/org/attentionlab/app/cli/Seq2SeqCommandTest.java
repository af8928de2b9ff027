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

    private static JsonNode referenceCase(Path model, int index) throws Exception {
        return new ObjectMapper().readTree(model.resolve("cases.json").toFile()).get("cases").get(index);
    }

    @Test
    void beamPrintsEveryCandidateAndHypothesisAsTheReferenceBeamSearch() throws Exception {
        for (String name : new String[] {"gru-mlp", "lstm-bilinear"}) {
            Path model = MODEL.resolveSibling(name);
            JsonNode c = referenceCase(model, 0);
            JsonNode ref = c.get("beams").get(2); // width 3
            CliRun r = run("seq2seq", "--model", model.toString(), "--text", c.get("text").asText(), "--max-len",
                    c.get("max_len").asText(), "--beam", ref.get("width").asText(), "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode beam = new ObjectMapper().readTree(r.out()).get("beam");
            assertEquals(3, beam.get("width").asInt());
            assertEquals(ref.get("steps").size(), beam.get("steps").size());
            String[] status = {"kept", "finished", "pruned"};
            for (int t = 0; t < beam.get("steps").size(); t++) {
                for (int i = 0; i < beam.get("steps").get(t).size(); i++) {
                    JsonNode ours = beam.get("steps").get(t).get(i);
                    JsonNode theirs = ref.get("steps").get(t).get(i);
                    assertEquals(theirs.get(0).asInt(), ours.get("parent").asInt());
                    assertEquals(theirs.get(3).asDouble(), ours.get("score").asDouble(), 1e-4);
                    assertEquals(status[theirs.get(4).asInt()], ours.get("status").asText());
                }
            }
            assertEquals(ref.get("hypotheses").size(), beam.get("hypotheses").size());
            for (int i = 0; i < beam.get("hypotheses").size(); i++) {
                assertEquals(ref.get("hypotheses").get(i).get("score").asDouble(), beam.get("hypotheses").get(i).get("score").asDouble(), 1e-4);
            }
        }
    }

    @Test
    void forceEmitsThePrefixThenDecodesAsTheReference() throws Exception {
        JsonNode c = referenceCase(MODEL, 1);
        String prefix = c.get("target_text").asText().split(" ")[0] + " " + c.get("target_text").asText().split(" ")[1];
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--text", c.get("text").asText(), "--max-len",
                c.get("max_len").asText(), "--force", prefix, "--steps", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode ref = c.get("prefix");
        assertEquals(ref.get("output_ids"), j.get("output_ids"));
        assertEquals(2, j.get("forced_steps").asInt());
        JsonNode steps = j.get("steps");
        assertEquals(ref.get("output_ids").size(), steps.size());
        for (int t = 0; t < steps.size(); t++) {
            JsonNode step = steps.get(t);
            assertEquals(t < 2, step.get("forced").asBoolean());
            for (int s = 0; s < step.get("weights").size(); s++) {
                assertEquals(ref.get("alignment").get(t).get(s).asDouble(), step.get("weights").get(s).asDouble(), 2e-5);
                assertEquals(ref.get("scores").get(t).get(s).asDouble(), step.get("scores").get(s).asDouble(), 1e-4);
            }
            for (int k = 0; k < step.get("context").size(); k++) {
                assertEquals(ref.get("contexts").get(t).get(k).asDouble(), step.get("context").get(k).asDouble(), 2e-5);
                assertEquals(ref.get("decoder_states").get(t).get(k).asDouble(), step.get("decoder_state").get(k).asDouble(), 2e-5);
            }
            for (int k = 0; k < 5; k++) {
                assertEquals(ref.get("top5").get(t).get(k).get(0).asInt(), step.get("top5").get(k).get("id").asInt());
                assertEquals(ref.get("top5").get(t).get(k).get(1).asDouble(), step.get("top5").get(k).get("probability").asDouble(), 2e-5);
            }
        }
    }

    @Test
    void evalCountsExactMatchesAndAttentionOnGoldByLength(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // gold targets: the reference's greedy output for case 0 (an exact match, with an alignment on the
        // reference's own argmax), and a wrong target for case 2
        JsonNode c0 = referenceCase(MODEL, 0);
        JsonNode c2 = referenceCase(MODEL, 2);
        StringBuilder tsv = new StringBuilder();
        tsv.append(String.join(" ", words(c0.get("source_tokens")))).append('\t');
        JsonNode g = c0.get("greedy");
        java.util.List<String> tgt = new java.util.ArrayList<>();
        java.util.List<String> align = new java.util.ArrayList<>();
        String[] vocab = new ObjectMapper().readValue(MODEL.resolve("tgt_vocab.json").toFile(), String[].class);
        int n = g.get("output_ids").size() - (g.get("output_ids").get(g.get("output_ids").size() - 1).asInt() == 2 ? 1 : 0);
        for (int t = 0; t < n; t++) {
            tgt.add(vocab[g.get("output_ids").get(t).asInt()]);
            JsonNode row = g.get("alignment").get(t);
            int best = 0;
            for (int s = 1; s < row.size() - 1; s++) {
                best = row.get(s).asDouble() > row.get(best).asDouble() ? s : best;
            }
            align.add(Integer.toString(best));
        }
        tsv.append(String.join(" ", tgt)).append('\t').append(String.join(" ", align)).append('\n');
        tsv.append(String.join(" ", words(c2.get("source_tokens")))).append('\t').append("le chat").append('\n');
        Path file = dir.resolve("t.tsv");
        java.nio.file.Files.writeString(file, tsv.toString());
        CliRun r = run("seq2seq", "--model", MODEL.toString(), "--eval", file.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("sentences").asInt());
        // case 0's greedy output reaches max_len without </s> in some fixtures: then it is no exact match
        boolean case0Ends = g.get("output_ids").get(g.get("output_ids").size() - 1).asInt() == 2;
        assertEquals(case0Ends ? 0.5 : 0.0, j.get("exact_match").asDouble(), 1e-9);
        assertEquals(2, j.get("by_source_length").size());
    }

    private static java.util.List<String> words(JsonNode tokens) {
        java.util.List<String> out = new java.util.ArrayList<>();
        tokens.forEach(t -> out.add(t.asText()));
        return out;
    }

    @Test
    void evalOrTextIsRequiredAndTargetExcludesForce() {
        CliRun r = run("seq2seq", "--model", MODEL.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--text") && r.err().contains("--eval"), r.err());
        CliRun both = run("seq2seq", "--model", MODEL.toString(), "--text", "a cat", "--target", "le chat", "--force", "le");
        assertEquals(1, both.code());
        assertTrue(both.err().contains("--force"), both.err());
        CliRun wide = run("seq2seq", "--model", MODEL.toString(), "--text", "a cat", "--beam", "9");
        assertEquals(1, wide.code());
        assertTrue(wide.err().contains("1 and 8"), wide.err());
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
