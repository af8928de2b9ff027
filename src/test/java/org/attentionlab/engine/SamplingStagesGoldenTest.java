package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.attentionlab.domain.DecodeStep;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.engine.tensor.FloatMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each generation step's stages equal HuggingFace's on the same models (fixtures from
 * tools/golden/generation_fixtures.py, tiny-gpt and the random GPT-2 of the engine fixtures):
 * the decoder's next-token logits, the softmax before any filter, after TemperatureLogitsWarper,
 * the ids TopKLogitsWarper and then TopPLogitsWarper keep, the renormalised distribution, and the
 * logit lens (ln_f and the LM head on every layer's hidden state).
 */
class SamplingStagesGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/generation");

    private static JsonNode golden(String name) throws IOException {
        return new ObjectMapper().readTree(GOLDEN.resolve(name + ".json").toFile());
    }

    private static Path modelDir(String name) {
        return name.equals("tiny-gpt") ? Path.of("sample-models/tiny-gpt") : Path.of("src/test/resources/golden/gpt2/model");
    }

    static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isNull() ? Float.NEGATIVE_INFINITY : (float) a.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static int[] kept(boolean[] mask) {
        return IntStream.range(0, mask.length).filter(i -> mask[i]).toArray();
    }

    private static void assertDistribution(String what, float[] want, float[] got) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 2e-6 + 1e-5 * want[i], what + " token " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gpt", "random-gpt2"})
    void stagesOnHfLogitsEqualHfWarpers(String name) throws IOException {
        JsonNode g = golden(name);
        int cases = 0;
        for (JsonNode step : g.get("steps")) {
            float[] logits = floats(step.get("logits"));
            for (JsonNode st : step.get("stages")) {
                GenerationSettings s = GenerationSettings.sampling(1, st.get("temperature").asDouble(),
                        st.get("top_k").asInt(), st.get("top_p").asDouble(), 1L);
                SamplingStep got = SamplingStages.of(logits, s, Double.NaN, -1, false);
                String what = name + " step " + step.get("ids").size() + " " + s;
                assertDistribution(what + " raw", floats(step.get("probabilities")), got.probabilities());
                float[] tempered = st.get("tempered").isNull() ? floats(step.get("probabilities")) : floats(st.get("tempered"));
                assertDistribution(what + " tempered", tempered, got.tempered());
                assertArrayEquals(ints(st.get("kept_by_top_k")), kept(got.keptByTopK()), what + " top-k");
                assertArrayEquals(ints(st.get("kept_by_top_p")), kept(got.keptByTopP()), what + " top-p");
                float[] renormalised = new float[logits.length];
                int[] keptIds = ints(st.get("kept_by_top_p"));
                for (int i = 0; i < keptIds.length; i++) {
                    renormalised[keptIds[i]] = (float) st.get("renormalised").get(i).asDouble();
                }
                assertDistribution(what + " renormalised", renormalised, got.renormalised());
                cases++;
            }
        }
        // nine settings a step; the fixture writes out 1 (tiny-gpt) or 3 (random GPT-2) steps in full
        assertTrue(g.get("steps").size() >= 1, name + ": no step in the fixture");
        assertEquals(g.get("steps").size() * 9, cases);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-gpt", "random-gpt2"})
    void decoderLogitsAndLogitLensEqualHf(String name) throws IOException {
        JsonNode g = golden(name);
        assumeTrue(Files.isDirectory(modelDir(name)), name + " is not shipped");
        try (LoadedModel loaded = Models.load(modelDir(name));
             CausalDecoder decoder = assertInstanceOf(CausalLanguageModel.class, loaded).decoder()) {
            CausalLanguageModel model = (CausalLanguageModel) loaded;
            int[] prompt = ints(g.get("prompt"));
            DecodeStep d = decoder.extend(prompt, true);
            for (JsonNode step : g.get("steps")) {
                int[] ids = ints(step.get("ids"));
                assertEquals(ids.length, d.end());
                float[] want = floats(step.get("logits"));
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], d.logits()[i], 1e-3, name + " logits at " + ids.length + " token " + i);
                }
                JsonNode lens = step.get("lens");
                assertEquals(lens.size(), d.lens().length);
                for (int l = 0; l < lens.size(); l++) {
                    float[] p = d.lens()[l].clone();
                    FloatMath.softmax(p, 0, p.length);
                    int[] top = SamplingStep.top(p, 3);
                    assertArrayEquals(ints(lens.get(l).get("ids")), top, name + " lens layer " + l + " at " + ids.length);
                    float[] probs = floats(lens.get(l).get("probs"));
                    for (int k = 0; k < 3; k++) {
                        assertEquals(probs[k], p[top[k]], 1e-4, name + " lens layer " + l + " prob " + k);
                    }
                }
                int greedy = SamplingStages.choose(d.logits(), GenerationSettings.greedy(1), Double.NaN).chosen();
                d = decoder.extend(new int[] {greedy}, true);
            }
            Generation hfWay = model.generate(prompt, GenerationSettings.greedy(g.get("greedy").size()), TokenListener.NONE,
                    () -> false);
            assertArrayEquals(ints(g.get("greedy")), hfWay.newIds());
        }
    }
}
