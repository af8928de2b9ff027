package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.attentionlab.domain.EmbeddingParts;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.HeadProjections;
import org.attentionlab.domain.MaskStep;
import org.attentionlab.domain.TraceItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trace items the labs show (embedding parts, per-head projections, logit lens) against
 * HuggingFace transformers, on the tiny peaked BERT and GPT-2 of tools/golden/transformers_fixtures.py
 * and the cases of tools/golden/trace_fixtures.py (BERT: a sentence pair and a padded input; GPT-2:
 * a plain and a right-padded input). HF has hooks for q, k, v, the heads' outputs and the embedding
 * sum; the attention weights are checked by recomputing them from our own q and k.
 */
class LabTraceItemsGoldenTest {
    static final double EMBEDDING_TOL = 1e-6;   // table lookups: only the fixtures' 7-digit rounding
    static final double PROJECTION_TOL = 1e-4;  // as the hidden states
    static final double ATTENTION_TOL = 1e-4;
    static final double LENS_TOL = 1e-3;        // as the logits
    static final EnumSet<TraceItem> LAB_ITEMS = EnumSet.of(TraceItem.EMBEDDINGS, TraceItem.PROJECTIONS,
            TraceItem.LOGIT_LENS, TraceItem.MASKS, TraceItem.ATTENTIONS, TraceItem.LOGITS);

    /** One fixture case and the model it is for. */
    record Case(String model, JsonNode c) {
        @Override
        public String toString() {
            return model + " " + c.get("name").asText();
        }

        boolean causal() {
            return model.equals("gpt2");
        }
    }

    static final Map<String, TransformerModel> MODELS = new TreeMap<>();
    /** The largest difference from HF seen per item, printed after the run for the report. */
    static final Map<String, Double> WORST = new TreeMap<>();

