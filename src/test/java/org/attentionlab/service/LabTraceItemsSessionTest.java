package org.attentionlab.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.EnumSet;
import org.attentionlab.domain.EmbeddingParts;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.HeadProjections;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lab trace items reach a lesson through {@link TransformerSession#run} with the shapes their records
 * promise, on the shipped sample models (the values are held to HuggingFace by the engine's
 * LabTraceItemsGoldenTest).
 */
class LabTraceItemsSessionTest {
    @ParameterizedTest
    @ValueSource(strings = {"tiny-bert", "tiny-gpt"})
    void embeddingsProjectionsAndLogitLensHaveTheRecordsShapes(String name) {
        ModelRef ref = new ModelRef(name, Path.of("sample-models", name), ModelRef.Origin.SAMPLE);
        try (TransformerSession s = ModelSessions.openTransformer(ref)) {
            ModelInfo info = s.info();
            Encoding e = s.encode("the cat sat on the mat because it was tired");
            int t = e.length();
            ForwardTrace trace = s.run(e, EnumSet.of(TraceItem.EMBEDDINGS, TraceItem.PROJECTIONS,
                    TraceItem.LOGIT_LENS, TraceItem.LOGITS));

            EmbeddingParts parts = trace.embeddings();
            assertEquals(name.equals("tiny-bert"), parts.hasSegments());
            for (float[][] part : new float[][][] {parts.token(), parts.position(), parts.sum()}) {
                assertEquals(t, part.length);
                assertEquals(info.hidden(), part[0].length);
            }
            for (int i = 0; i < t; i++) {   // the sum is the parts added in HF's order
                float[] expected = new float[info.hidden()];
                for (int j = 0; j < expected.length; j++) {
                    float segment = parts.hasSegments() ? parts.segment()[i][j] : 0f;
                    expected[j] = parts.token()[i][j] + segment + parts.position()[i][j];
                }
                assertArrayEquals(expected, parts.sum()[i], "token " + i);
            }

            assertEquals(info.layers(), trace.projections().size());
            int headDim = info.hidden() / info.heads();
            for (HeadProjections p : trace.projections()) {
                for (float[][][] x : new float[][][][] {p.queries(), p.keys(), p.values(), p.contexts()}) {
                    assertEquals(info.heads(), x.length);
                    assertEquals(t, x[0].length);
                    assertEquals(headDim, x[0][0].length);
                }
            }

            assertNotNull(trace.logitLens());
            float[][][] lens = trace.logitLens().logits();
            assertEquals(info.layers() + 1, lens.length);
            assertEquals(t, lens[0].length);
            assertEquals(info.vocab(), lens[0][0].length);
            for (int i = 0; i < t; i++) {
                assertArrayEquals(trace.logits()[i], lens[info.layers()][i], 1e-4f, "the last lens entry is the output");
            }
        }
    }
}
