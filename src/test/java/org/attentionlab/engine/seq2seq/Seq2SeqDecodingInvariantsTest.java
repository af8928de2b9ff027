package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of beam search, forced prefixes, top-k and score parts that hold whatever the
 * weights, checked with arithmetic done here rather than with the engine's own helpers.
 */
class Seq2SeqDecodingInvariantsTest {
    private static final List<String> TEXTS = List.of("The black cat sees a small dog.", "A big red car, the WHITE house!",
            "fish", "the cat eats fish on 12 May");

    static List<String> models() {
        List<String> all = new ArrayList<>(Golden.MODELS);
        all.addAll(Golden.NO_ATTENTION_MODELS);
        return all;
    }

    static List<String> attentionModels() {
        return Golden.MODELS;
    }

    /** log softmax computed here, in double, independently of the engine. */
    private static double logProb(float[] logits, int id) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        return logits[id] - max - Math.log(sum);
    }

    @ParameterizedTest
    @MethodSource("models")
    void beamOfWidthOneIsGreedy(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (String text : TEXTS) {
            int[] src = model.encodeSource(text);
            Seq2SeqTrace greedy = model.translate(src, 8);
            BeamSearch beam = model.beamSearch(src, 1, 8);
            assertEquals(1, beam.hypotheses().size());
            assertArrayEquals(greedy.outputIds(), beam.best().ids(), name + " '" + text + "'");
            assertEquals(greedy.endedWithEos(), beam.best().finished());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyHypothesisScoreIsTheSumOfItsForcedLogProbabilities(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (String text : TEXTS) {
            int[] src = model.encodeSource(text);
            for (int width : new int[] {2, 4, 8}) {
                BeamSearch beam = model.beamSearch(src, width, 8);
                for (BeamSearch.Hypothesis h : beam.hypotheses()) {
                    Seq2SeqTrace forced = model.forceDecode(src, h.ids());
                    double sum = 0;
                    for (int t = 0; t < h.ids().length; t++) {
                        sum += logProb(forced.logits()[t], h.ids()[t]);
                    }
                    assertEquals(sum, h.score(), 1e-4, name + " width " + width + " " + h.tokens());
                    assertEquals(h.finished(), h.ids()[h.ids().length - 1] == model.config().eosId());
                }
                // each step selects at most `width` candidates, and every kept one has a parent in the beam
                for (int t = 0; t < beam.steps().size(); t++) {
                    long selected = beam.steps().get(t).stream().filter(c -> c.status() != BeamSearch.Status.PRUNED).count();
                    assertTrue(selected >= 1 && selected <= width);
                    int parents = t == 0 ? 1 : beam.kept(t - 1).size();
                    for (BeamSearch.Candidate c : beam.steps().get(t)) {
                        assertTrue(c.parent() >= 0 && c.parent() < parents);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void aForcedPrefixIsEmittedThenTheModelGoesOnGreedily(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        for (String text : TEXTS) {
            int[] src = model.encodeSource(text);
            assertArrayEquals(model.translate(src, 8).outputIds(), model.decodeWithPrefix(src, new int[0], 8).outputIds());
            int[] prefix = model.encodeTarget("le chien");
            int[] given = {prefix[0], prefix[1]};
            Seq2SeqTrace trace = model.decodeWithPrefix(src, given, 8);
            assertEquals(2, trace.forcedSteps());
            assertEquals(given[0], trace.outputIds()[0]);
            assertEquals(given[1], trace.outputIds()[1]);
            int[] predicted = trace.predictedIds();
            for (int t = 2; t < trace.targetLength(); t++) {
                assertEquals(predicted[t], trace.outputIds()[t], "free steps emit their argmax");
                assertEquals(trace.outputIds()[t - 1], trace.decoderInputIds()[t]);
            }
            // the same steps as teacher forcing on the trace's own output
            Seq2SeqTrace forced = model.forceDecode(src, trace.outputIds());
            assertArrayEquals(forced.logits()[trace.targetLength() - 1], trace.logits()[trace.targetLength() - 1]);
        }
        assertThrows(InputException.class, () -> model.decodeWithPrefix(model.encodeSource("fish"), new int[9], 8));
        assertThrows(InputException.class, () -> model.beamSearch(model.encodeSource("fish"), 9, 8));
        assertThrows(InputException.class, () -> model.beamSearch(model.encodeSource("fish"), 0, 8));
    }

    @ParameterizedTest
    @MethodSource("models")
    void topKIsTheSoftmaxOfTheLogitsInOrder(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        Seq2SeqTrace trace = model.translate(TEXTS.get(0), 8);
        for (int t = 0; t < trace.targetLength(); t++) {
            List<Seq2SeqTrace.Ranked> top = trace.topK(t, 5);
            assertEquals(5, top.size());
            assertEquals(trace.predictedIds()[t], top.get(0).id());
            for (int i = 0; i < top.size(); i++) {
                assertEquals(Math.exp(logProb(trace.logits()[t], top.get(i).id())), top.get(i).probability(), 1e-6);
                if (i > 0) {
                    assertTrue(top.get(i).probability() <= top.get(i - 1).probability());
                }
            }
            double total = 0;
            for (double p : trace.probabilities(t)) {
                total += p;
            }
            assertEquals(1.0, total, 1e-5);
        }
    }

    @ParameterizedTest
    @MethodSource("attentionModels")
    void scorePartsAddUpToEachScoreOfTheTrace(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        Seq2SeqTrace trace = model.translate(TEXTS.get(1), 8);
        for (int t = 0; t < trace.targetLength(); t++) {
            for (int s = 0; s < trace.sourceLength(); s++) {
                Seq2SeqAttention.ScoreParts parts = model.attention().scoreParts(trace.decoderStates()[t], trace.encoderStates()[s]);
                double sum = 0;
                for (float term : parts.terms()) {
                    sum += term;
                }
                assertEquals(trace.scores()[t][s], sum, 1e-4 + 1e-5 * Math.abs(sum), name + " step " + t + " source " + s);
                assertEquals(trace.scores()[t][s], parts.score(), 1e-5 + 1e-6 * Math.abs(sum));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void modelsWithoutAttentionHaveEmptyAttentionRows(String name) {
        Seq2SeqModel model = Seq2SeqModel.load(Golden.dir(name));
        Seq2SeqTrace trace = model.translate(TEXTS.get(0), 8);
        boolean attends = !Golden.NO_ATTENTION_MODELS.contains(name);
        assertEquals(attends, trace.hasAttention());
        assertEquals(attends, model.attention() != null);
        for (int t = 0; t < trace.targetLength(); t++) {
            assertEquals(attends ? trace.sourceLength() : 0, trace.alignment()[t].length);
            if (!attends) {
                assertArrayEquals(trace.decoderStates()[t], trace.attentionalVectors()[t], "the output layer reads h_t");
            }
        }
    }
}