    @BeforeAll
    static void load() {
        for (String m : List.of("bert", "gpt2")) {
            MODELS.put(m, (TransformerModel) Models.load(Golden.path(m + "/model")));
        }
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(TransformerModel::close);
        WORST.forEach((k, v) -> System.out.printf(Locale.ROOT, "lab trace items: %s max |diff| %.2e%n", k, v));
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String m : List.of("bert", "gpt2")) {
            Golden.cases(Golden.json(m + "/traces.json")).forEach(c -> out.add(new Case(m, c)));
        }
        return out.stream();
    }

    static ForwardTrace run(Case k, java.util.Set<TraceItem> items) {
        return MODELS.get(k.model()).forward(Encodings.fromCase(k.c()), items);
    }

    static void worst(String what, double d) {
        WORST.merge(what, d, Math::max);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void embeddingPartsAreHuggingFacesTableRowsAndTheirSum(Case k) {
        EmbeddingParts e = run(k, EnumSet.of(TraceItem.EMBEDDINGS)).embeddings();
        JsonNode x = k.c().get("embeddings");
        worst("embedding token", Golden.assertClose(k + " token", Golden.matrix(x.get("token")), e.token(), EMBEDDING_TOL));
        worst("embedding position", Golden.assertClose(k + " position", Golden.matrix(x.get("position")), e.position(),
                EMBEDDING_TOL));
        worst("embedding sum", Golden.assertClose(k + " sum", Golden.matrix(x.get("sum")), e.sum(), EMBEDDING_TOL));
        if (x.has("segment")) {
            assertTrue(e.hasSegments());
            worst("embedding segment", Golden.assertClose(k + " segment", Golden.matrix(x.get("segment")), e.segment(),
                    EMBEDDING_TOL));
        } else {
            assertNull(e.segment(), "GPT-2 has no segment embeddings");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void queriesKeysValuesAndHeadOutputsMatchHuggingFacesModules(Case k) {
        ForwardTrace trace = run(k, EnumSet.of(TraceItem.PROJECTIONS));
        JsonNode layers = k.c().get("projections");
        assertEquals(layers.size(), trace.projections().size(), "one entry per layer");
        for (int l = 0; l < layers.size(); l++) {
            HeadProjections p = trace.projections().get(l);
            JsonNode x = layers.get(l);
            assertEquals(l, p.layer());
            String at = k + " layer " + l;
            worst("q", Golden.assertClose(at + " q", Golden.cube(x.get("q")), p.queries(), PROJECTION_TOL));
            worst("k", Golden.assertClose(at + " k", Golden.cube(x.get("k")), p.keys(), PROJECTION_TOL));
            worst("v", Golden.assertClose(at + " v", Golden.cube(x.get("v")), p.values(), PROJECTION_TOL));
            worst("context", Golden.assertClose(at + " context", Golden.cube(x.get("context")), p.contexts(),
                    PROJECTION_TOL));
        }
    }

    /**
     * softmax(q k^T * scale + mask) from the trace's own q and k equals HF's attention weights; the
     * same scores equal the trace's raw scores, and the trace's weights times its v give its head
     * outputs: the projections, the mask step and the attentions of one trace belong together.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void attentionRecomputedFromOurQueriesAndKeysMatchesHuggingFace(Case k) {
        ForwardTrace trace = run(k, LAB_ITEMS);
        double scale = k.c().get("scale").asDouble();
        int[] attend = Golden.ints(k.c().get("attention_mask"));
        for (HeadProjections p : trace.projections()) {
            int l = p.layer();
            MaskStep step = trace.maskSteps().get(l);
            float[][][] hf = Golden.cube(k.c().get("attentions").get(l));
            for (int h = 0; h < p.heads(); h++) {
                float[][] q = p.queries()[h];
                float[][] kk = p.keys()[h];
                int n = q.length;
                float[][] raw = new float[n][n];
                float[][] probs = new float[n][n];
                for (int i = 0; i < n; i++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        double dot = 0;
                        for (int f = 0; f < p.headDim(); f++) {
                            dot += (double) q[i][f] * kk[j][f];
                        }
                        raw[i][j] = (float) (dot * scale);
                        boolean visible = attend[j] == 1 && (!k.causal() || j <= i);
                        s[j] = visible ? dot * scale : Double.NEGATIVE_INFINITY;
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += Math.exp(s[j] - max);
                    }
                    for (int j = 0; j < n; j++) {
                        probs[i][j] = (float) (Math.exp(s[j] - max) / sum);
                    }
                }
                String at = k + " layer " + l + " head " + h;
                worst("attention from our q, k vs HF", Golden.assertClose(at + " softmax(q k^T)", hf[h], probs,
                        ATTENTION_TOL));
                worst("raw scores from our q, k vs our mask step", Golden.assertClose(at + " raw scores", raw,
                        step.rawScores()[h], ATTENTION_TOL));
                float[][] context = new float[n][p.headDim()];
                for (int i = 0; i < n; i++) {
                    for (int f = 0; f < p.headDim(); f++) {
                        double c = 0;
                        for (int j = 0; j < n; j++) {
                            c += (double) trace.attentions()[l][h][i][j] * p.values()[h][j][f];
                        }
                        context[i][f] = (float) c;
                    }
                }
                worst("context from our weights and v vs our context", Golden.assertClose(at + " P v", context,
                        p.contexts()[h], PROJECTION_TOL));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logitLensIsHuggingFacesOutputHeadOnEveryHiddenState(Case k) {
        ForwardTrace trace = run(k, LAB_ITEMS);
        float[][][] lens = trace.logitLens().logits();
        JsonNode expected = k.c().get("logit_lens");
        assertEquals(expected.size(), trace.logitLens().depth(), "layers + 1 entries");
        for (int i = 0; i < lens.length; i++) {
            worst("logit lens", Golden.assertClose(k + " lens " + i, Golden.matrix(expected.get(i)), lens[i], LENS_TOL));
        }
        // the last entry is the model's own output
        worst("logit lens last vs our logits", Golden.assertClose(k + " last lens entry", trace.logits(),
                lens[lens.length - 1], 1e-5));
    }

    @Test
    void checkpointsWithoutAnOutputHeadHaveNoLogitLensButTheOtherItems() {
        Case k = cases().filter(x -> x.model().equals("bert")).findFirst().orElseThrow();
        try (TransformerModel headless = (TransformerModel) Models.load(Golden.path("bert/model-base-noprefix"))) {
            ForwardTrace trace = headless.forward(Encodings.fromCase(k.c()), LAB_ITEMS);
            assertNull(trace.logitLens());
            assertNull(trace.logits());
            Golden.assertClose("headless q", Golden.cube(k.c().get("projections").get(0).get("q")),
                    trace.projections().get(0).queries(), PROJECTION_TOL);
            Golden.assertClose("headless sum", Golden.matrix(k.c().get("embeddings").get("sum")), trace.embeddings().sum(),
                    EMBEDDING_TOL);
        }
    }

    @Test
    void labItemsAreOffUnlessAskedFor() {
        for (Case k : cases().toList()) {
            ForwardTrace fast = run(k, EnumSet.of(TraceItem.ATTENTIONS));
            assertNotNull(fast.attentions());
            assertNull(fast.embeddings(), k + ": embeddings");
            assertNull(fast.projections(), k + ": projections");
            assertNull(fast.logitLens(), k + ": logit lens");
            ForwardTrace lensOnly = run(k, EnumSet.of(TraceItem.LOGIT_LENS));
            assertNotNull(lensOnly.logitLens());
            assertNull(lensOnly.hidden(), k + ": the lens needs the hidden states but does not return them unasked");
            assertNull(lensOnly.logits(), k + ": logits");
            assertNull(lensOnly.attentions(), k + ": attentions");
        }
    }
}
