package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties every trace must have whatever the weights, checked against arithmetic done here
 * in the test rather than against the engine's own helpers.
 */
class Seq2SeqInvariantsTest {
    private static final List<String> TEXTS = List.of("The black cat sees a small dog.", "A big red car, the WHITE house!",
            "fish", "the cat eats fish on 12 May");

    static List<String> models() {
        return Golden.MODELS;
    }

    /** Models with attention (score "none" has no alignment to sum to one). */
    static List<String> attentionModels() {
        return Golden.MODELS.stream().filter(m -> !m.endsWith("-none")).toList();
    }

    static List<String> noAttentionModels() {
        return Golden.MODELS.stream().filter(m -> m.endsWith("-none")).toList();
    }

    @ParameterizedTest
    @MethodSource("noAttentionModels")
    void withoutAttentionTheDecoderNeverLooksBack(String name) {
        for (Seq2SeqTrace trace : traces(Seq2SeqModel.load(Golden.dir(name)))) {
            for (int t = 0; t < trace.alignment().length; t++) {
                assertEquals(trace.sourceLength(), trace.alignment()[t].length);
                for (int s = 0; s < trace.sourceLength(); s++) {
                    assertEquals(0f, trace.alignment()[t][s]);
                    assertEquals(0f, trace.scores()[t][s]);
                }
                for (float c : trace.contexts()[t]) {
                    assertEquals(0f, c);
                }
                // h~_t = h_t: the output layer reads the decoder state itself
                org.junit.jupiter.api.Assertions.assertArrayEquals(trace.decoderStates()[t], trace.attentionalVectors()[t]);
            }
        }
    }

    static List<String> dotModels() {
        return Golden.MODELS.stream().filter(m -> m.endsWith("-dot")).toList();
    }

    /** Models whose encoder states split into a left-context half and a right-context half (not stacked bidirectional). */
    static List<String> modelsWithOneSidedStates() {
        return Golden.MODELS.stream().filter(m -> {
            Seq2SeqConfig c = Seq2SeqModel.load(Golden.dir(m)).config();
            return !(c.bidirectionalEncoder() && c.layers() > 1);
        }).toList();
    }

