package org.attentionlab.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.attentionlab.domain.ModelKind;
import org.junit.jupiter.api.Test;

class TokenLabelsTest {
    @Test
    void gpt2LeadingSpaceIsShownAsAVisibleSpace() {
        assertEquals("\u2423world", TokenLabels.display("\u0120world", ModelKind.GPT2));
    }

    @Test
    void gpt2NewlineAndAccentedLettersDecodeFromTheirByteSpelling() {
        assertEquals("\u21b5", TokenLabels.display("\u010a", ModelKind.GPT2));
        // "é" is bytes C3 A9, spelled by GPT-2's byte map as "Ã©"
        assertEquals("caf\u00e9", TokenLabels.display("caf\u00c3\u00a9", ModelKind.GPT2));
    }

    @Test
    void gpt2HalfOfAMultiByteCharacterKeepsItsRawSpelling() {
        assertEquals("\u00c3", TokenLabels.display("\u00c3", ModelKind.GPT2));
    }

    /** GPT-2's spelling of bytes (bytes_to_unicode in OpenAI's encoder.py), written out again here. */
    private static String spell(int... bytes) {
        StringBuilder out = new StringBuilder();
        for (int b : bytes) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
            if (printable) {
                out.append((char) b);
            } else {
                int n = 0;
                for (int x = 0; x < b; x++) {
                    boolean p = (x >= '!' && x <= '~') || (x >= 0xa1 && x <= 0xac) || (x >= 0xae && x <= 0xff);
                    n += p ? 0 : 1;
                }
                out.append((char) (256 + n));
            }
        }
        return out.toString();
    }

    @Test
    void aCharacterSplitOverTokensIsShownWholeInEachWithItsPart() {
        // "😀" is F0 9F 98 80; here a leading space and its first two bytes, then its last two
        List<String> tokens = List.of(spell(0x20, 0xF0, 0x9F), spell(0x98, 0x80), spell(0x20) + "ok");
        assertEquals(List.of("\u2423\ud83d\ude00(1/2)", "\ud83d\ude00(2/2)", "\u2423ok"),
                TokenLabels.displayAll(tokens, ModelKind.GPT2));
        assertEquals("\ud83d\ude00(2/2)", TokenLabels.displayAt(tokens, 1, ModelKind.GPT2));
        assertTrue(TokenLabels.hasSplitCharacters(tokens, ModelKind.GPT2));
        // a Chinese character over three tokens, one byte each
        List<String> zhong = List.of(spell(0xE4), spell(0xB8), spell(0xAD));
        assertEquals(List.of("\u4e2d(1/3)", "\u4e2d(2/3)", "\u4e2d(3/3)"), TokenLabels.displayAll(zhong, ModelKind.GPT2));
        assertEquals(new TokenLabels.SplitCharacter("\ud83d\ude00", 2), TokenLabels.firstSplitCharacter(tokens, ModelKind.GPT2));
        assertEquals(new TokenLabels.SplitCharacter("\u4e2d", 3), TokenLabels.firstSplitCharacter(zhong, ModelKind.GPT2));
    }

    @Test
    void aFragmentWithoutTheRestOfItsCharacterKeepsItsRawSpelling() {
        List<String> tokens = List.of("a", spell(0xF0, 0x9F), "<|endoftext|>");
        assertEquals(List.of("a", spell(0xF0, 0x9F), "<|endoftext|>"), TokenLabels.displayAll(tokens, ModelKind.GPT2));
        assertFalse(TokenLabels.hasSplitCharacters(List.of("\u0120world", "caf\u00c3\u00a9"), ModelKind.GPT2));
        assertFalse(TokenLabels.hasSplitCharacters(List.of("##ing"), ModelKind.BERT));
    }

    @Test
    void wordPieceTokensAreShownAsTheyAre() {
        assertEquals("##ing", TokenLabels.display("##ing", ModelKind.BERT));
        assertEquals("[CLS]", TokenLabels.display("[CLS]", ModelKind.BERT));
    }

    @Test
    void gpt2SpecialTokenStaysReadable() {
        assertEquals("<|endoftext|>", TokenLabels.display("<|endoftext|>", ModelKind.GPT2));
    }
}
