package org.attentionlab.service.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.TokenListener;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.ModelSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generation lab on tiny-gpt: replay, forcing, going back, the grown attention and the stops. */
class GenerationLabTest {
    private static final String PROMPT = "Once upon a time, the little fox";
    private static TransformerSession session;

    @BeforeAll
    static void open() {
        session = ModelSessions.openTransformer(new ModelRef("tiny-gpt", Path.of("sample-models/tiny-gpt"), ModelRef.Origin.SAMPLE));
    }

    @AfterAll
    static void close() throws Exception {
        session.close();
    }

    private static GenerationSettings sampling(long seed) {
        return GenerationSettings.sampling(1000, 1.2, 50, 0.95, seed);
    }

    private static int[] run(GenerationSettings s, int n) {
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 0)) {
            GenerationState st = lab.state();
            while (st.newIds().length < n && st.stop() == null) {
                st = lab.step(s);
            }
            return st.newIds();
        }
    }

    private static int[] withoutEnd(int[] ids) {
        int eos = session.endOfTextId();
        return ids.length > 0 && ids[ids.length - 1] == eos ? Arrays.copyOf(ids, ids.length - 1) : ids;
    }

    @Test
    void aCharacterSplitOverPromptTokensIsLabelledWholeWithItsParts() {
        // tiny-gpt's byte-level vocabulary has no token for "é" or "😀": each is split into bytes
        try (GenerationLab lab = new GenerationLab(session, "a caf\u00e9 \ud83d\ude00", 0)) {
            List<String> labels = lab.labels(lab.state().ids());
            assertEquals(lab.state().ids().size(), labels.size());
            assertTrue(labels.contains("\u00e9(1/2)") || labels.stream().anyMatch(l -> l.endsWith("\u00e9(1/2)")), labels.toString());
            assertTrue(labels.stream().anyMatch(l -> l.contains("\ud83d\ude00(1/")), labels.toString());
            // read in order, the labels without their part marks and repeats spell the prompt
            StringBuilder text = new StringBuilder();
            for (String l : labels) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*?)(\\S+)\\((\\d)/\\d\\)$").matcher(l);
                if (m.matches()) {
                    text.append(m.group(1)).append(m.group(3).equals("1") ? m.group(2) : "");
                } else {
                    text.append(l);
                }
            }
            assertEquals("a\u2423caf\u00e9\u2423\ud83d\ude00", text.toString());
        }
    }

    @Test
    void seededStepsReplayExactlyAndMatchGenerate() {
        GenerationSettings s = sampling(7);
        int[] first = run(s, 20);
        assertArrayEquals(first, run(s, 20), "a new lab with the same seed and settings");
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 0)) {
            for (int i = 0; i < first.length; i++) {
                lab.step(s);
            }
            assertArrayEquals(first, lab.replay(s, first.length, Cancellation.NONE).newIds(), "replay");
        }
        int[] prompt = session.encode(PROMPT).ids();
        Generation g = session.generate(prompt, GenerationSettings.sampling(first.length, 1.2, 50, 0.95, 7), TokenListener.NONE,
                Cancellation.NONE);
        assertArrayEquals(first, g.newIds(), "the CLI's generate with the same seed takes the same road");
        Set<List<Integer>> roads = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            roads.add(Arrays.stream(run(sampling(seed), 20)).boxed().toList());
        }
        assertTrue(roads.size() > 1, "four seeds should not all take the same road");
    }

    @Test
    void forcingATokenKeepsThePrefixThenContinuesGreedilyFromIt() {
        GenerationSettings greedy = GenerationSettings.greedy(1000);
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 3)) {
            GenerationState st = lab.state();
            for (int i = 0; i < 10; i++) {
                st = lab.step(greedy);
            }
            int[] before = st.newIds();
            int t = 3;
            SamplingStep stages = st.steps().get(t).stages();
            int forced = SamplingStep.top(stages.probabilities(), 3)[2];    // the third most likely token
            assertNotEquals(before[t], forced);
            GenerationState after = lab.force(t, forced, greedy, true, Cancellation.NONE);
            int[] got = after.newIds();
            assertArrayEquals(Arrays.copyOf(before, t), Arrays.copyOf(got, t), "the steps before the fork stay");
            assertEquals(forced, got[t]);
            assertTrue(after.steps().get(t).forced());
            int[] prompt = session.encode(PROMPT).ids();
            int[] forkedPrefix = new int[prompt.length + t + 1];
            System.arraycopy(prompt, 0, forkedPrefix, 0, prompt.length);
            System.arraycopy(got, 0, forkedPrefix, prompt.length, t + 1);
            int rest = before.length - t - 1;
            Generation fromFork = session.generate(forkedPrefix, GenerationSettings.greedy(rest), TokenListener.NONE,
                    Cancellation.NONE);
            assertArrayEquals(withoutEnd(fromFork.newIds()), withoutEnd(Arrays.copyOfRange(got, t + 1, got.length)),
                    "after the fork, a greedy run on the forced prefix");
        }
    }

    @Test
    void backThenStepTakesTheSameSampledToken() {
        GenerationSettings s = sampling(11);
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 0)) {
            GenerationState st = null;
            for (int i = 0; i < 6; i++) {
                st = lab.step(s);
            }
            int[] six = st.newIds();
            GenerationState back = lab.back();
            assertEquals(5, back.newIds().length);
            assertEquals(st.length() - 1, back.attentionRows().size());
            assertArrayEquals(six, lab.step(s).newIds());
            GenerationState reset = lab.reset();
            assertEquals(0, reset.steps().size());
            assertEquals(reset.promptLength(), reset.attentionRows().size());
        }
    }

    @Test
    void grownAttentionRowsEqualOneFullForwardAndLensEndsAtTheModelsChoice() {
        GenerationSettings greedy = GenerationSettings.greedy(1000);
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 3)) {
            GenerationState st = lab.state();
            for (int i = 0; i < 8 && st.stop() == null; i++) {
                st = lab.step(greedy);
            }
            int n = st.attentionRows().size();
            int[] ids = st.ids().subList(0, n).stream().mapToInt(Integer::intValue).toArray();
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            ForwardTrace full = session.run(new Encoding(st.texts().subList(0, n), ids, new int[n], new boolean[n], ones),
                    EnumSet.of(TraceItem.ATTENTIONS));
            for (int pos = 0; pos < n; pos++) {
                float[][][] row = st.attentionRows().get(pos);
                for (int l = 0; l < row.length; l++) {
                    for (int h = 0; h < row[l].length; h++) {
                        assertEquals(pos + 1, row[l][h].length);
                        for (int k = 0; k <= pos; k++) {
                            assertEquals(full.attentions()[l][h][pos][k], row[l][h][k], 1e-4, "l" + l + " h" + h + " q" + pos + " k" + k);
                        }
                    }
                }
            }
            for (GenerationStep step : st.steps()) {
                List<LensRow> lens = step.lens();
                assertEquals(session.info().layers() + 1, lens.size());
                assertEquals(step.chosen(), lens.get(lens.size() - 1).ids()[0], "greedy takes the last layer's top token");
                assertEquals(step.chosen(), step.wouldPick(greedy));
            }
        }
    }

    @Test
    void endOfTextStopsAndIsShownAsSuch() {
        int eos = session.endOfTextId();
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 0)) {
            lab.step(GenerationSettings.greedy(1000));
            GenerationState st = lab.force(1, eos, GenerationSettings.greedy(1000), false, Cancellation.NONE);
            assertEquals(GenerationState.Stop.END_OF_TEXT, st.stop());
            assertNull(st.next());
            assertEquals(GenerationLab.END_OF_TEXT, st.texts().get(st.length() - 1));
            InputException e = assertThrows(InputException.class, () -> lab.step(GenerationSettings.greedy(1000)));
            assertTrue(e.getMessage().contains("end-of-text"), e.getMessage());
            assertEquals(2, lab.back().newIds().length + 1);
        }
    }

    @Test
    void theContextLimitIsAMessageNotACrash() {
        String longPrompt = "the fox ran to the hill and ".repeat(20);
        try (GenerationLab lab = new GenerationLab(session, longPrompt.substring(0, 300), 0)) {
            GenerationState st = lab.state();
            int guard = 0;
            while (st.stop() == null && guard++ < 200) {
                st = lab.force(st.steps().size(), 5, GenerationSettings.greedy(1000), false, Cancellation.NONE);
            }
            assertEquals(GenerationState.Stop.CONTEXT_FULL, st.stop());
            assertEquals(lab.maxPositions(), st.length());
            InputException e = assertThrows(InputException.class, () -> lab.step(GenerationSettings.greedy(1000)));
            assertTrue(e.getMessage().contains("context window"), e.getMessage());
        }
        InputException tooLong = assertThrows(InputException.class,
                () -> new GenerationLab(session, "the fox ran to the hill and ".repeat(60), 0));
        assertTrue(tooLong.getMessage().contains("reads at most"), tooLong.getMessage());
    }

    @Test
    void theMaskHidesTheFutureOfAnEarlierRow() {
        try (GenerationLab lab = new GenerationLab(session, PROMPT, 0)) {
            lab.step(GenerationSettings.greedy(1000));
            int n = lab.state().attentionRows().size();
            MaskRow r = lab.maskRow(1, 2, 2);
            assertEquals(n, r.raw().length);
            for (int k = 0; k < n; k++) {
                assertEquals(k <= 2, r.allowed()[k]);
                assertTrue(Float.isFinite(r.raw()[k]));
                if (k > 2) {
                    assertTrue(r.masked()[k] < -1e30f, "a hidden score is HF's -inf");
                    assertEquals(0f, r.weights()[k]);
                } else {
                    assertEquals(r.raw()[k], r.masked()[k]);
                }
            }
            MaskRow newest = lab.maskRow(0, 0, n - 1);
            for (boolean b : newest.allowed()) {
                assertTrue(b, "the newest token sees every earlier one");
            }
            assertFalse(newest.weights()[0] == 0f && n == 1);
        }
    }
}
