package org.attentionlab.engine.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer rules of docs/seq2seq-format.md, by their examples. */
class WordTokenizerTest {
    private final WordTokenizer words = new WordTokenizer(true, false);
    private final WordTokenizer digits = new WordTokenizer(true, true);

    @Test
    void punctuationIsSplitFromWordsOneCharacterEach() {
        assertEquals(List.of("the", "cat", "'", "s", "hat", ".", ".", "."), words.tokenize("The cat's hat..."));
    }

    @Test
    void digitRunsStayTogetherUnlessSplitDigitsIsOn() {
        assertEquals(List.of("5", "may", ",", "2024"), words.tokenize("5 May, 2024"));
        assertEquals(List.of("5", "may", ",", "2", "0", "2", "4"), digits.tokenize("5 May, 2024"));
        assertEquals(List.of("2", "0", "2", "4", "-", "0", "5"), digits.tokenize("2024-05"));
    }

    @Test
    void lettersAndDigitsTogetherFormOneWord() {
        assertEquals(List.of("abc123", "x"), words.tokenize("abc123 x"));
        assertEquals(List.of("abc", "1", "2", "3", "x"), digits.tokenize("abc123 x"));
    }

    @Test
    void caseIsKeptWhenLowercasingIsOff() {
        assertEquals(List.of("The", "Cat", "!"), new WordTokenizer(false, false).tokenize("The Cat!"));
    }

    @Test
    void decomposedAccentsAreComposedFirst() {
        assertEquals(List.of("café"), words.tokenize("Cafe\u0301"));
    }

    @Test
    void anyWhitespaceSeparatesAndIsDropped() {
        assertEquals(List.of("a", "b", "c", "d"), words.tokenize(" a\tb\nc\u00a0d  "));
    }

    @Test
    void nonLatinLettersFormWords() {
        assertEquals(List.of("привет", ",", "мир"), words.tokenize("Привет, мир"));
    }

    @Test
    void blankTextHasNoTokens() {
        assertEquals(List.of(), words.tokenize(" \t\n"));
    }
}
