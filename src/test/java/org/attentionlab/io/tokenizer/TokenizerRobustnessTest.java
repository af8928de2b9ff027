package org.attentionlab.io.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attentionlab.domain.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer files that break the contract (issue 16): refused at load with a message, or handled as HF does. */
class TokenizerRobustnessTest {
    @TempDir
    Path dir;

    @Test
    void vocabJsonWithTwoTokensOnOneIdIsRefusedNamingTheId() throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"c\": 1, \"<|endoftext|>\": 2}");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        var e = assertThrows(ModelFormatException.class, () -> ByteLevelBpeTokenizer.load(dir));
        assertTrue(e.problem().contains("id 1") && e.problem().contains("\"b\"") && e.problem().contains("\"c\""), e.getMessage());
    }

    private void wordPieceJson(int maxInputChars, String longToken) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\","
                + " \"continuing_subword_prefix\": \"##\", \"max_input_chars_per_word\": " + maxInputChars + ","
                + " \"vocab\": {\"[UNK]\": 0, \"[CLS]\": 1, \"[SEP]\": 2, \"a\": 3, \"##a\": 4, \"" + longToken + "\": 5}}}");
    }

    @Test
    void tokenizerJsonWithoutAWordLimitIsRefusedWithAMessage() throws IOException {
        wordPieceJson(1_000_000_000, "b".repeat(40_000));
        var e = assertThrows(ModelFormatException.class, () -> WordPieceTokenizer.load(dir));
        assertTrue(e.problem().contains("max_input_chars_per_word") && e.problem().contains("1000000000"), e.getMessage());
    }

    @Test
    void longestAcceptedWordLimitWithAVeryLongTokenStaysFast() throws IOException {
        // every start of a word of 'a's tries every length down to 1 before it matches: the worst case
        wordPieceJson(WordPieceTokenizer.MAX_WORD_LIMIT, "b".repeat(40_000));
        WordPieceTokenizer t = WordPieceTokenizer.load(dir);
        String word = "a".repeat(WordPieceTokenizer.MAX_WORD_LIMIT);
        List<String> tokens = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> t.tokenize(word + " " + word));
        assertEquals(2 * WordPieceTokenizer.MAX_WORD_LIMIT, tokens.size());
        assertEquals("##a", tokens.get(1));
        // a word over the limit is [UNK] at once, however long
        assertEquals(List.of("[UNK]"), assertTimeoutPreemptively(Duration.ofSeconds(20), () -> t.tokenize("a".repeat(1 << 20))));
    }

    @Test
    void bertVocabularyShorterThanTheEmbeddingTableDecodesUnknownIdsAsUnkLikeHf() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("sample-models/tiny-bert/vocab.txt"));
        Files.write(dir.resolve("vocab.txt"), lines.subList(0, 200));
        WordPieceTokenizer t = WordPieceTokenizer.load(dir);
        // HF BertTokenizer._convert_id_to_token: ids_to_tokens.get(index, unk_token)
        assertEquals("[UNK]", t.token(203));
        assertEquals("[UNK]", t.token(lines.size() + 5));
        assertEquals(lines.get(150), t.token(150));
    }
}
