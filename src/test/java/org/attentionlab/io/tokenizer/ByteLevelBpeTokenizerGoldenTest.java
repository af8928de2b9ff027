package org.attentionlab.io.tokenizer;

import static org.attentionlab.io.tokenizer.TokenizerFixtures.ints;
import static org.attentionlab.io.tokenizer.TokenizerFixtures.label;
import static org.attentionlab.io.tokenizer.TokenizerFixtures.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.InputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-level BPE against HuggingFace's GPT2Tokenizer on the real GPT-2 vocabulary
 * (golden/gpt2.json from tools/golden/tokenizer_fixtures.py), plus the exact round trip.
 */
class ByteLevelBpeTokenizerGoldenTest {
    private static final JsonNode GOLDEN = TokenizerFixtures.golden("gpt2.json");
    private static ByteLevelBpeTokenizer gpt2;

    static synchronized ByteLevelBpeTokenizer gpt2() {
        if (gpt2 == null) {
            gpt2 = ByteLevelBpeTokenizer.load(TokenizerFixtures.gpt2Dir());
        }
        return gpt2;
    }

    @TestFactory
    Stream<DynamicTest> tokensIdsAndSpansEqualHuggingFaceOnEveryInput() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : GOLDEN.get("cases")) {
            String text = c.get("text").asText();
            tests.add(DynamicTest.dynamicTest("#" + (i++) + " «" + label(text) + "»", () -> {
                ByteLevelBpeTokenizer tok = gpt2();
                List<String> tokens = strings(c.get("tokens"));
                assertEquals(tokens, tok.tokenize(text), "tokens");
                Encoding e = tok.encode(text);
                assertEquals(tokens, e.tokens());
                assertArrayEquals(ints(c.get("ids")), e.ids(), "ids");
                for (int k = 0; k < e.length(); k++) {
                    assertEquals(0, e.typeIds()[k]);
                    assertFalse(e.special()[k], "GPT-2 adds no special tokens");
                    assertEquals(1, e.attendMask()[k]);
                }
                assertEquals(TokenizerFixtures.spans(c.get("spans")), tok.spans(text), "spans");
                assertEquals(c.get("decoded").asText(), tok.decode(e.ids()), "decode");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> decodeReplacesInvalidUtf8AsPythonDoes() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : GOLDEN.get("decode")) {
            int[] ids = ints(c.get("ids"));
            tests.add(DynamicTest.dynamicTest("#" + (i++) + " " + c.get("ids"), () ->
                    assertEquals(c.get("decoded").asText(), gpt2().decode(ids))));
        }
        return tests.stream();
    }

    @Test
    void decodeOfEncodeGivesBackAnyValidText() {
        // Random strings over the whole of Unicode (valid UTF-16: no lone surrogates), including
        // the whitespace and symbol runs where the pre-tokenizer's lookahead matters.
        Random rng = new Random(7);
        int[] pool = {' ', ' ', '\t', '\n', '\r', 'a', 'Z', '\'', 's', '1', '.', 0xA0, 0x3000, 0x2028, 0x85, 0x1C,
            0xE9, 0x301, 0x4E2D, 0x1F600, 0xFE0F, 0x200D, 0x0, 0x7F, 0xFFFD};
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + rng.nextInt(30);
            for (int k = 0; k < len; k++) {
                int cp;
                if (rng.nextBoolean()) {
                    cp = pool[rng.nextInt(pool.length)];
                } else {
                    do {
                        cp = rng.nextInt(0x30000);
                    } while (cp >= 0xD800 && cp <= 0xDFFF);
                }
                b.appendCodePoint(cp);
            }
            String text = b.toString();
            Encoding e = gpt2().encode(text);
            assertEquals(text, gpt2().decode(e.ids()), () -> "round trip of «" + label(text) + "»");
            List<TokenSpan> spans = gpt2().spans(text);
            assertEquals(e.length(), spans.size());
            for (int k = 1; k < spans.size(); k++) {
                assertTrue(spans.get(k).start() >= spans.get(k - 1).start(), "spans move forward");
            }
        }
    }

    @Test
    void endOfTextIdsAndVocabularySizeAreGpt2s() {
        ByteLevelBpeTokenizer tok = gpt2();
        int eos = GOLDEN.get("eos_id").intValue();
        assertEquals(GOLDEN.get("vocab_size").intValue(), tok.vocabSize());
        assertEquals(eos, tok.eosId().getAsInt());
        assertEquals(eos, tok.bosId().getAsInt());
        assertEquals(eos, tok.unkId().getAsInt());
        assertTrue(tok.maskId().isEmpty() && tok.clsId().isEmpty() && tok.sepId().isEmpty() && tok.padId().isEmpty());
        assertEquals("<|endoftext|>", tok.token(eos));
        assertEquals(eos, tok.id("<|endoftext|>"));
        assertEquals(-1, tok.id("no such token"));
    }

    @Test
    void sentencePairsAreRefusedWithAnExplanation() {
        InputException e = assertThrows(InputException.class, () -> gpt2().encodePair("a", "b"));
        assertTrue(e.problem().contains("BERT"), e.problem());
        assertFalse(e.remedy().isEmpty());
    }

    @Test
    void idsOutsideTheVocabularyAreAnInputError() {
        assertThrows(InputException.class, () -> gpt2().decode(new int[] {15496, 60000}));
        assertThrows(InputException.class, () -> gpt2().token(-1));
    }

    @Test
    void tokenizerJsonWithArrayOrStringMergesGivesTheSameIds() {
        // HF's tokenizer.json has written merges as "a b" strings and, since 2024, as ["a", "b"] pairs.
        Path source = TokenizerFixtures.gpt2Dir();
        JsonNode vocab = TokenizerFiles.json(source.resolve("vocab.json"));
        List<String[]> merges = ByteLevelBpeTokenizer.mergesFromText(
                TokenizerFiles.lines(source.resolve("merges.txt")), source.resolve("merges.txt"));
        for (boolean asArrays : new boolean[] {false, true}) {
            ObjectNode root = TokenizerFixtures.JSON.createObjectNode();
            ObjectNode model = root.putObject("model");
            model.put("type", "BPE");
            model.set("vocab", vocab);
            ArrayNode list = model.putArray("merges");
            for (String[] m : merges) {
                if (asArrays) {
                    list.addArray().add(m[0]).add(m[1]);
                } else {
                    list.add(m[0] + " " + m[1]);
                }
            }
            root.putArray("added_tokens").addObject().put("id", 50256).put("content", "<|endoftext|>").put("special", true);
            Path dir = TokenizerFixtures.newDir("gpt2-json");
            TokenizerFixtures.write(dir.resolve("tokenizer.json"), root.toString());
            ByteLevelBpeTokenizer fromJson = ByteLevelBpeTokenizer.load(dir);
            for (JsonNode c : GOLDEN.get("cases")) {
                assertArrayEquals(ints(c.get("ids")), fromJson.encode(c.get("text").asText()).ids(), c.get("text").asText());
            }
        }
    }
}
