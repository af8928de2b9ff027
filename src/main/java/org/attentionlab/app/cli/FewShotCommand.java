package org.attentionlab.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.Alternative;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.EvalItem;
import org.attentionlab.domain.fewshot.FewShotPrompt;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.PromptAnswer;
import org.attentionlab.domain.fewshot.PromptLine;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.fewshot.FewShotService;
import org.attentionlab.service.fewshot.TaskFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fewshot --model M --task T [--shots 0,1,2,4,8] [--no-description] [--orders N] --json}:
 * accuracy against the number of examples, as the prompt lab's chart computes it; or
 * {@code fewshot --model M --prompt-file F}: one free prompt's greedy answer, its probability,
 * the top 5 first tokens and the attention mass of the prompt's last token on each line.
 */
@Command(name = "fewshot", header = "zero-, one- and few-shot prompting: accuracy against the number of examples, or one prompt's answer and attention",
        synopsisHeading = "",
        customSynopsis = "usage: java -jar attention-lab.jar fewshot --model M (--task T [--shots 0,1,2,4,8] [--no-description] [--orders N] | --prompt-file F [--expected A]) [--first-word] [--tasks F] [--items] [--json]")
public final class FewShotCommand extends CliCommand {
    @Option(names = "--model", paramLabel = "M", required = true, description = "sample name, model folder, or HuggingFace cache name (a GPT-2 model)")
    private String model;
    @Option(names = "--task", paramLabel = "T", description = "a task of the model's task list (tasks.json in its folder)")
    private String task;
    @Option(names = "--shots", paramLabel = "K", split = ",", defaultValue = "0,1,2,4,8", description = "numbers of examples per prompt")
    private List<Integer> shots;
    @Option(names = "--no-description", description = "only prompts without the task's description line (default: with and without)")
    private boolean noDescription;
    @Option(names = "--orders", paramLabel = "N", defaultValue = "3", description = "example orders to compare (the spread)")
    private int orders;
    @Option(names = "--prompt-file", paramLabel = "F", description = "answer the prompt in this UTF-8 text file instead (its last line is the query)")
    private Path promptFile;
    @Option(names = "--expected", paramLabel = "A", description = "with --prompt-file: the expected answer, to say right or wrong")
    private String expected;
    @Option(names = "--first-word", description = "the answer is the first word (default: up to the end of the line)")
    private boolean firstWord;
    @Option(names = "--tasks", paramLabel = "F", description = "read the tasks from this file instead of the model folder's tasks.json")
    private Path tasksFile;
    @Option(names = "--no-items", description = "leave the evaluated prompts out of the JSON (only the accuracies)")
    private boolean noItems;
    @Option(names = "--json", description = "print JSON (always on; accepted for scripts)")
    private boolean json;

    @Override
    protected int run() throws Exception {
        if ((task == null) == (promptFile == null)) {
            throw new InputException("Give either --task T or --prompt-file F.",
                    "Use --task to measure accuracy on a task, or --prompt-file for one prompt of your own.");
        }
        AnswerRule rule = firstWord ? AnswerRule.FIRST_WORD : AnswerRule.LINE;
        ModelRef ref = catalog.resolve(model);
        err.println("loading " + ref.folder());
        try (TransformerSession session = ModelSessions.openTransformer(ref)) {
            FewShotService service = new FewShotService(session);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", InspectCommand.modelJson(session.info()));
            if (promptFile != null) {
                result.putAll(onePrompt(service, rule));
            } else {
                result.putAll(accuracy(service, ref, rule));
            }
            Json.print(out, result);
        }
        return 0;
    }

