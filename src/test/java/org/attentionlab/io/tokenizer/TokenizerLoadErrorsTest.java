package org.attentionlab.io.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Missing, empty and malformed tokenizer files give a ModelFormatException that names the file and a remedy. */
class TokenizerLoadErrorsTest {
    @TempDir
    Path dir;

    private static ModelFormatException fails(Executable load, String... mentions) {
        ModelFormatException e = assertThrows(ModelFormatException.class, load);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "message should mention \"" + m + "\": " + e.getMessage());
        }
        assertFalse(e.problem().isBlank());
        assertFalse(e.remedy().isBlank(), "a remedy is given");
        return e;
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void missingVocabTxtNamesTheFileToCopy() {
        fails(() -> WordPieceTokenizer.load(dir), "vocab.txt");
        fails(() -> Tokenizers.load(dir, ModelKind.BERT), "vocab.txt");
    }

    @Test
    void emptyVocabTxtIsReported() throws IOException {
        write("vocab.txt", "");
        fails(() -> WordPieceTokenizer.load(dir), "vocab.txt", "empty");
        write("vocab.txt", "\n\n\n");
        fails(() -> WordPieceTokenizer.load(dir), "vocab.txt", "empty");
    }

    @Test
    void vocabTxtWithoutBertSpecialTokensIsReported() throws IOException {
        write("vocab.txt", "hello\nworld\n##s\n");
        fails(() -> WordPieceTokenizer.load(dir), "[UNK]", "vocab.txt");
        write("vocab.txt", "[UNK]\nhello\n");
        fails(() -> WordPieceTokenizer.load(dir), "[CLS]");
    }

    @Test
    void vocabTxtThatIsNotUtf8IsReported() throws IOException {
        Files.write(dir.resolve("vocab.txt"), new byte[] {'[', 'U', 'N', 'K', ']', '\n', (byte) 0xFF, (byte) 0xFE, '\n'});
        fails(() -> WordPieceTokenizer.load(dir), "vocab.txt", "UTF-8");
    }

    @Test
    void malformedTokenizerConfigIsReported() throws IOException {
        Files.copy(TokenizerFixtures.bertDir().resolve("vocab.txt"), dir.resolve("vocab.txt"));
        write("tokenizer_config.json", "{\"do_lower_case\": tru");
        fails(() -> WordPieceTokenizer.load(dir), "tokenizer_config.json", "not valid JSON");
        write("tokenizer_config.json", "{\"do_lower_case\": \"yes\"}");
        fails(() -> WordPieceTokenizer.load(dir), "do_lower_case");
        write("tokenizer_config.json", "[1, 2]");
        fails(() -> WordPieceTokenizer.load(dir), "tokenizer_config.json", "object");
    }

    @Test
    void missingVocabJsonNamesTheFilesToCopy() throws IOException {
        fails(() -> ByteLevelBpeTokenizer.load(dir), "vocab.json", "merges.txt");
        write("merges.txt", "#version: 0.2\nĠ t\n");
        fails(() -> Tokenizers.load(dir, ModelKind.GPT2), "vocab.json");
    }

    @Test
    void missingMergesTxtIsReported() throws IOException {
        Files.copy(TokenizerFixtures.gpt2Dir().resolve("vocab.json"), dir.resolve("vocab.json"));
        ModelFormatException e = fails(() -> ByteLevelBpeTokenizer.load(dir), "merges.txt");
        assertTrue(e.problem().contains("no merges.txt"), e.problem());
    }

    @Test
    void malformedVocabJsonIsReported() throws IOException {
        Files.copy(TokenizerFixtures.gpt2Dir().resolve("merges.txt"), dir.resolve("merges.txt"));
        write("vocab.json", "{\"a\": 1, \"b\": ");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "vocab.json", "not valid JSON");
        write("vocab.json", "");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "vocab.json", "empty");
        write("vocab.json", "[\"a\", \"b\"]");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "vocab.json", "not a JSON object");
        write("vocab.json", "{}");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "vocab.json", "empty");
        write("vocab.json", "{\"a\": \"one\"}");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "vocab.json", "\"a\"", "not a token id");
        write("vocab.json", "{\"a\": 0, \"b\": 1}");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "byte");
    }

    @Test
    void malformedMergesTxtIsReported() throws IOException {
        Files.copy(TokenizerFixtures.gpt2Dir().resolve("vocab.json"), dir.resolve("vocab.json"));
        write("merges.txt", "#version: 0.2\nĠ t\nĠ a b\n");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "Line 3", "merges.txt");
        write("merges.txt", "#version: 0.2\n");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "merges.txt", "no merges");
        write("merges.txt", "#version: 0.2\nĠ t\nqqqqqqqqqq zzzzzzzzzzz\n");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "Merge 2", "qqqqqqqqqq", "vocab.json");
    }

    @Test
    void folderThatDoesNotExistIsReported() {
        Path nowhere = dir.resolve("no-such-model");
        fails(() -> Tokenizers.load(nowhere, ModelKind.BERT), "no-such-model", "does not exist");
        fails(() -> Tokenizers.load(nowhere, ModelKind.GPT2), "no-such-model", "does not exist");
    }

    @Test
    void seq2seqHasNoHuggingFaceTokenizer() {
        fails(() -> Tokenizers.load(dir, ModelKind.SEQ2SEQ), "SEQ2SEQ");
    }

    @Test
    void tokenizerJsonOfTheOtherKindIsReported() throws IOException {
        write("tokenizer.json", "{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}");
        fails(() -> WordPieceTokenizer.load(dir), "Unigram", "WordPiece");
        fails(() -> ByteLevelBpeTokenizer.load(dir), "Unigram", "BPE");
        fails(() -> Tokenizers.detectKind(dir), "Unigram");
    }

    @Test
    void loaderPicksTheTokenizerForTheKind() {
        assertInstanceOf(WordPieceTokenizer.class, Tokenizers.load(TokenizerFixtures.bertDir(), ModelKind.BERT));
        assertInstanceOf(ByteLevelBpeTokenizer.class, Tokenizers.load(TokenizerFixtures.gpt2Dir(), ModelKind.GPT2));
        assertEquals(ModelKind.BERT, Tokenizers.detectKind(TokenizerFixtures.bertDir()));
        assertEquals(ModelKind.GPT2, Tokenizers.detectKind(TokenizerFixtures.gpt2Dir()));
        fails(() -> Tokenizers.detectKind(dir), "no tokenizer files");
    }
}
