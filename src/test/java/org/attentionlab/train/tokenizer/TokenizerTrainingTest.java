package org.attentionlab.train.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.attentionlab.train.corpus.CorpusGenerator;
import org.attentionlab.train.corpus.LmDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTrainingTest {
    private static List<String> texts;
    private static ByteLevelBpeTrainer.Result bpe;

    @BeforeAll
    static void train() {
        CorpusGenerator.Corpus c = CorpusGenerator.generate(CorpusGenerator.Spec.small(11));
        texts = new ArrayList<>();
        c.lmTrain().forEach(d -> texts.add(d.text()));
        bpe = ByteLevelBpeTrainer.train(texts, 600, List.of("<|endoftext|>"));
    }

    @Test
    void byteSymbolsAreGpt2s() {
        assertEquals("\u0120", ByteLevelBpeTrainer.symbolOf(' ')); // Ġ
        assertEquals("\u010A", ByteLevelBpeTrainer.symbolOf('\n')); // Ċ
        assertEquals("a", ByteLevelBpeTrainer.symbolOf('a'));
        assertEquals("\u0100", ByteLevelBpeTrainer.symbolOf(0)); // Ā
    }

    @Test
    void pretokenizerSplitsLikeGpt2() {
        assertEquals(List.of("hot", "\u0120->", "\u0120cold", "\u010A", "big", "\u0120->"),
                ByteLevelBpeTrainer.pretokenize("hot -> cold\nbig ->"));
        assertEquals(List.of("she", "'s", "\u0120here", "\u0120."), ByteLevelBpeTrainer.pretokenize("she's here ."));
    }

    @Test
    void vocabularyHasTheRequestedSizeWithContiguousIds() {
        assertEquals(600, bpe.vocab().size());
        assertEquals(new HashSet<>(range(600)), new HashSet<>(bpe.vocab().values()));
        assertEquals(599, bpe.vocab().get("<|endoftext|>"));
    }

    @Test
    void everyMergeJoinsTwoKnownTokensIntoAKnownToken() {
        Map<String, Integer> vocab = bpe.vocab();
        for (String[] m : bpe.merges()) {
            assertTrue(vocab.containsKey(m[0]) && vocab.containsKey(m[1]) && vocab.containsKey(m[0] + m[1]),
                    m[0] + " " + m[1]);
            assertTrue(vocab.get(m[0] + m[1]) >= 256, "merged tokens come after the byte symbols");
        }
    }

    @Test
    void encodingRoundTripsAndCompressesFrequentWords() {
        int tokens = 0;
        int bytes = 0;
        for (String t : texts.subList(0, 300)) {
            List<Integer> ids = ByteLevelBpeTrainer.encode(bpe, t);
            assertEquals(t, ByteLevelBpeTrainer.decode(bpe, ids));
            tokens += ids.size();
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        // 600 entries for the small corpus's larger lexicon (everyday scenes): about 2.5 bytes a token
        assertTrue(tokens * 2 < bytes, "a trained BPE needs far fewer tokens than bytes");
        assertEquals(1, ByteLevelBpeTrainer.encode(bpe, " the").size());
        assertEquals(1, ByteLevelBpeTrainer.encode(bpe, " ->").size());
    }

    @Test
    void requiredWordsAreWholeAfterASpaceAndAtALineStartWithoutMovingEarlierIds() {
        List<String> required = List.of("attention", "lamp", "teacher", "the");
        ByteLevelBpeTrainer.Result withWords = ByteLevelBpeTrainer.train(texts, 600, List.of("<|endoftext|>"), required);
        for (String w : required) {
            assertEquals(1, ByteLevelBpeTrainer.encode(withWords, " " + w).size(), "after a space: " + w);
            assertEquals(1, ByteLevelBpeTrainer.encode(withWords, w).size(), "at the start: " + w);
        }
        // a prompt line starts without a space: the query is the same single token as its example
        List<Integer> ids = ByteLevelBpeTrainer.encode(withWords, "lamp -> teacher\nlamp ->");
        assertEquals(List.of("lamp", "\u0120->", "\u0120teacher", "\u010A", "lamp", "\u0120->"),
                ids.stream().map(i -> token(withWords, i)).toList());
        // the corpus-trained part is unchanged: same tokens, same ids, same merges first
        for (Map.Entry<String, Integer> e : bpe.vocab().entrySet()) {
            if (!e.getKey().equals("<|endoftext|>")) {
                assertEquals(e.getValue(), withWords.vocab().get(e.getKey()), e.getKey());
            }
        }
        for (String t : texts.subList(0, 100)) {
            assertEquals(t, ByteLevelBpeTrainer.decode(withWords, ByteLevelBpeTrainer.encode(withWords, t)));
        }
    }

    @Test
    void gptKeepsTheRequiredWordsAndThenEveryCorpusWordMostFrequentFirst() {
        List<String> words = BuildVocabularies.gptWords(List.of("the", "cat"),
                List.of("the cat sat on the mat .", "a dog sat , the dog ran", "x2 -> y"));
        assertEquals(List.of("the", "cat", "dog", "sat", "a", "mat", "on", "ran", "y"), words);
    }

    private static String token(ByteLevelBpeTrainer.Result r, int id) {
        return r.vocab().entrySet().stream().filter(e -> e.getValue() == id).findFirst().orElseThrow().getKey();
    }

    @Test
    void trainingIsDeterministic() {
        ByteLevelBpeTrainer.Result again = ByteLevelBpeTrainer.train(texts, 600, List.of("<|endoftext|>"));
        assertEquals(bpe.vocab(), again.vocab());
        assertEquals(bpe.merges().size(), again.merges().size());
        for (int i = 0; i < bpe.merges().size(); i++) {
            assertEquals(List.of(bpe.merges().get(i)), List.of(again.merges().get(i)));
        }
    }

    @Test
    void filesAreInHuggingFaceLayout(@TempDir Path dir) throws Exception {
        ByteLevelBpeTrainer.write(bpe, dir);
        List<String> merges = Files.readAllLines(dir.resolve("merges.txt"), StandardCharsets.UTF_8);
        assertEquals("#version: 0.2", merges.get(0));
        assertEquals(bpe.merges().size() + 1, merges.size());
        assertEquals(bpe.merges().get(0)[0] + " " + bpe.merges().get(0)[1], merges.get(1));
        @SuppressWarnings("unchecked")
        Map<String, Integer> vocab = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(dir.resolve("vocab.json").toFile(), Map.class);
        assertEquals(bpe.vocab(), vocab);
    }

    @Test
    void basicTokensSplitPunctuationAndLowerCase() {
        assertEquals(List.of("she", "said", ",", "hee", "-", "haw", "."),
                WordPieceVocabBuilder.basicTokens("She said, hee-haw."));
    }

    @Test
    void wordPieceVocabularyHasSpecialsFirstWordsAndCharacterFallback() {
        List<String> prose = new ArrayList<>();
        CorpusGenerator.generate(CorpusGenerator.Spec.small(11)).lmTrain().stream()
                .filter(d -> !LmDocument.TASK.equals(d.kind())).forEach(d -> prose.add(d.text()));
        List<String> vocab = WordPieceVocabBuilder.build(prose, 5);
        assertEquals(WordPieceVocabBuilder.SPECIALS, vocab.subList(0, 5));
        assertEquals(vocab.size(), new HashSet<>(vocab).size(), "no duplicates");
        assertTrue(vocab.contains("the") && vocab.contains("she") && vocab.contains("."));
        for (char c = 'a'; c <= 'z'; c++) {
            assertTrue(vocab.contains(String.valueOf(c)) && vocab.contains("##" + c), "fallback for " + c);
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
