package org.attentionlab.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
