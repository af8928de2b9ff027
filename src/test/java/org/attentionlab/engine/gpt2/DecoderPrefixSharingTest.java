package org.attentionlab.engine.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.EnumSet;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.Encodings;
import org.attentionlab.engine.Golden;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.CausalDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decoder's logits-only path, sharing prefixes through truncate, gives the full forward pass's logits, and the parameter checksum tells weights apart. */
class DecoderPrefixSharingTest {
    static Gpt2Model model;
    static final int[] SHARED = {17, 3, 88, 75, 26, 96, 66, 43, 1, 0, 118, 55};
    static final int[] TAIL_A = {12, 9, 64};
    static final int[] TAIL_B = {31, 20, 99, 5, 61};

    @BeforeAll
    static void load() {
        model = assertInstanceOf(Gpt2Model.class, Models.load(Golden.path("gpt2/model")));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] lastLogitsOfForward(int[] ids) {
        ForwardTrace t = model.forward(Encodings.of(ids), EnumSet.of(TraceItem.LOGITS));
        return t.logits()[ids.length - 1];
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-4f, "logit " + i);
        }
    }

    @Test
    void truncatingToASharedPrefixAndExtendingGivesTheWholeSequencesLogits() {
        try (CausalDecoder d = model.decoder()) {
            d.extendLogits(SHARED);
            float[] a = d.extendLogits(TAIL_A).clone();
            assertEquals(SHARED.length + TAIL_A.length, d.length());
            assertClose(lastLogitsOfForward(concat(SHARED, TAIL_A)), a);

            d.truncate(SHARED.length);
            float[] b = d.extendLogits(TAIL_B).clone();
            assertClose(lastLogitsOfForward(concat(SHARED, TAIL_B)), b);

            d.truncate(0);                                  // a fresh start reuses the cache
            float[] again = d.extendLogits(concat(SHARED, TAIL_A)).clone();
            assertClose(a, again);
        }
    }

    @Test
    void tokenByTokenEqualsOneExtend() {
        int[] all = concat(SHARED, TAIL_B);
        try (CausalDecoder d = model.decoder()) {
            float[] last = null;
            for (int id : all) {
                last = d.extendLogits(new int[] {id});
            }
            assertClose(lastLogitsOfForward(all), last);
        }
    }

    @Test
    void extendingPastThePositionsIsRefusedWithAMessage() {
        int positions = model.maxPositions();
        try (CausalDecoder d = model.decoder()) {
            d.extendLogits(new int[positions - 1]);
            InputException e = assertThrows(InputException.class, () -> d.extendLogits(new int[] {1, 2}));
            assertEquals(positions - 1, d.length(), e.getMessage());
        }
    }

    @Test
    void checksumIsUnchangedByRunsAndTellsDifferentWeightsApart() {
        long before = model.parameterChecksum();
        try (CausalDecoder d = model.decoder()) {
            d.extendLogits(SHARED);
        }
        model.forward(Encodings.of(SHARED), EnumSet.of(TraceItem.ATTENTIONS, TraceItem.LOGITS));
        assertEquals(before, model.parameterChecksum());
        try (Gpt2Model sameWeights = (Gpt2Model) Models.load(Golden.path("gpt2/model-base-noprefix"));
             Gpt2Model rounded = (Gpt2Model) Models.load(Golden.path("gpt2/model-f16"))) {
            assertEquals(before, sameWeights.parameterChecksum(), "the same weights saved as GPT2Model");
            assertNotEquals(before, rounded.parameterChecksum(), "the weights rounded to float16");
        }
    }
}
