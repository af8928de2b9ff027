package org.attentionlab.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.NonFiniteValuesException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.SafeTensorsWriter;
import org.attentionlab.engine.TokenListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaN or infinite weights give a clear error naming the first layer that went non-finite,
 * never NaN in a result, every token id 0, or an index of -1 (issue 16).
 */
class NonFiniteOutputsTest {
    private static final TokenListener NONE = (step, id, p) -> { };

    @TempDir
    Path tmp;

    /** A copy of a sample model with one tensor filled with {@code value}. */
    private ModelRef poisoned(String sample, String tensor, float value) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(sample + "-" + Float.floatToIntBits(value)));
        try (var s = Files.list(Path.of("sample-models", sample))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        SafeTensorsWriter w = SafeTensorsWriter.copyOf(dir.resolve("model.safetensors"));
        try (var f = org.attentionlab.io.safetensors.SafeTensorsFile.open(dir.resolve("model.safetensors"))) {
            float[] v = f.readFloats(tensor);
            Arrays.fill(v, value);
            w.put(tensor, f.info(tensor).shape(), v);
        }
        w.write(dir.resolve("model.safetensors"));
        return new ModelRef(sample, dir, ModelRef.Origin.FOLDER);
    }

    @Test
    void bertWithInfiniteWeightsInLayer2SaysSoWhenInspected() throws Exception {
        try (TransformerSession s = ModelSessions.openTransformer(poisoned("tiny-bert", "bert.encoder.layer.2.output.dense.bias", Float.POSITIVE_INFINITY))) {
            Encoding in = s.encode("the cat sat on the [MASK] .");
            var e = assertThrows(NonFiniteValuesException.class, () -> s.run(in, Set.of(TraceItem.ATTENTIONS, TraceItem.LOGITS)));
            assertTrue(e.problem().contains("first in layer 2 of 3"), e.getMessage());
            e = assertThrows(NonFiniteValuesException.class, () -> s.predictMasks(in, 5));
            assertTrue(e.problem().contains("layer 2"), e.getMessage());
        }
    }

    @Test
    void bertWithNanEmbeddingsNamesTheEmbeddings() throws Exception {
        try (TransformerSession s = ModelSessions.openTransformer(poisoned("tiny-bert", "bert.embeddings.LayerNorm.bias", Float.NaN))) {
            var e = assertThrows(NonFiniteValuesException.class, () -> s.run(s.encode("hello"), Set.of(TraceItem.ATTENTIONS)));
            assertTrue(e.problem().contains("embeddings"), e.getMessage());
        }
    }

    @Test
    void gpt2WithNanWeightsFailsGreedyAndSampledGenerationNamingTheLayer() throws Exception {
        try (TransformerSession s = ModelSessions.openTransformer(poisoned("tiny-gpt", "transformer.h.1.ln_1.bias", Float.NaN))) {
            int[] prompt = s.encode("once upon a time").ids();
            for (GenerationSettings g : new GenerationSettings[] {
                    GenerationSettings.greedy(5), GenerationSettings.sampling(5, 0.8, 40, 0.9, 1)}) {
                var e = assertThrows(NonFiniteValuesException.class, () -> s.generate(prompt, g, NONE, Cancellation.NONE));
                assertTrue(e.problem().contains("first in layer 1 of 3"), e.getMessage());
                assertTrue(e.remedy().contains("NaN or infinite weights"), e.getMessage());
            }
        }
    }

    @Test
    void maxNewTokensOfIntMaxIsCappedByTheContextBeforeAllocating() throws Exception {
        try (TransformerSession s = ModelSessions.openTransformer(new ModelRef("tiny-gpt", Path.of("sample-models/tiny-gpt"), ModelRef.Origin.SAMPLE))) {
            int[] prompt = s.encode("once upon a time").ids();
            GenerationSettings huge = new GenerationSettings(Integer.MAX_VALUE, false, 1, 0, 1, 0, false);
            Generation g = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> s.generate(prompt, huge, NONE, Cancellation.NONE));
            assertEquals(Generation.StopReason.CONTEXT_FULL, g.stopReason());
            assertEquals(s.info().maxPositions() - prompt.length + 1, g.newIds().length);
            assertEquals(huge, g.settings(), "the result reports the settings asked for");
        }
    }
}