    private Map<String, Object> onePrompt(FewShotService service, AnswerRule rule) throws java.io.IOException {
        if (!Files.isRegularFile(promptFile)) {
            throw new InputException("The prompt file " + promptFile + " does not exist.", "Give the path of a text file.");
        }
        String text = Files.readString(promptFile).stripTrailing();
        if (text.isBlank()) {
            throw new InputException("The prompt file " + promptFile + " is empty.", "Write the prompt into it.");
        }
        FewShotPrompt prompt = FewShotPrompt.freeText(text, expected);
        long before = service.session().weightsChecksum();
        PromptAnswer a = service.answer(prompt, rule);
        AnswerAttention att = service.attention(prompt);
        long after = service.session().weightsChecksum();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("prompt", text);
        r.put("prompt_ids", a.promptIds());
        r.put("query_word", prompt.query().input());
        r.putAll(answerJson(a));
        List<Map<String, Object>> lines = new ArrayList<>();
        float[] mean = att.lineMass(-1, -1);
        for (int i = 0; i < att.lines().size(); i++) {
            PromptLine l = att.lines().get(i);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("line", i + 1);
            line.put("text", l.text());
            line.put("mass", mean[i]);
            float[][] byHead = new float[att.layers()][att.heads()];
            for (int layer = 0; layer < att.layers(); layer++) {
                for (int h = 0; h < att.heads(); h++) {
                    byHead[layer][h] = att.lineMass()[layer][h][i];
                }
            }
            line.put("mass_by_layer_head", byHead);
            lines.add(line);
        }
        r.put("attention_lines", lines);
        r.put("attention_note", "attention of the prompt's last token (which chooses the answer's first token); mass = mean over layers and heads");
        r.put("checksum_before", Long.toHexString(before));
        r.put("checksum_after", Long.toHexString(after));
        r.put("weights_unchanged", before == after);
        return r;
    }

    static Map<String, Object> answerJson(PromptAnswer a) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("answer", a.answer());
        r.put("answer_ids", a.answerIds());
        r.put("token_probabilities", a.tokenProbabilities());
        r.put("probability", a.probability());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Alternative alt : a.top()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("token", alt.text());
            t.put("id", alt.id());
            t.put("probability", alt.probability());
            top.add(t);
        }
        r.put("top5", top);
        r.put("correct", a.correct());
        return r;
    }

    private Map<String, Object> accuracy(FewShotService service, ModelRef ref, AnswerRule rule) {
        List<FewShotTask> tasks = tasksFile != null ? TaskFile.parse(tasksFile)
                : TaskFile.read(ref.folder()).orElseThrow(() -> new InputException(ref.name() + ": " + TaskFile.NO_TASKS,
                        "Run fewshot --prompt-file F with a prompt of your own, or give a task list with --tasks F."));
        FewShotTask t = tasks.stream().filter(x -> x.name().equalsIgnoreCase(task)).findFirst()
                .orElseThrow(() -> new InputException("The model has no task '" + task + "'.",
                        "Choose one of: " + String.join(", ", tasks.stream().map(FewShotTask::name).toList()) + "."));
        FewShotService.AccuracyRequest request = new FewShotService.AccuracyRequest(shots, !noDescription, true, orders, rule);
        int[] lastPercent = {-10};
        AccuracyReport report = service.accuracy(t, request, (done, total, message) -> {
            int percent = (int) (100 * done / Math.max(1, total));
            if (percent / 10 != lastPercent[0] / 10) {
                lastPercent[0] = percent;
                err.println(percent + "% " + message);
            }
        }, Cancellation.NONE);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", t.name());
        r.put("description", t.description());
        r.put("queries", t.queries().size());
        r.put("shots", report.shots());
        r.put("orders", report.orders());
        r.put("order_seeds", java.util.stream.IntStream.range(0, report.orders()).mapToLong(o -> FewShotService.ORDER_SEED + o).toArray());
        List<Map<String, Object>> points = new ArrayList<>();
        for (AccuracyPoint p : report.points()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shots", p.shots());
            m.put("with_description", p.withDescription());
            m.put("accuracy", p.mean());
            m.put("by_order", p.byOrder());
            m.put("min", p.min());
            m.put("max", p.max());
            m.put("correct", p.correct());
            m.put("total", p.total());
            points.add(m);
        }
        r.put("accuracy", points);
        if (!noItems) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (EvalItem i : report.items()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("shots", i.shots());
                m.put("with_description", i.withDescription());
                m.put("order", i.order());
                m.put("query", i.query());
                m.put("expected", i.expected());
                m.put("got", i.got());
                m.put("probability", i.probability());
                m.put("correct", i.correct());
                m.put("prompt", i.prompt());
                items.add(m);
            }
            r.put("items", items);
        }
        r.put("checksum_before", Long.toHexString(report.checksumBefore()));
        r.put("checksum_after", Long.toHexString(report.checksumAfter()));
        r.put("weights_unchanged", report.checksumBefore() == report.checksumAfter());
        r.put("timing", Map.of("total_ms", report.millis()));
        return r;
    }
}
