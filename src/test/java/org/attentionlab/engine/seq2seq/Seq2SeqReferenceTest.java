package org.attentionlab.engine.seq2seq;

import static org.attentionlab.engine.seq2seq.Golden.assertClose;
import static org.attentionlab.engine.seq2seq.Golden.ints;
import static org.attentionlab.engine.seq2seq.Golden.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our forward pass against the PyTorch reference (torch.nn.GRU / LSTM with the same attention
 * equations) of tools/golden/seq2seq_reference.py, for every rnn_type x score function and for
 * models without attention: greedy, teacher-forced and forced-prefix decoding (every
 * intermediate and each step's top 5), and beam search (every candidate and hypothesis).
 */
class Seq2SeqReferenceTest {
    private static final double STATE_ABS = 2e-5;  // values in [-1, 1]: states, alignment, contexts
    private static final double SCORE_ABS = 5e-5;  // unbounded values up to ~20: scores, logits
    private static final double REL = 1e-5;

    private static final double LOGPROB_ABS = 1e-4; // sums of up to 6 log-probabilities
    private static final double PROB_ABS = 2e-5;

    static List<String> models() {
        List<String> all = new ArrayList<>(Golden.MODELS);
        all.addAll(Golden.NO_ATTENTION_MODELS);
        return all;
    }

    @ParameterizedTest
    @MethodSource("models")
    void tokenizerGivesTheReferenceSourceIds(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (JsonNode c : Golden.cases(name)) {
            List<String> expectedTokens = new ArrayList<>();
            c.get("source_tokens").forEach(t -> expectedTokens.add(t.asText()));
            assertEquals(expectedTokens, model.tokenizer().tokenize(c.get("text").asText()), c.get("text").asText());
            assertArrayEquals(ints(c.get("source_ids")), model.encodeSource(c.get("text").asText()));
            assertArrayEquals(ints(c.get("target_ids")), model.encodeTarget(c.get("target_text").asText()));
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void greedyDecodingMatchesReference(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (JsonNode c : Golden.cases(name)) {
            JsonNode ref = c.get("greedy");
            Seq2SeqTrace trace = model.translate(c.get("text").asText(), c.get("max_len").asInt());
            String where = name + " greedy '" + c.get("text").asText() + "' ";
            assertArrayEquals(ints(c.get("source_ids")), trace.sourceIds(), where + "source ids");
            assertArrayEquals(ints(ref.get("output_ids")), trace.outputIds(), where + "output ids");
            assertArrayEquals(ints(ref.get("decoder_input_ids")), trace.decoderInputIds(), where + "decoder inputs");
            assertClose(where + "encoder states", matrix(ref.get("encoder_states")), trace.encoderStates(), STATE_ABS, REL);
            assertSteps(where, ref, trace);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void teacherForcedDecodingMatchesReference(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (JsonNode c : Golden.cases(name)) {
            JsonNode ref = c.get("forced");
            int[] target = ints(c.get("target_ids"));
            Seq2SeqTrace trace = model.forceDecode(ints(c.get("source_ids")), target);
            String where = name + " forced '" + c.get("target_text").asText() + "' ";
            assertArrayEquals(target, trace.outputIds(), where + "outputs are the forced target");
            assertArrayEquals(ints(ref.get("decoder_input_ids")), trace.decoderInputIds(), where + "decoder inputs");
            assertSteps(where, ref, trace);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void decodingAfterAForcedPrefixMatchesReference(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (JsonNode c : Golden.cases(name)) {
            JsonNode ref = c.get("prefix");
            int[] prefix = ints(c.get("prefix_ids"));
            Seq2SeqTrace trace = model.decodeWithPrefix(ints(c.get("source_ids")), prefix, c.get("max_len").asInt());
            String where = name + " prefix " + Arrays.toString(prefix) + " '" + c.get("text").asText() + "' ";
            assertEquals(prefix.length, trace.forcedSteps(), where + "forced steps");
            assertArrayEquals(ints(ref.get("output_ids")), trace.outputIds(), where + "output ids");
            assertArrayEquals(ints(ref.get("decoder_input_ids")), trace.decoderInputIds(), where + "decoder inputs");
            assertSteps(where, ref, trace);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void beamSearchMatchesReference(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        int checked = 0;
        for (JsonNode c : Golden.cases(name)) {
            if (!c.has("beams")) {
                continue;
            }
            for (JsonNode ref : c.get("beams")) {
                int width = ref.get("width").asInt();
                BeamSearch beam = model.beamSearch(ints(c.get("source_ids")), width, c.get("max_len").asInt());
                String where = name + " beam " + width + " '" + c.get("text").asText() + "' ";
                assertEquals(ref.get("steps").size(), beam.steps().size(), where + "steps");
                for (int t = 0; t < beam.steps().size(); t++) {
                    JsonNode refStep = ref.get("steps").get(t);
                    List<BeamSearch.Candidate> ours = beam.steps().get(t);
                    assertEquals(refStep.size(), ours.size(), where + "candidates at step " + t);
                    for (int i = 0; i < ours.size(); i++) {
                        JsonNode r = refStep.get(i);
                        BeamSearch.Candidate cand = ours.get(i);
                        String at = where + "step " + t + " candidate " + i + " ";
                        assertEquals(r.get(0).asInt(), cand.parent(), at + "parent");
                        assertEquals(r.get(1).asInt(), cand.tokenId(), at + "token");
                        assertNear(r.get(2).asDouble(), cand.tokenLogProb(), LOGPROB_ABS, at + "token log-prob");
                        assertNear(r.get(3).asDouble(), cand.score(), LOGPROB_ABS, at + "score");
                        assertEquals(BeamSearch.Status.values()[r.get(4).asInt()], cand.status(), at + "status");
                    }
                }
                assertEquals(ref.get("hypotheses").size(), beam.hypotheses().size(), where + "hypotheses");
                for (int i = 0; i < beam.hypotheses().size(); i++) {
                    JsonNode r = ref.get("hypotheses").get(i);
                    BeamSearch.Hypothesis h = beam.hypotheses().get(i);
                    assertArrayEquals(ints(r.get("ids")), h.ids(), where + "hypothesis " + i);
                    assertNear(r.get("score").asDouble(), h.score(), LOGPROB_ABS, where + "hypothesis " + i + " score");
                    assertEquals(r.get("finished").asBoolean(), h.finished(), where + "hypothesis " + i + " finished");
                }
                checked++;
            }
        }
        assertTrue(checked >= 8, name + ": the fixture has " + checked + " beam searches");
    }

    private static void assertNear(double expected, double actual, double abs, String what) {
        if (!(Math.abs(expected - actual) <= abs)) { // NaN fails
            fail(what + " = " + actual + ", reference " + expected);
        }
    }

    private static void assertSteps(String where, JsonNode ref, Seq2SeqTrace trace) {
        JsonNode top5 = ref.get("top5");
        assertEquals(top5.size(), trace.targetLength(), where + "top-5 rows");
        for (int t = 0; t < trace.targetLength(); t++) {
            List<Seq2SeqTrace.Ranked> ours = trace.topK(t, 5);
            for (int i = 0; i < 5; i++) {
                assertEquals(top5.get(t).get(i).get(0).asInt(), ours.get(i).id(), where + "top-5 id at step " + t + " rank " + i);
                assertNear(top5.get(t).get(i).get(1).asDouble(), ours.get(i).probability(), PROB_ABS,
                        where + "top-5 probability at step " + t + " rank " + i);
            }
        }
        assertClose(where + "decoder states", matrix(ref.get("decoder_states")), trace.decoderStates(), STATE_ABS, REL);
        assertClose(where + "scores", matrix(ref.get("scores")), trace.scores(), SCORE_ABS, REL);
        assertClose(where + "alignment", matrix(ref.get("alignment")), trace.alignment(), STATE_ABS, REL);
        assertClose(where + "contexts", matrix(ref.get("contexts")), trace.contexts(), STATE_ABS, REL);
        assertClose(where + "attentional vectors", matrix(ref.get("attentional")), trace.attentionalVectors(), STATE_ABS, REL);
        assertClose(where + "logits", matrix(ref.get("logits")), trace.logits(), SCORE_ABS, REL);
    }
}
