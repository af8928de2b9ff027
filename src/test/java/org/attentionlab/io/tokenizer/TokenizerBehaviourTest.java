package org.attentionlab.io.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attentionlab.domain.Encoding;
import org.junit.jupiter.api.Test;

/**
 * The behaviours the lessons lean on, stated as rules that hold for any input (the golden tests
 * hold the exact tokens to HuggingFace), plus invariants of long input.
 */
class TokenizerBehaviourTest {
    private static final Tokenizer BERT = WordPieceTokenizerGoldenTest.forSet("uncased");
    private static final Tokenizer GPT2 = ByteLevelBpeTokenizerGoldenTest.gpt2();

    private static long count(int[] ids, int id) {
        return Arrays.stream(ids).filter(x -> x == id).count();
    }

    @Test
    void maskTypedInTheTextBecomesTheMaskIdOnlyInItsExactSpelling() {
        int mask = BERT.maskId().getAsInt();
        assertEquals(1, count(BERT.encode("Paris is the [MASK] of France.").ids(), mask));
        assertEquals(2, count(BERT.encode("x[MASK]y[MASK]").ids(), mask));
        assertEquals(0, count(BERT.encode("[mask] [Mask] [ MASK ]").ids(), mask));
    }

    @Test
    void endOfTextTypedInTheTextBecomesTheEosId() {
        int eos = GPT2.eosId().getAsInt();
        assertEquals(2, count(GPT2.encode("one<|endoftext|>two <|endoftext|>").ids(), eos));
        assertEquals(0, count(GPT2.encode("<|ENDOFTEXT|> <|endoftext").ids(), eos));
    }

    @Test
    void bertWrapsTextInClsAndSep() {
        Encoding e = BERT.encode("hello");
        assertEquals(BERT.clsId().getAsInt(), e.ids()[0]);
        assertEquals(BERT.sepId().getAsInt(), e.ids()[e.length() - 1]);
        Encoding empty = BERT.encode("");
        assertEquals(List.of("[CLS]", "[SEP]"), empty.tokens());
        assertEquals(0, GPT2.encode("").length());
    }

    @Test
    void wordsOfMoreThanHundredCharactersAreUnknown() {
        assertEquals(List.of("[UNK]"), BERT.tokenize("a".repeat(101)));
        assertFalse(BERT.tokenize("a".repeat(100)).contains("[UNK]"));
    }

    @Test
    void spansAreInsideTheTextAndInOrder() {
        Random rng = new Random(11);
        String alphabet = "aZé ́中😀'.,\t\n[MASK]<|endoftext|>ΣΑ\u0000\u200d한국ि";
        int[] cps = alphabet.codePoints().toArray();
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = rng.nextInt(25); k >= 0; k--) {
                b.appendCodePoint(cps[rng.nextInt(cps.length)]);
            }
            String text = b.toString();
            for (Tokenizer tok : List.of(BERT, GPT2)) {
                List<TokenSpan> spans = tok.spans(text);
                assertEquals(tok.encode(text).length(), spans.size());
                int lastStart = 0;
                for (TokenSpan s : spans) {
                    assertTrue(s.end() <= text.length());
                    if (!s.isEmpty()) {
                        assertTrue(s.start() >= lastStart, () -> "spans in order for «" + text + "»");
                        lastStart = s.start();
                    }
                }
            }
        }
    }

    /**
     * Long input is tokenized word by word with no state carried between words: for BERT,
     * 2,000 whitespace-separated words give exactly the pieces of each word on its own.
     * (Speed is measured by the benchmark, not asserted here.)
     */
    @Test
    void longBertInputIsTheConcatenationOfItsWords() {
        String[] words = {"The", "attention", "mechanism", "lets", "each", "token", "look", "at", "every", "other",
            "token,", "weighing", "them", "by", "relevance.", "Don't", "forget:", "3.14", "café", "naïve", "中文",
            "😀", "tokenization", "unaffable", "Ångström", "they've"};
        Random rng = new Random(3);
        StringBuilder b = new StringBuilder();
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String w = words[rng.nextInt(words.length)];
            b.append(w).append(i % 15 == 14 ? "\n" : " ");
            expected.addAll(BERT.tokenize(w));
        }
        assertEquals(expected, BERT.tokenize(b.toString()));
    }
}
