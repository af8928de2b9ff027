package org.attentionlab.engine.gpt2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.Encodings;
import org.attentionlab.engine.Golden;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.TokenListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPT-2 invariants, the KV-cache path, generation control and input errors (tiny golden model). */
class Gpt2BehaviourTest {
    static Gpt2Model model;
    static final int[] IDS = {17, 3, 88, 75, 26, 96, 66, 43, 1, 0, 118, 55, 12, 9, 64, 31, 20, 99, 5, 61,
        40, 41, 42, 7, 7, 7, 100, 2, 33, 80};

    @BeforeAll
    static void load() {
        model = assertInstanceOf(Gpt2Model.class, Models.load(Golden.path("gpt2/model")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void causalMaskHidesFutureTokensWithExactlyZeroAndRowsSumToOne() {
        ForwardTrace trace = model.forward(Encodings.of(IDS), EnumSet.of(TraceItem.ATTENTIONS));
        for (float[][][] layer : trace.attentions()) {
            for (float[][] head : layer) {
                for (int q = 0; q < IDS.length; q++) {
                    double sum = 0;
                    for (int k = 0; k < IDS.length; k++) {
                        if (k > q) {
                            assertEquals(0f, head[q][k], 0f, "future key " + k + " of query " + q);
                        }
                        sum += head[q][k];
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void paddedKeysGetExactlyZero() {
        int[] mask = new int[IDS.length];
        java.util.Arrays.fill(mask, 1);
        mask[20] = 0;
        mask[21] = 0;
        ForwardTrace trace = model.forward(Encodings.of(IDS, new int[IDS.length], mask), EnumSet.of(TraceItem.ATTENTIONS));
        for (float[][][] layer : trace.attentions()) {
            for (float[][] head : layer) {
                for (int q = 0; q < IDS.length; q++) {
                    assertEquals(0f, head[q][20], 0f);
                    assertEquals(0f, head[q][21], 0f);
                }
            }
        }
    }

    @Test
    void kvCachePathGivesTheSameLogitsAsTheFullForward() {
        float[][] full = model.forward(Encodings.of(IDS), EnumSet.of(TraceItem.LOGITS)).logits();
        int prefill = 6;
        try (Gpt2Session session = model.newSession()) {
            float[] logits = session.prefill(java.util.Arrays.copyOf(IDS, prefill));
            Golden.assertClose("after prefill", full[prefill - 1], logits, 1e-4);
            for (int t = prefill; t < IDS.length; t++) {
                logits = session.append(IDS[t]);
                Golden.assertClose("cached step " + t, full[t], logits, 1e-4);
            }
            assertEquals(IDS.length, session.length());
        }
        Golden.assertClose("nextTokenLogits", full[IDS.length - 1], model.nextTokenLogits(IDS), 1e-4);
    }

    @Test
    void sameSeedReplaysTheSameSampledRun() {
        GenerationSettings s = GenerationSettings.sampling(30, 0.9, 20, 0.95, 42L);
        Generation a = model.generate(new int[] {17, 3, 88}, s, TokenListener.NONE, () -> false);
        Generation b = model.generate(new int[] {17, 3, 88}, s, TokenListener.NONE, () -> false);
        assertEquals(a, b);
        Set<List<Integer>> runs = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            Generation g = model.generate(new int[] {17, 3, 88}, GenerationSettings.sampling(30, 1.0, 0, 1.0, seed),
                    TokenListener.NONE, () -> false);
            runs.add(java.util.Arrays.stream(g.newIds()).boxed().toList());
        }
        assertTrue(runs.size() > 1, "four seeds should not all draw the same 30 tokens");
    }

    @Test
    void topKOfOneSamplingEqualsGreedy() {
        int[] prompt = {61, 61, 2, 90, 45};
        Generation greedy = model.generate(prompt, GenerationSettings.greedy(25), TokenListener.NONE, () -> false);
        Generation sampled = model.generate(prompt, GenerationSettings.sampling(25, 1.3, 1, 1.0, 7L),
                TokenListener.NONE, () -> false);
        assertArrayEquals(greedy.newIds(), sampled.newIds());
        for (float p : sampled.newProbs()) {
            assertEquals(1f, p, 0f, "only one token is left after top-k = 1");
        }
    }

    @Test
    void listenerSeesEveryTokenInOrder() {
        List<Integer> seen = new ArrayList<>();
        Generation g = model.generate(new int[] {5}, GenerationSettings.greedy(12),
                (step, id, p) -> {
                    assertEquals(seen.size(), step);
                    seen.add(id);
                }, () -> false);
        assertEquals(java.util.Arrays.stream(g.newIds()).boxed().toList(), seen);
    }

    @Test
    void cancellingStopsBeforeTheNextToken() {
        AtomicInteger produced = new AtomicInteger();
        Generation g = model.generate(new int[] {5}, GenerationSettings.greedy(30),
                (step, id, p) -> produced.incrementAndGet(), () -> produced.get() >= 3);
        assertEquals(Generation.StopReason.CANCELLED, g.stopReason());
        assertEquals(3, g.newIds().length);
    }

    @Test
    void generationStopsAtTheEndOfTextToken(@TempDir Path tmp) throws IOException {
        // the golden greedy run from [17, 3, 88] starts 75, 26, 96: make 96 the end-of-text token
        Path dir = Golden.copyModel("gpt2/model", tmp.resolve("eos96"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(Files.readString(dir.resolve("config.json")));
        config.put("eos_token_id", 96);
        Files.writeString(dir.resolve("config.json"), json.writeValueAsString(config));
        try (Gpt2Model m = assertInstanceOf(Gpt2Model.class, Models.load(dir))) {
            Generation g = m.generate(new int[] {17, 3, 88}, GenerationSettings.greedy(24), TokenListener.NONE, () -> false);
            assertArrayEquals(new int[] {75, 26, 96}, g.newIds());
            assertEquals(Generation.StopReason.END_OF_TEXT, g.stopReason());
            Generation all = m.generate(new int[] {17, 3, 88}, GenerationSettings.greedy(24).withStopAtEos(false),
                    TokenListener.NONE, () -> false);
            assertEquals(24, all.newIds().length);
        }
    }

    @Test
    void generationStopsWhenTheContextWindowIsFull() {
        int[] prompt = new int[60];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = (i * 7) % 119;
        }
        Generation g = model.generate(prompt, GenerationSettings.greedy(20), TokenListener.NONE, () -> false);
        assertEquals(Generation.StopReason.CONTEXT_FULL, g.stopReason());
        // positions 60..63 are run; the logits at position 63 still predict one more token
        assertEquals(5, g.newIds().length);
    }

    @Test
    void inputLongerThanThePositionsIsAClearInputException() {
        int[] ids = new int[65];
        InputException e = assertThrows(InputException.class,
                () -> model.forward(Encodings.of(ids), EnumSet.of(TraceItem.LOGITS)));
        assertTrue(e.problem().contains("65 tokens") && e.problem().contains("at most 64"), e.getMessage());
        assertTrue(!e.remedy().isEmpty());
        assertThrows(InputException.class,
                () -> model.generate(ids, GenerationSettings.greedy(1), TokenListener.NONE, () -> false));
    }

    @Test
    void emptyAndOutOfVocabularyInputsAreRefused() {
        assertThrows(InputException.class,
                () -> model.generate(new int[0], GenerationSettings.greedy(3), TokenListener.NONE, () -> false));
        InputException e = assertThrows(InputException.class,
                () -> model.forward(Encodings.of(5, 120), EnumSet.of(TraceItem.LOGITS)));
        assertTrue(e.problem().contains("120"), e.getMessage());
    }

    @Test
    void badGenerationSettingsAreRefused() {
        assertThrows(InputException.class, () -> GenerationSettings.sampling(10, 0.0, 0, 1.0, 1));
        assertThrows(InputException.class, () -> GenerationSettings.sampling(10, 1.0, -1, 1.0, 1));
        assertThrows(InputException.class, () -> GenerationSettings.sampling(10, 1.0, 0, 0.0, 1));
        assertThrows(InputException.class, () -> GenerationSettings.greedy(0));
    }
}
