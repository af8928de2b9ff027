package org.attentionlab.service.fewshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.FewShotPrompt;
import org.attentionlab.domain.fewshot.PromptAnswer;
import org.attentionlab.domain.fewshot.ShotPair;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prompt lab's answers equal HuggingFace's greedy continuation of the same prompts on
 * tiny-gpt (fixtures from tools/golden/fewshot_fixtures.py): the prompt text and its ids, every
 * answer token and its probability, the answer, the top 5 first tokens, and the attention row of
 * the prompt's last token with its sum per line.
 */
class FewShotGoldenTest {
    private static final Path FIXTURE = Path.of("src/test/resources/golden/fewshot/tiny-gpt.json");
    static JsonNode golden;
    static ModelSession session;
    static FewShotService service;

    @BeforeAll
    static void load() throws Exception {
        golden = new ObjectMapper().readTree(FIXTURE.toFile());
        Path weights = Path.of("sample-models/tiny-gpt/model.safetensors");
        assertEquals(golden.get("model_sha256").asText(), sha256(weights),
                "sample-models/tiny-gpt changed since the fixture was written: run tools/golden/fewshot_fixtures.py");
        session = ModelSessions.open(ModelCatalog.system().resolve("tiny-gpt"));
        service = new FewShotService(session);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    static List<JsonNode> cases() {
        return StreamSupport.stream(golden.get("cases").spliterator(), false).toList();
    }

    static FewShotPrompt prompt(JsonNode c) {
        String expected = c.get("expected").isNull() ? null : c.get("expected").asText();
        if (!c.get("free_text").isNull()) {
            return FewShotPrompt.freeText(c.get("free_text").asText(), expected);
        }
        List<ShotPair> examples = new ArrayList<>();
        for (JsonNode e : c.get("examples")) {
            examples.add(new ShotPair(e.get(0).asText(), e.get(1).asText()));
        }
        return FewShotPrompt.of(c.get("description").asText(), examples, new ShotPair(c.get("query").asText(), expected),
                c.get("arrow").asText());
    }

    static AnswerRule rule(JsonNode c) {
        return c.get("first_word").asBoolean() ? AnswerRule.FIRST_WORD : AnswerRule.LINE;
    }

    private static int[] ints(JsonNode a) {
        return StreamSupport.stream(a.spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static void assertMatches(JsonNode c, PromptAnswer a) {
        String what = c.get("text").asText();
        assertEquals(c.get("text").asText(), a.prompt().text(), "prompt text");
        assertArrayEquals(ints(c.get("prompt_ids")), a.promptIds(), what);
        assertEquals(c.get("answer").asText(), a.answer(), what);
        int[] generated = ints(c.get("new_ids"));
        int n = a.answerIds().length;
        assertArrayEquals(java.util.Arrays.copyOf(generated, n), a.answerIds(), what);
        double product = 1;
        for (int i = 0; i < n; i++) {
            double want = c.get("probs").get(i).asDouble();
            assertEquals(want, a.tokenProbabilities()[i], 1e-4 + 1e-4 * want, what + " token " + i);
            product *= want;
        }
        assertEquals(n == 0 ? c.get("probs").get(0).asDouble() : product, a.probability(), 2e-4, what);
        for (int i = 0; i < 5; i++) {
            assertEquals(c.get("top5").get(i).get(0).asInt(), a.top().get(i).id(), what + " top " + i);
            assertEquals(c.get("top5").get(i).get(1).asDouble(), a.top().get(i).probability(), 1e-4, what + " top " + i);
        }
        if (!c.get("expected").isNull()) {
            assertEquals(c.get("answer").asText().equals(c.get("expected").asText()), a.correct(), what);
        }
    }

    @Test
    void eachPromptAloneGivesHuggingFacesGreedyAnswer() {
        for (JsonNode c : cases()) {
            assertMatches(c, service.answer(prompt(c), rule(c)));
        }
    }

    @Test
    void promptsSharingOneKvCacheGiveTheSameAnswers() {
        List<JsonNode> line = cases().stream().filter(c -> !c.get("first_word").asBoolean()).toList();
        List<PromptAnswer> answers = service.answerAll(line.stream().map(FewShotGoldenTest::prompt).toList(),
                AnswerRule.LINE, Cancellation.NONE);
        for (int i = 0; i < line.size(); i++) {
            assertMatches(line.get(i), answers.get(i));
        }
    }

    @Test
    void attentionOfTheLastPromptTokenAndItsMassPerLineMatch() {
        for (JsonNode c : cases()) {
            AnswerAttention att = service.attention(prompt(c));
            JsonNode row = c.get("attention_row");
            JsonNode mass = c.get("line_mass");
            assertEquals(row.size(), att.layers());
            for (int l = 0; l < row.size(); l++) {
                for (int h = 0; h < row.get(l).size(); h++) {
                    for (int k = 0; k < row.get(l).get(h).size(); k++) {
                        assertEquals(row.get(l).get(h).get(k).asDouble(), att.row()[l][h][k], 1e-4,
                                c.get("text").asText() + " l" + l + " h" + h + " k" + k);
                    }
                    assertEquals(mass.get(l).get(h).size(), att.lineMass()[l][h].length);
                    for (int i = 0; i < mass.get(l).get(h).size(); i++) {
                        assertEquals(mass.get(l).get(h).get(i).asDouble(), att.lineMass()[l][h][i], 1e-4,
                                c.get("text").asText() + " line " + i);
                    }
                }
            }
        }
    }
}
