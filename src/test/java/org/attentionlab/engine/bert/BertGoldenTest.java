package org.attentionlab.engine.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.MaskKind;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.Encodings;
import org.attentionlab.engine.Golden;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.SafeTensorsWriter;
import org.attentionlab.io.safetensors.SafeTensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BERT against HuggingFace transformers (eager attention) on the tiny peaked model of
 * tools/golden/transformers_fixtures.py: single sentence, sentence pair, a padded batch member
 * and an input with [MASK].
 */
class BertGoldenTest {
    static final double ATTENTION_TOL = 1e-4;
    static final double LOGITS_TOL = 1e-3;
    static final double HIDDEN_TOL = 1e-4;
    static final int MASK_ID = 4;
    static final Set<TraceItem> ALL = EnumSet.allOf(TraceItem.class);

    static JsonNode fixture;
    static BertModel model;

    @BeforeAll
    static void load() {
        fixture = Golden.json("bert/fixtures.json");
        model = assertInstanceOf(BertModel.class, Models.load(Golden.path("bert/model")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Stream<JsonNode> cases() {
        return Golden.cases(Golden.json("bert/fixtures.json")).stream();
    }

    /** Only the cases the fixture recorded raw scores for, so that no case passes without an assertion. */
    static Stream<JsonNode> casesWithScores() {
        return cases().filter(c -> c.has("raw_scores"));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void attentionsLogitsAndHiddenStatesMatchTransformers(JsonNode c) {
        ForwardTrace trace = model.forward(Encodings.fromCase(c), ALL);
        Golden.assertForwardMatches(c, trace, ATTENTION_TOL, LOGITS_TOL, HIDDEN_TOL);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("casesWithScores")
    void rawScoresMatchAndMaskedScoresHoldHuggingFacesMaskValue(JsonNode c) {
        ForwardTrace trace = model.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.MASKS));
        float maskValue = (float) fixture.get("mask_value").asDouble();
        int[] attend = Golden.ints(c.get("attention_mask"));
        boolean padded = Golden.ints(c.get("attention_mask")).length != java.util.Arrays.stream(attend).sum();
        Golden.assertMaskStepsMatch(c, trace, padded ? MaskKind.PADDING : MaskKind.NONE, maskValue,
                (q, k) -> attend[k] == 1, ATTENTION_TOL);
    }

    @Test
    void maskPredictionTop5IsIdenticalToTransformers() {
        JsonNode c = Golden.cases(fixture).stream().filter(n -> n.has("mask_top5")).findFirst().orElseThrow();
        List<MaskPrediction> predictions = model.predictMasks(Encodings.fromCase(c), MASK_ID, 5);
        assertEquals(c.get("mask_top5").size(), predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            JsonNode expected = c.get("mask_top5").get(i);
            MaskPrediction p = predictions.get(i);
            assertEquals(expected.get("position").asInt(), p.position());
            assertArrayEquals(Golden.ints(expected.get("ids")), p.ids(), "top-5 ids at " + p.position());
            Golden.assertClose("top-5 probabilities", Golden.floats(expected.get("probs")), p.probs(), 1e-5);
        }
    }

    @Test
    void baseModelWithoutPrefixGivesTheSameEncoderOutputsAndNoLogits() {
        JsonNode c = Golden.cases(fixture).get(0);
        try (BertModel base = assertInstanceOf(BertModel.class, Models.load(Golden.path("bert/model-base-noprefix")))) {
            assertTrue(!base.hasLanguageModelHead());
            ForwardTrace trace = base.forward(Encodings.fromCase(c), ALL);
            assertNull(trace.logits());
            Golden.assertAttentionsClose("attention layer ", c, trace, ATTENTION_TOL);
            int last = trace.hidden().length - 1;
            Golden.assertClose("last hidden", Golden.matrix(c.get("hidden_states").get(last)), trace.hidden()[last], HIDDEN_TOL);
        }
    }

    @Test
    void shardedCheckpointGivesTheSameLogits() {
        JsonNode c = Golden.cases(fixture).get(1);
        try (BertModel sharded = assertInstanceOf(BertModel.class, Models.load(Golden.path("bert/model-sharded")))) {
            ForwardTrace trace = sharded.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.LOGITS));
            Golden.assertClose("logits", Golden.matrix(c.get("logits")), trace.logits(), LOGITS_TOL);
            assertEquals(model.info().parameters(), sharded.info().parameters());
        }
    }

    @Test
    void layerNormNamedGammaAndBetaLoadsLikeWeightAndBias(@TempDir Path tmp) throws IOException {
        // TF-converted checkpoints such as bert-base-uncased name LayerNorm parameters gamma/beta
        Path dir = Golden.copyModel("bert/model", tmp.resolve("gamma"));
        Path file = dir.resolve("model.safetensors");
        int renamed = 0;
        SafeTensorsWriter writer = new SafeTensorsWriter();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            for (String name : f.names()) {
                String legacy = name.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta");
                renamed += legacy.equals(name) ? 0 : 1;
                writer.put(legacy, f.info(name).shape(), f.readFloats(name));
            }
        }
        writer.write(file);
        assertEquals(2 * (1 + 2 * 2 + 1), renamed); // embeddings, two per layer, MLM transform
        JsonNode c = Golden.cases(fixture).get(1);
        try (BertModel legacy = assertInstanceOf(BertModel.class, Models.load(dir))) {
            ForwardTrace trace = legacy.forward(Encodings.fromCase(c), EnumSet.of(TraceItem.LOGITS));
            Golden.assertClose("logits", Golden.matrix(c.get("logits")), trace.logits(), LOGITS_TOL);
        }
    }

    @Test
    void logitsAtChosenRowsEqualHuggingFaceThereAndAreAbsentElsewhere() {
        for (JsonNode c : Golden.cases(fixture)) {
            Encoding input = Encodings.fromCase(c);
            float[][] expected = Golden.matrix(c.get("logits"));
            int[] rows = input.length() > 2 ? new int[] {input.length() - 2, 1, 1} : new int[] {0};
            ForwardTrace trace = model.forward(input, EnumSet.of(TraceItem.LOGITS, TraceItem.ATTENTIONS), rows);
            assertEquals(input.length(), trace.logits().length);
            for (int t = 0; t < input.length(); t++) {
                final int row = t;
                if (java.util.Arrays.stream(rows).anyMatch(r -> r == row)) {
                    Golden.assertClose("logits row " + t, expected[t], trace.logits()[t], LOGITS_TOL);
                } else {
                    assertNull(trace.logits()[t], "row " + t + " was not asked for");
                }
            }
            ForwardTrace full = model.forward(input, EnumSet.of(TraceItem.ATTENTIONS));
            Golden.assertClose("attentions", full.attentions()[0][0], trace.attentions()[0][0], 0);
        }
    }

    @Test
    void unrequestedItemsAreNull() {
        Encoding input = Encodings.fromCase(Golden.cases(fixture).get(0));
        ForwardTrace trace = model.forward(input, EnumSet.of(TraceItem.LOGITS));
        assertNull(trace.attentions());
        assertNull(trace.maskSteps());
        assertNull(trace.hidden());
        assertNotNull(trace.logits());
    }

    @Test
    void infoDescribesTheTinyModel() {
        assertEquals(2, model.info().layers());
        assertEquals(4, model.info().heads());
        assertEquals(32, model.info().hidden());
        assertEquals(120, model.info().vocab());
        assertEquals(64, model.info().maxPositions());
        // every tensor of the checkpoint, the tied decoder counted once
        assertEquals(24344, model.info().parameters());
    }
}
