package org.attentionlab.engine.gpt2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.MaskKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.Encodings;
import org.attentionlab.engine.Golden;
import org.attentionlab.engine.LogitsFilters;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.TokenListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GPT-2 against HuggingFace transformers (eager attention) on the tiny peaked model of
 * tools/golden/transformers_fixtures.py: inputs of 1, 5, 17 and 40 tokens and a right-padded
 * one, greedy generations from model.generate, fp16/bf16 copies, and HF's logits warpers.
 */
class Gpt2GoldenTest {
    static final double ATTENTION_TOL = 1e-4;
    static final double LOGITS_TOL = 1e-3;
    /** Relative to max(1, |value|): the residual stream before ln_f grows to tens. */
    static final double HIDDEN_TOL = 1e-4;
    /**
     * fp16/bf16 copies against the fp32 model: the weights themselves are rounded (bf16 keeps
     * 8 bits of mantissa, about 0.4% relative), so the outputs may move by that much; these
     * bounds are about three times the largest differences seen with this fixture.
     */
    static final double F16_VS_F32_LOGITS_TOL = 0.05;
    static final double BF16_VS_F32_LOGITS_TOL = 0.3;
    static final Set<TraceItem> ALL = EnumSet.allOf(TraceItem.class);

    static JsonNode fixture;
    static Gpt2Model model;

    @BeforeAll
    static void load() {
        fixture = Golden.json("gpt2/fixtures.json");
        model = assertInstanceOf(Gpt2Model.class, Models.load(Golden.path("gpt2/model")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Stream<JsonNode> cases() {
        return Golden.cases(Golden.json("gpt2/fixtures.json")).stream();
    }

    /** Only the cases the fixture recorded raw scores for, so that no case passes without an assertion. */
    static Stream<JsonNode> casesWithScores() {
        return cases().filter(c -> c.has("raw_scores"));
    }

    static Stream<JsonNode> greedy() {
        return StreamSupport.stream(Golden.json("gpt2/fixtures.json").get("greedy").spliterator(), false);
    }

    static Stream<JsonNode> warpers() {
        return StreamSupport.stream(Golden.json("gpt2/fixtures.json").get("warpers").spliterator(), false);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void attentionsLogitsAndHiddenStatesMatchTransformers(JsonNode c) {
        ForwardTrace trace = model.forward(Encodings.fromCase(c), ALL);
        Golden.assertForwardMatches(c, trace, ATTENTION_TOL, LOGITS_TOL, HIDDEN_TOL);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("casesWithScores")
    void rawScoresMatchAndHiddenScoresHoldHuggingFacesMaskValue(JsonNode c) {
        ForwardTrace trace = model.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.MASKS));
        float maskValue = (float) fixture.get("mask_value").asDouble();
        int[] attend = Golden.ints(c.get("attention_mask"));
        boolean padded = java.util.Arrays.stream(attend).anyMatch(m -> m == 0);
        Golden.assertMaskStepsMatch(c, trace, padded ? MaskKind.CAUSAL_AND_PADDING : MaskKind.CAUSAL, maskValue,
                (q, k) -> k <= q && attend[k] == 1, ATTENTION_TOL);
    }

    @ParameterizedTest(name = "{index}: prompt {0}")
    @MethodSource("greedy")
    void greedyGenerationIsIdenticalToTransformersGenerate(JsonNode g) {
        int[] prompt = Golden.ints(g.get("prompt"));
        int n = g.get("max_new_tokens").asInt();
        Generation out = model.generate(prompt, GenerationSettings.greedy(n), TokenListener.NONE, () -> false);
        assertArrayEquals(Golden.ints(g.get("new_ids")), out.newIds());
        assertEquals(Generation.StopReason.MAX_TOKENS, out.stopReason());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("warpers")
    void samplingFiltersEqualHuggingFacesWarpers(JsonNode w) {
        float[] logits = Golden.floats(w.get("logits"));
        LogitsFilters.apply(logits, w.get("temperature").asDouble(), w.get("top_k").asInt(), w.get("top_p").asDouble());
        float[] expected = Golden.floats(w.get("expected"));
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == Float.NEGATIVE_INFINITY) {
                assertEquals(Float.NEGATIVE_INFINITY, logits[i], "token " + i + " should be filtered out");
            } else {
                assertEquals(expected[i], logits[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "token " + i);
            }
        }
    }

    @Test
    void lowPrecisionCopiesMatchTransformersOnTheSameRoundedWeights() {
        float[][] fp32Logits = null;
        for (JsonNode c : Golden.cases(fixture)) {
            if (c.get("ids").equals(fixture.get("low_precision").get(0).get("ids"))) {
                fp32Logits = Golden.matrix(c.get("logits"));
            }
        }
        for (JsonNode lp : fixture.get("low_precision")) {
            String folder = lp.get("folder").asText();
            try (Gpt2Model m = assertInstanceOf(Gpt2Model.class, Models.load(Golden.path("gpt2/" + folder)))) {
                ForwardTrace trace = m.forward(Encodings.fromCase(lp), EnumSet.of(TraceItem.LOGITS, TraceItem.ATTENTIONS));
                Golden.assertClose(folder + " logits", Golden.matrix(lp.get("logits")), trace.logits(), LOGITS_TOL);
                Golden.assertAttentionsClose(folder + " attention ", lp, trace, ATTENTION_TOL);
                double tol = folder.contains("bf16") ? BF16_VS_F32_LOGITS_TOL : F16_VS_F32_LOGITS_TOL;
                double worst = Golden.assertClose(folder + " logits vs fp32", fp32Logits, trace.logits(), tol);
                System.out.printf("%s: largest logit difference from the fp32 model %.4f (bound %.2f)%n", folder, worst, tol);
            }
        }
    }

    @Test
    void baseModelWithoutPrefixGivesTheSameOutputsThroughTheTiedHead() {
        JsonNode c = Golden.cases(fixture).get(2);
        try (Gpt2Model base = assertInstanceOf(Gpt2Model.class, Models.load(Golden.path("gpt2/model-base-noprefix")))) {
            ForwardTrace trace = base.forward(Encodings.fromCase(c), ALL);
            Golden.assertClose("logits", Golden.matrix(c.get("logits")), trace.logits(), LOGITS_TOL);
            Golden.assertAttentionsClose("attention layer ", c, trace, ATTENTION_TOL);
        }
    }
}
