package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionlab.domain.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Input a model cannot run on gets an InputException with a remedy, never a crash. */
class Seq2SeqInputErrorsTest {
    private static final Seq2SeqModel MODEL = Seq2SeqModel.load(Golden.dir("gru-dot"));

    private static String refused(Executable call) {
        InputException e = assertThrows(InputException.class, call);
        assertFalse(e.remedy().isEmpty(), "every input error says what to do: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void emptyOrBlankTextIsRefused() {
        assertTrue(refused(() -> MODEL.translate("", 5)).contains("no words"));
        assertTrue(refused(() -> MODEL.translate(" \t\n", 5)).contains("no words"));
        refused(() -> MODEL.translate((String) null, 5));
    }

    @Test
    void emptySourceIdsAreRefused() {
        refused(() -> MODEL.translate(new int[0], 5));
        refused(() -> MODEL.forceDecode(new int[0], new int[] {4, 2}));
    }

    @Test
    void sourceLongerThanMaxSourceLengthIsRefusedNotTruncated() {
        // max_source_length is 16 positions including </s>: 15 words fit, 16 do not
        String fifteen = "the cat ".repeat(7) + "dog";
        assertEquals(16, MODEL.encodeSource(fifteen).length);
        String message = refused(() -> MODEL.translate(fifteen + " dog", 5));
        assertTrue(message.contains("17") && message.contains("16"), message);
        refused(() -> MODEL.translate(new int[17], 5));
    }

    @Test
    void outputLimitOutsideOneToMaxTargetLengthIsRefused() {
        refused(() -> MODEL.translate("the cat", 0));
        refused(() -> MODEL.translate("the cat", 13));
        assertEquals(1, MODEL.translate("the cat", 1).targetLength(), "the limits themselves are accepted");
        assertTrue(MODEL.translate("the cat", 12).targetLength() <= 12);
    }

    @Test
    void paddingAndOutOfRangeIdsInTheSourceAreRefused() {
        assertTrue(refused(() -> MODEL.translate(new int[] {4, 0, 2}, 5)).contains("<pad>"));
        assertTrue(refused(() -> MODEL.translate(new int[] {4, 24, 2}, 5)).contains("24"));
        refused(() -> MODEL.translate(new int[] {-1, 2}, 5));
    }

    @Test
    void forcedTargetMustBeNonEmptyInRangeAndShortEnough() {
        int[] source = MODEL.encodeSource("the cat");
        refused(() -> MODEL.forceDecode(source, new int[0]));
        refused(() -> MODEL.forceDecode(source, new int[] {4, 99}));
        refused(() -> MODEL.forceDecode(source, new int[13]));
    }
}
