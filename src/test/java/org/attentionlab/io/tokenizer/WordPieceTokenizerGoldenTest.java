package org.attentionlab.io.tokenizer;

import static org.attentionlab.io.tokenizer.TokenizerFixtures.ints;
import static org.attentionlab.io.tokenizer.TokenizerFixtures.label;
import static org.attentionlab.io.tokenizer.TokenizerFixtures.strings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attentionlab.domain.Encoding;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * WordPiece against HuggingFace's Python BertTokenizer on the real bert-base-uncased vocabulary
 * (golden/bert.json from tools/golden/tokenizer_fixtures.py): every handwritten and seeded random input,
 * under five option sets.
 */
class WordPieceTokenizerGoldenTest {
    private static final JsonNode GOLDEN = TokenizerFixtures.golden("bert.json");
    private static final Map<String, WordPieceTokenizer> BY_SET = new HashMap<>();

    /** The tokenizer for one of the fixture's option sets, configured through tokenizer_config.json. */
    static synchronized WordPieceTokenizer forSet(String set) {
        return BY_SET.computeIfAbsent(set, s -> {
            JsonNode options = GOLDEN.get("option_sets").get(s);
            Path dir = TokenizerFixtures.copyOf(TokenizerFixtures.bertDir());
            TokenizerFixtures.write(dir.resolve("tokenizer_config.json"), options.toString());
            return WordPieceTokenizer.load(dir);
        });
    }

    @TestFactory
    Stream<DynamicTest> tokensAndIdsEqualHuggingFaceOnEveryInput() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : GOLDEN.get("cases")) {
            String set = c.get("set").asText();
            String text = c.get("text").asText();
            tests.add(DynamicTest.dynamicTest(set + " #" + (i++) + " «" + label(text) + "»", () -> {
                WordPieceTokenizer tok = forSet(set);
                List<String> expectedTokens = strings(c.get("tokens"));
                assertEquals(expectedTokens, tok.tokenize(text), "tokens");
                Encoding e = tok.encode(text);
                assertArrayEquals(ints(c.get("ids")), e.ids(), "ids");
                List<String> withSpecials = new ArrayList<>();
                withSpecials.add("[CLS]");
                withSpecials.addAll(expectedTokens);
                withSpecials.add("[SEP]");
                assertEquals(withSpecials, e.tokens());
                assertArrayEquals(new int[e.length()], e.typeIds(), "a single text has type ids 0");
                for (int k = 0; k < e.length(); k++) {
                    assertEquals(k == 0 || k == e.length() - 1, e.special()[k], "special flag at " + k);
                    assertEquals(1, e.attendMask()[k]);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> spansEqualHuggingFaceOffsetMapping() {
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : GOLDEN.get("cases")) {
            if (c.get("spans").isNull()) {
                continue; // HF's Rust tokenizer, which gives offsets, tokenizes this text differently
            }
            String set = c.get("set").asText();
            String text = c.get("text").asText();
            tests.add(DynamicTest.dynamicTest(set + " #" + (i++) + " «" + label(text) + "»", () ->
                    assertEquals(TokenizerFixtures.spans(c.get("spans")), forSet(set).spans(text),
                            () -> "spans of «" + label(text) + "» with tokens " + forSet(set).tokenize(text))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> decodeEqualsHuggingFaceWithAndWithoutSpaceCleanup() {
        Path dir = TokenizerFixtures.copyOf(TokenizerFixtures.bertDir());
        TokenizerFixtures.write(dir.resolve("tokenizer_config.json"), "{\"clean_up_tokenization_spaces\": false}");
        WordPieceTokenizer noCleanup = WordPieceTokenizer.load(dir);
        List<DynamicTest> tests = new ArrayList<>();
        List<JsonNode> cases = new ArrayList<>();
        GOLDEN.get("cases").forEach(c -> {
            if (c.get("set").asText().equals("uncased")) {
                cases.add(c);
            }
        });
        GOLDEN.get("decode").forEach(cases::add);
        int i = 0;
        for (JsonNode c : cases) {
            int[] ids = ints(c.get("ids"));
            tests.add(DynamicTest.dynamicTest("#" + (i++) + " " + label(c.path("text").asText(c.get("ids").toString())), () -> {
                assertEquals(c.get("decoded").asText(), forSet("uncased").decode(ids), "with cleanup (HF default)");
                assertEquals(c.get("decoded_no_cleanup").asText(), noCleanup.decode(ids), "without cleanup");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sentencePairsGetHuggingFaceIdsAndTypeIds() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode p : GOLDEN.get("pairs")) {
            String a = p.get("a").asText();
            String b = p.get("b").asText();
            tests.add(DynamicTest.dynamicTest("«" + label(a) + "» + «" + label(b) + "»", () -> {
                Encoding e = forSet("uncased").encodePair(a, b);
                assertEquals(strings(p.get("tokens")), e.tokens());
                assertArrayEquals(ints(p.get("ids")), e.ids());
                assertArrayEquals(ints(p.get("type_ids")), e.typeIds());
                int firstSep = e.tokens().indexOf("[SEP]");
                for (int k = 0; k < e.length(); k++) {
                    boolean special = k == 0 || k == firstSep || k == e.length() - 1;
                    assertEquals(special, e.special()[k], "special flag at " + k);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void specialIdsAndVocabularySizeAreBertBaseUncased() {
        WordPieceTokenizer tok = forSet("uncased");
        JsonNode ids = GOLDEN.get("special_ids");
        assertEquals(GOLDEN.get("vocab_size").intValue(), tok.vocabSize());
        assertEquals(ids.get("mask").intValue(), tok.maskId().getAsInt());
        assertEquals(ids.get("cls").intValue(), tok.clsId().getAsInt());
        assertEquals(ids.get("sep").intValue(), tok.sepId().getAsInt());
        assertEquals(ids.get("pad").intValue(), tok.padId().getAsInt());
        assertEquals(ids.get("unk").intValue(), tok.unkId().getAsInt());
        assertEquals(ids.get("mask").intValue(), tok.id("[MASK]"));
        assertEquals("[MASK]", tok.token(ids.get("mask").intValue()));
        assertEquals(-1, tok.id("no-such-token"));
        assertEquals(true, tok.bosId().isEmpty() && tok.eosId().isEmpty());
    }

    @Test
    void vocabularyInsideTokenizerJsonGivesTheSameTokensAsVocabTxt() {
        // A folder with only tokenizer.json (as many HF repositories have) must behave the same.
        ObjectNode root = TokenizerFixtures.JSON.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece").put("unk_token", "[UNK]").put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        ObjectNode vocab = model.putObject("vocab");
        List<String> lines = TokenizerFiles.lines(TokenizerFixtures.bertDir().resolve("vocab.txt"));
        for (int i = 0; i < lines.size(); i++) {
            vocab.put(lines.get(i), i);
        }
        root.putObject("normalizer").put("type", "BertNormalizer").put("lowercase", true)
                .put("handle_chinese_chars", true).putNull("strip_accents");
        Path dir = TokenizerFixtures.newDir("bert-json");
        TokenizerFixtures.write(dir.resolve("tokenizer.json"), root.toString());
        WordPieceTokenizer fromJson = WordPieceTokenizer.load(dir);
        assertEquals(lines.size(), fromJson.vocabSize());
        for (JsonNode c : GOLDEN.get("cases")) {
            if (c.get("set").asText().equals("uncased")) {
                assertArrayEquals(ints(c.get("ids")), fromJson.encode(c.get("text").asText()).ids(), c.get("text").asText());
            }
        }
    }
}
