package org.attentionlab.service.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.masking.Corruption;
import org.attentionlab.domain.masking.Fate;
import org.attentionlab.domain.masking.MaskToken;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.Replacement;
import org.attentionlab.domain.masking.RunStats;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.engine.Golden;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Selection and replacement rules of the masked-word lesson, on the tiny golden BERT
 * (vocabulary: 5 specials, 50 words, 6 suffixes, 12 punctuation marks).
 */
class MaskingServiceTest {
    private static final String TEXT = "The quick cat sat on the red mat and the small dog ran in the garden with a bird.";
    private static ModelSession session;
    private static MaskingService service;

    @BeforeAll
    static void open() {
        session = ModelSessions.open(new ModelRef("pipeline-bert", Golden.path("pipeline/bert"), ModelRef.Origin.FOLDER));
        service = new MaskingService(session);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void specialTokensPaddingAndUnknownWordsAreNeverEligible() {
        MaskTokens t = service.tokens("The zebra sat.", "It was happy.");
        for (MaskToken tok : t.tokens()) {
            boolean special = Set.of("[CLS]", "[SEP]", "[UNK]").contains(tok.token());
            assertEquals(!special, tok.eligible(), tok.token());
        }
        MaskToken unk = t.tokens().stream().filter(MaskToken::unknown).findFirst().orElseThrow();
        assertEquals("zebra", unk.wordText());
        assertEquals(1, t.get(t.length() - 2).segment());
    }

    @Test
    void piecesBelongToTheirWord() {
        MaskTokens t = service.tokens("Teaching quickly", null);
        // teach ##ing quick ##ly
        assertEquals(List.of("[CLS]", "teach", "##ing", "quick", "##ly", "[SEP]"), t.encoding().tokens());
        assertEquals("Teaching", t.get(1).wordText());
        assertEquals("Teaching", t.get(2).wordText());
        assertTrue(t.get(2).piece());
        assertEquals(t.get(1).word(), t.get(2).word());
        assertNotEquals(t.get(2).word(), t.get(3).word());
        assertEquals("quickly", t.get(4).wordText());
    }

    @Test
    void exactModeSelectsRoundedFifteenPercentAtLeastOne() {
        for (String text : List.of("cat", "the cat sat", TEXT, TEXT + " " + TEXT)) {
            MaskTokens t = service.tokens(text, null);
            int want = Math.max(1, (int) Math.round(0.15 * t.eligibleCount()));
            for (long seed = 0; seed < 50; seed++) {
                Corruption c = service.corrupt(t, MaskingSettings.exact(seed));
                assertEquals(want, c.replacements().size(), text);
                assertEquals(want, c.target());
                for (int p : c.selected()) {
                    assertTrue(t.get(p).eligible());
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSelectionAndReplacements() {
        MaskTokens t = service.tokens(TEXT, null);
        for (SelectionMode mode : SelectionMode.values()) {
            for (boolean whole : new boolean[] {false, true}) {
                MaskingSettings s = new MaskingSettings(42, mode, whole, null);
                Corruption a = service.corrupt(t, s);
                Corruption b = service.corrupt(t, s);
                assertEquals(a, b);
                assertEquals(a.replacements(), b.replacements());
                assertArrayEquals(a.corruptedIds(), b.corruptedIds());
            }
        }
        // and different seeds give different selections (not always the same tokens)
        Set<String> selections = new java.util.HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            selections.add(java.util.Arrays.toString(service.corrupt(t, MaskingSettings.exact(seed)).selected()));
        }
        assertTrue(selections.size() > 10, selections.toString());
    }

    @Test
    void eachFateFollowsItsDrawAndInterval() {
        MaskTokens t = service.tokens(TEXT, null);
        int mask = service.session().tokenizer().orElseThrow().maskId().getAsInt();
        for (long seed = 0; seed < 300; seed++) {
            Corruption c = service.corrupt(t, MaskingSettings.exact(seed));
            for (Replacement r : c.replacements()) {
                assertTrue(r.draw() >= r.fate().low() && r.draw() < r.fate().high(), r.toString());
                assertEquals(r.inputId(), c.corruptedIds()[r.position()]);
                switch (r.fate()) {
                    case MASK -> assertEquals(mask, r.inputId());
                    case KEEP -> assertEquals(r.originalId(), r.inputId());
                    case RANDOM -> {
                        assertFalse(r.inputToken().startsWith("["), "random tokens are never special: " + r);
                        assertTrue(r.tokenDraw() >= 0 && r.tokenDraw() < 1);
                    }
                }
            }
            for (int p = 0; p < t.length(); p++) {
                if (!c.isSelected(p)) {
                    assertEquals(t.get(p).id(), c.corruptedIds()[p], "unselected tokens stay");
                }
            }
        }
    }

    @Test
    void wholeWordsSelectsAllPiecesOfAWordTogether() {
        MaskTokens t = service.tokens("Teaching attention heads quickly, playing happily and jumping slowly", null);
        for (long seed = 0; seed < 200; seed++) {
            for (SelectionMode mode : SelectionMode.values()) {
                Corruption c = service.corrupt(t, new MaskingSettings(seed, mode, true, null));
                Set<Integer> sel = java.util.Arrays.stream(c.selected()).boxed().collect(Collectors.toSet());
                for (MaskToken tok : t.tokens()) {
                    if (tok.eligible() && sel.contains(tok.position())) {
                        for (MaskToken other : t.tokens()) {
                            if (other.word() == tok.word()) {
                                assertTrue(sel.contains(other.position()), "seed " + seed + ": " + tok + " without " + other);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void handSelectionReplacesTheDrawAndRefusesSpecialTokens() {
        MaskTokens t = service.tokens("Teaching the cat", null);
        Corruption c = service.corrupt(t, MaskingSettings.exact(3).withPositions(List.of(4, 1)));
        assertArrayEquals(new int[] {1, 4}, c.selected());
        Corruption whole = service.corrupt(t, new MaskingSettings(3, SelectionMode.EXACT, true, List.of(2)));
        assertArrayEquals(new int[] {1, 2}, whole.selected());
        InputException e = assertThrows(InputException.class,
                () -> service.corrupt(t, MaskingSettings.exact(3).withPositions(List.of(0))));
        assertTrue(e.getMessage().contains("[CLS]"), e.getMessage());
        assertThrows(InputException.class, () -> service.corrupt(t, MaskingSettings.exact(3).withPositions(List.of(9))));
    }

    @Test
    void typedMasksAreTheSelectionAndNothingIsDrawn() {
        MaskTokens t = service.tokens("the [MASK] sat on the [MASK].", null);
        assertEquals(List.of(2, 6), t.typedMasks());
        Corruption c = service.corrupt(t, MaskingSettings.exact(1));
        assertArrayEquals(new int[] {2, 6}, c.selected());
        assertArrayEquals(t.encoding().ids(), c.corruptedIds());
        MaskingResult r = service.predict(c, 5);
        assertEquals(2, r.predictions().size());
        assertTrue(Double.isNaN(r.meanLoss()), "no truth, no loss");
        assertTrue(Double.isNaN(r.predictions().get(0).loss()));
        assertThrows(InputException.class, () -> service.repeat(t, MaskingSettings.exact(1), 10, 10, s -> { },
                Cancellation.NONE));
    }

    @Test
    void predictionsAreADistributionAndTheRankPlacesTheOriginal() {
        MaskingResult r = service.run(TEXT, null, MaskingSettings.exact(5), 20);
        double sum = 0;
        for (var p : r.predictions()) {
            assertEquals(20, p.top().size());
            for (int i = 1; i < p.top().size(); i++) {
                assertTrue(p.top().get(i - 1).prob() >= p.top().get(i).prob());
            }
            assertEquals(-Math.log(p.originalProb()), p.loss(), 1e-9);
            // the original's rank agrees with where it sits in the top-20 (or below its last entry)
            int inTop = -1;
            for (int i = 0; i < p.top().size(); i++) {
                if (p.top().get(i).id() == p.replacement().originalId()) {
                    inTop = i + 1;
                }
            }
            if (inTop > 0) {
                assertEquals(inTop, p.originalRank());
            } else {
                assertTrue(p.originalRank() > 20 && p.originalProb() <= p.top().get(19).prob());
            }
            sum += p.loss();
        }
        assertEquals(sum / r.predictions().size(), r.meanLoss(), 1e-12);
        assertEquals(session.info().layers(), r.attentions().length);
    }

    @Test
    void topKOutsideOneToTwentyIsRefused() {
        Corruption c = service.corrupt(service.tokens(TEXT, null), MaskingSettings.exact(1));
        assertThrows(InputException.class, () -> service.predict(c, 0));
        assertThrows(InputException.class, () -> service.predict(c, 21));
    }

    @Test
    void aGpt2ModelIsRefusedWithAMessage() {
        try (ModelSession gpt = ModelSessions.open(new ModelRef("gpt", Golden.path("pipeline/gpt2"), ModelRef.Origin.FOLDER))) {
            InputException e = assertThrows(InputException.class, () -> new MaskingService(gpt));
            assertTrue(e.getMessage().contains("not a BERT model"));
        }
    }

    @Test
    void overTenThousandDrawsTheFractionsAreWithinOnePointOfTheTargets() {
        MaskTokens t = service.tokens(TEXT, null);   // 20 eligible tokens: exact mode selects 3 (15%)
        for (SelectionMode mode : SelectionMode.values()) {
            List<RunStats> partial = new ArrayList<>();
            RunStats s = service.repeat(t, new MaskingSettings(2024, mode, false, null), 10_000, 1000, partial::add,
                    Cancellation.NONE);
            assertEquals(10, partial.size());
            assertEquals(10_000, s.runs());
            assertEquals(0.15, s.selectedFraction(), 0.01, mode + " selected");
            assertEquals(0.80, s.maskFraction(), 0.01, mode + " mask");
            assertEquals(0.10, s.randomFraction(), 0.01, mode + " random");
            assertEquals(0.10, s.keepFraction(), 0.01, mode + " keep");
            assertEquals(s.selected(), s.mask() + s.random() + s.keep());
        }
        // training mode really varies the count; exact mode never does
        Set<Integer> counts = new java.util.HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            counts.add(service.corrupt(t, new MaskingSettings(seed, SelectionMode.TRAINING, false, null)).replacements().size());
        }
        assertTrue(counts.size() > 3, counts.toString());
    }

    @Test
    void aCheckpointWithoutMlmHeadExplainsAndStillShowsTokensSelectionAndAttention() {
        try (ModelSession noHead = ModelSessions.open(new ModelRef("no-head", Golden.path("masking/bert-no-head"),
                ModelRef.Origin.FOLDER))) {
            MaskingService s = new MaskingService(noHead);
            assertFalse(s.canPredict());
            MaskingResult r = s.run(TEXT, null, MaskingSettings.exact(5), 5);
            assertFalse(r.canPredict());
            assertTrue(r.note().contains("no masked-language-model head"), r.note());
            assertTrue(r.predictions().isEmpty());
            assertEquals(3, r.corruption().replacements().size());
            assertEquals(noHead.info().layers(), r.attentions().length);
        }
        assertNull(service.note());
    }
}
