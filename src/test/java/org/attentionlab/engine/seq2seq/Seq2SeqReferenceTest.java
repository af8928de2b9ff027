package org.attentionlab.engine.seq2seq;

import static org.attentionlab.engine.seq2seq.Golden.assertClose;
import static org.attentionlab.engine.seq2seq.Golden.ints;
import static org.attentionlab.engine.seq2seq.Golden.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our forward pass against the PyTorch reference (torch.nn.GRU / LSTM with the same attention
 * equations) of tools/golden/seq2seq_reference.py, for every rnn_type x score function.
 */
class Seq2SeqReferenceTest {
    private static final double STATE_ABS = 2e-5;  // values in [-1, 1]: states, alignment, contexts
    private static final double SCORE_ABS = 5e-5;  // unbounded values up to ~20: scores, logits
    private static final double REL = 1e-5;

    static List<String> models() {
        return Golden.MODELS;
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

    private static void assertSteps(String where, JsonNode ref, Seq2SeqTrace trace) {
        assertClose(where + "decoder states", matrix(ref.get("decoder_states")), trace.decoderStates(), STATE_ABS, REL);
        assertClose(where + "scores", matrix(ref.get("scores")), trace.scores(), SCORE_ABS, REL);
        assertClose(where + "alignment", matrix(ref.get("alignment")), trace.alignment(), STATE_ABS, REL);
        assertClose(where + "contexts", matrix(ref.get("contexts")), trace.contexts(), STATE_ABS, REL);
        assertClose(where + "attentional vectors", matrix(ref.get("attentional")), trace.attentionalVectors(), STATE_ABS, REL);
        assertClose(where + "logits", matrix(ref.get("logits")), trace.logits(), SCORE_ABS, REL);
    }
}