    private static List<Seq2SeqTrace> traces(Seq2SeqModel model) {
        List<Seq2SeqTrace> out = new ArrayList<>();
        for (String text : TEXTS) {
            out.add(model.translate(text, 8));
            out.add(model.forceDecode(model.encodeSource(text), model.encodeTarget("le chat noir voit un petit chien .")));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("attentionModels")
    void alignmentRowsArePositiveAndSumToOne(String name) {
        for (Seq2SeqTrace trace : traces(Seq2SeqModel.load(Golden.dir(name)))) {
            for (float[] row : trace.alignment()) {
                assertEquals(trace.sourceLength(), row.length);
                double sum = 0;
                for (float a : row) {
                    assertTrue(a >= 0 && a <= 1, "alignment weight " + a);
                    sum += a;
                }
                assertEquals(1.0, sum, 1e-6);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("attentionModels")
    void alignmentIsSoftmaxOfScores(String name) {
        for (Seq2SeqTrace trace : traces(Seq2SeqModel.load(Golden.dir(name)))) {
            for (int t = 0; t < trace.targetLength(); t++) {
                float[] e = trace.scores()[t];
                double sum = 0;
                for (float v : e) {
                    sum += Math.exp(v);
                }
                for (int s = 0; s < e.length; s++) {
                    assertEquals(Math.exp(e[s]) / sum, trace.alignment()[t][s], 1e-6, "step " + t + ", source " + s);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void contextIsAlignmentWeightedSumOfEncoderStates(String name) {
        for (Seq2SeqTrace trace : traces(Seq2SeqModel.load(Golden.dir(name)))) {
            float[][] hs = trace.encoderStates();
            for (int t = 0; t < trace.targetLength(); t++) {
                for (int k = 0; k < hs[0].length; k++) {
                    double expected = 0;
                    for (int s = 0; s < hs.length; s++) {
                        expected += trace.alignment()[t][s] * hs[s][k];
                    }
                    assertEquals(expected, trace.contexts()[t][k], 1e-6, "step " + t + ", dim " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void scoreOfEachPairRecomputedThroughThePublicApiMatchesTheTrace(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        Attention attention = model.attention();
        for (Seq2SeqTrace trace : traces(model)) {
            for (int t = 0; t < trace.targetLength(); t++) {
                float[] ht = trace.decoderStates()[t];
                for (int s = 0; s < trace.sourceLength(); s++) {
                    float[] hs = trace.encoderStates()[s];
                    assertEquals(trace.scores()[t][s], attention.score(ht, hs), 1e-5);
                    assertEquals(trace.scores()[t][s], attention.combine(attention.query(ht), attention.key(hs)), 1e-5);
                }
                assertArrayEquals(trace.attentionalVectors()[t], attention.attentionalVector(trace.contexts()[t], ht), 1e-6f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dotModels")
    void dotScoreIsTheInnerProductOfDecoderAndEncoderStates(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        assertEquals(ScoreFunction.DOT, model.config().score());
        for (Seq2SeqTrace trace : traces(model)) {
            for (int t = 0; t < trace.targetLength(); t++) {
                for (int s = 0; s < trace.sourceLength(); s++) {
                    double dot = 0;
                    for (int k = 0; k < model.config().hiddenSize(); k++) {
                        dot += trace.decoderStates()[t][k] * trace.encoderStates()[s][k];
                    }
                    assertEquals(dot, trace.scores()[t][s], 1e-5);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void greedyEmitsTheArgmaxFeedsItBackAndStopsAtEndOfSentence(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        int eos = model.config().eosId();
        for (String text : TEXTS) {
            Seq2SeqTrace trace = model.translate(text, 8);
            int steps = trace.targetLength();
            assertEquals(model.config().bosId(), trace.decoderInputIds()[0]);
            for (int t = 0; t < steps; t++) {
                float[] y = trace.logits()[t];
                for (float v : y) {
                    assertTrue(v <= y[trace.outputIds()[t]], "output " + t + " is not the largest logit");
                }
                assertEquals(model.targetVocabulary().word(trace.outputIds()[t]), trace.outputTokens().get(t));
                if (t + 1 < steps) {
                    assertEquals(trace.outputIds()[t], trace.decoderInputIds()[t + 1]);
                    assertTrue(trace.outputIds()[t] != eos, "decoding went on after </s>");
                }
            }
            assertEquals(trace.outputIds()[steps - 1] == eos, trace.endedWithEos());
            assertTrue(trace.endedWithEos() || steps == 8, "stopped early without </s>");
            assertFalse(trace.teacherForced());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void forcingTheGreedyOutputReproducesTheGreedyTrace(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (String text : TEXTS) {
            Seq2SeqTrace greedy = model.translate(text, 8);
            Seq2SeqTrace forced = model.forceDecode(greedy.sourceIds(), greedy.outputIds());
            assertTrue(forced.teacherForced());
            assertArrayEquals(greedy.decoderInputIds(), forced.decoderInputIds());
            assertArrayEquals(greedy.outputIds(), forced.predictedIds());
            assertArrayEquals(greedy.scores(), forced.scores());
            assertArrayEquals(greedy.logits(), forced.logits());
            assertArrayEquals(greedy.contexts(), forced.contexts());
        }
    }

    @ParameterizedTest
    @MethodSource("modelsWithOneSidedStates")
    void encoderDirectionsReadOnlyTheirOwnSideOfTheSentence(String name) {
        // (in a stacked bidirectional encoder upper layers read both directions of the layer
        // below, so every state has seen the whole sentence; the reference test covers those)
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        Seq2SeqConfig config = model.config();
        int hd = config.encoderDirectionSize();
        float[][] a = model.translate("the black cat .", 1).encoderStates();
        float[][] b = model.translate("the white dog .", 1).encoderStates();
        // same first word: the forward half of position 0 has seen only that word
        assertArrayEquals(slice(a[0], 0, hd), slice(b[0], 0, hd));
        if (config.bidirectionalEncoder()) {
            // same last two tokens (".", "</s>"): the backward half there has seen only those
            assertArrayEquals(slice(a[a.length - 2], hd, 2 * hd), slice(b[b.length - 2], hd, 2 * hd));
            assertFalse(Arrays.equals(slice(a[0], hd, 2 * hd), slice(b[0], hd, 2 * hd)),
                    "the backward half of position 0 has read the whole sentence");
        } else {
            assertFalse(Arrays.equals(a[a.length - 1], b[b.length - 1]));
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void unknownWordsBecomeUnkAndTheSourceEndsWithEndOfSentence(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        Seq2SeqTrace trace = model.translate("The zebra sees", 2);
        assertEquals(List.of("the", "<unk>", "sees", "</s>"), trace.sourceTokens());
        assertEquals(model.config().unkId(), trace.sourceIds()[1]);
        assertEquals(model.config().eosId(), trace.sourceIds()[3]);
    }

    private static float[] slice(float[] x, int from, int to) {
        return Arrays.copyOfRange(x, from, to);
    }
}
