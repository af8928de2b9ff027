package org.attentionlab.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.StreamSupport;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.TokenListener;
import org.junit.jupiter.api.Test;

/**
 * The shipped sample models compute in our engine what HuggingFace computes on the same files
 * (fixtures from tools/train/golden_sample_models.py): token ids, attentions within 1e-4,
 * logits within 1e-3, top-5 and greedy continuations identical.
 */
class SampleModelsGoldenTest {
    private static final Path SAMPLES = Path.of("sample-models");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/sample-models");

    private static JsonNode golden(String name) throws IOException {
        Path f = GOLDEN.resolve(name + ".json");
        assumeTrue(Files.isRegularFile(f) && Files.isDirectory(SAMPLES.resolve(name)), name + " is not shipped yet");
        return new ObjectMapper().readTree(f.toFile());
    }

    private static int[] ints(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static void assertClose(JsonNode want, float[][][][] got) {
        for (int l = 0; l < want.size(); l++) {
            for (int h = 0; h < want.get(l).size(); h++) {
                for (int q = 0; q < want.get(l).get(h).size(); q++) {
                    for (int k = 0; k < want.get(l).get(h).get(q).size(); k++) {
                        assertEquals(want.get(l).get(h).get(q).get(k).asDouble(), got[l][h][q][k], 1e-4,
                                "attention l" + l + " h" + h + " q" + q + " k" + k);
                    }
                }
            }
        }
    }

    private static int[] top5(float[] logits) {
        Integer[] idx = new Integer[logits.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(logits[b], logits[a]));
        return java.util.Arrays.stream(idx, 0, 5).mapToInt(Integer::intValue).toArray();
    }

    private record Run(Encoding encoding, ForwardTrace trace) {
    }

    /** Tokenizes the case's text and runs it, checking HF's token ids and attention weights on the way. */
    private static Run runMatchingTokensAndAttentions(TransformerSession s, JsonNode c) {
        Encoding e = s.encode(c.get("text").asText());
        assertArrayEquals(ints(c.get("input_ids")), e.ids(), c.get("text").asText());
        ForwardTrace t = s.run(e, EnumSet.of(TraceItem.ATTENTIONS, TraceItem.LOGITS));
        assertClose(c.get("attentions"), t.attentions());
        return new Run(e, t);
    }

    @Test
    void tinyBertEqualsHuggingFace() throws IOException {
        JsonNode g = golden("tiny-bert");
        try (TransformerSession s = ModelSessions.openTransformer(new ModelRef("tiny-bert", SAMPLES.resolve("tiny-bert"), ModelRef.Origin.SAMPLE))) {
            for (JsonNode c : g.get("cases")) {
                Run r = runMatchingTokensAndAttentions(s, c);
                Encoding e = r.encoding();
                ForwardTrace t = r.trace();
                int[] masks = ints(c.get("mask_positions"));
                for (int m = 0; m < masks.length; m++) {
                    JsonNode want = c.get("logits_at_masks").get(m);
                    for (int v = 0; v < want.size(); v++) {
                        assertEquals(want.get(v).asDouble(), t.logits()[masks[m]][v], 1e-3);
                    }
                    assertArrayEquals(ints(c.get("top5_at_masks").get(m)), top5(t.logits()[masks[m]]));
                }
            }
        }
    }

    @Test
    void tinyGptEqualsHuggingFace() throws IOException {
        JsonNode g = golden("tiny-gpt");
        try (TransformerSession s = ModelSessions.openTransformer(new ModelRef("tiny-gpt", SAMPLES.resolve("tiny-gpt"), ModelRef.Origin.SAMPLE))) {
            for (JsonNode c : g.get("cases")) {
                Run r = runMatchingTokensAndAttentions(s, c);
                Encoding e = r.encoding();
                ForwardTrace t = r.trace();
                float[] last = t.logits()[e.length() - 1];
                for (int v = 0; v < last.length; v++) {
                    assertEquals(c.get("last_logits").get(v).asDouble(), last[v], 1e-3);
                }
                assertArrayEquals(ints(c.get("top5_last")), top5(last));
                Generation gen = s.generate(e.ids(), GenerationSettings.greedy(8).withStopAtEos(false), TokenListener.NONE,
                        Cancellation.NONE);
                assertArrayEquals(ints(c.get("greedy_8")), gen.newIds());
                assertEquals(c.get("greedy_8_text").asText(), s.decode(gen.newIds()));
            }
        }
    }
}
