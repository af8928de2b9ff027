package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.fewshot.FewShotService;
import org.attentionlab.service.fewshot.TaskFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FewShotCommandTest {
    private static final String TASKS = "src/test/resources/fewshot/tiny-gpt-v1-tasks.json";

    @TempDir
    Path dir;

    @Test
    void accuracyJsonEqualsTheServicesReport() throws Exception {
        CliRun run = CliRun.of("fewshot", "--model", "tiny-gpt", "--task", "third", "--tasks", TASKS, "--shots", "0,1,4",
                "--orders", "2", "--json");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        FewShotTask task = TaskFile.parse(Path.of(TASKS)).stream().filter(t -> t.name().equals("third")).findFirst().orElseThrow();
        AccuracyReport report;
        try (TransformerSession s = ModelSessions.openTransformer(ModelCatalog.system().resolve("tiny-gpt"))) {
            report = new FewShotService(s).accuracy(task, new FewShotService.AccuracyRequest(List.of(0, 1, 4), true, true, 2,
                    AnswerRule.LINE), Progress.NONE, Cancellation.NONE);
        }
        assertEquals(report.points().size(), json.get("accuracy").size());
        for (int i = 0; i < report.points().size(); i++) {
            AccuracyPoint p = report.points().get(i);
            JsonNode j = json.get("accuracy").get(i);
            assertEquals(p.shots(), j.get("shots").asInt());
            assertEquals(p.withDescription(), j.get("with_description").asBoolean());
            assertEquals(p.mean(), j.get("accuracy").asDouble(), 0);
            for (int o = 0; o < 2; o++) {
                assertEquals(p.byOrder()[o], j.get("by_order").get(o).asDouble(), 0);
            }
        }
        assertEquals(report.items().size(), json.get("items").size());
        JsonNode first = json.get("items").get(0);
        assertEquals(report.items().get(0).got(), first.get("got").asText());
        assertEquals(report.items().get(0).prompt(), first.get("prompt").asText());
        assertTrue(json.get("weights_unchanged").asBoolean());
    }

    @Test
    void onePromptFileGivesTheAnswerTopFiveAndAttentionPerLine() throws Exception {
        Path f = Files.writeString(dir.resolve("p.txt"), "hot -> cold\nbig -> small\nwet ->\n");
        CliRun run = CliRun.of("fewshot", "--model", "tiny-gpt", "--prompt-file", f.toString(), "--expected", "dry");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("hot -> cold\nbig -> small\nwet ->", json.get("prompt").asText());
        assertEquals(5, json.get("top5").size());
        assertEquals(json.get("answer_ids").get(0).asInt(), json.get("top5").get(0).get("id").asInt());
        assertEquals(json.get("answer").asText().equals("dry"), json.get("correct").asBoolean());
        JsonNode lines = json.get("attention_lines");
        assertEquals(3, lines.size());
        double sum = 0;
        for (JsonNode l : lines) {
            sum += l.get("mass").asDouble();
        }
        assertEquals(1, sum, 1e-5);
        assertEquals("wet ->", lines.get(2).get("text").asText());
    }

    @Test
    void aModelWithoutATaskListSaysToUseYourOwnPrompt() throws Exception {
        CliRun run = CliRun.of("fewshot", "--model", "tiny-gpt", "--task", "opposite",
                "--tasks", dir.resolve("missing.json").toString());
        assertEquals(1, run.code());
        Path model = Files.createDirectories(dir.resolve("gpt-without-tasks"));   // tiny-gpt without tasks.json
        for (String name : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt", "tokenizer_config.json")) {
            Files.copy(Path.of("sample-models/tiny-gpt").resolve(name), model.resolve(name));
        }
        CliRun noList = CliRun.of("fewshot", "--model", model.toString(), "--task", "opposite");
        assertEquals(1, noList.code());
        assertTrue(noList.err().contains("This model has no task list: use your own prompt"), noList.err());
    }

    @Test
    void taskAndPromptFileAreOneOrTheOther() {
        CliRun run = CliRun.of("fewshot", "--model", "tiny-gpt");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("--task T or --prompt-file F"), run.err());
        CliRun bert = CliRun.of("fewshot", "--model", "tiny-bert", "--prompt-file", "x.txt");
        assertEquals(1, bert.code());
        assertTrue(bert.err().contains("cannot continue a prompt"), bert.err());
    }
}
