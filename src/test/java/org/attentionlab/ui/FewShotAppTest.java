package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.EvalItem;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.ShotPair;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.fewshot.FewShotService;
import org.attentionlab.service.fewshot.TaskFile;
import org.attentionlab.ui.fewshot.FewShotLesson;
import org.attentionlab.ui.fewshot.FewShotViewModel;
import org.attentionlab.ui.figure.FigureCanvas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompt lab in the real app on tiny-gpt (with the task list its first training run answers):
 * the side by side, editing examples, the accuracy chart with cancel and its items, the attention
 * view, "your own" prompt, and a model without a task list.
 */
class FewShotAppTest extends AppTestBase {
    /** The model's own task list once it ships one, else the one its first training corpus implies. */
    private static final Path TASKS = Files.isRegularFile(Path.of("sample-models/tiny-gpt", TaskFile.NAME))
            ? Path.of("sample-models/tiny-gpt", TaskFile.NAME) : Path.of("src/test/resources/fewshot/tiny-gpt-v1-tasks.json");

    @BeforeAll
    static void addTinyGptWithTasks() throws IOException {
        Path to = Files.createDirectories(moreSamples.resolve("tiny-gpt"));
        for (String name : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt", "tokenizer_config.json")) {
            Files.copy(Path.of("sample-models/tiny-gpt").resolve(name), to.resolve(name));
        }
        Files.copy(TASKS, to.resolve(TaskFile.NAME));
    }

    private FewShotViewModel vm() {
        return ((FewShotLesson) app.lesson("fewshot")).viewModel();
    }

    /** Loads {@code model}, shows the prompt lab and waits for its four answers. */
    private FewShotViewModel open(String model) {
        pick(model);
        fxRun(() -> app.mainViewModel().showLesson("fewshot"));
        FewShotViewModel vm = fx(this::vm);
        waitForAnswers(vm);
        return vm;
    }

    private static void waitForAnswers(FewShotViewModel vm) {
        waitUntil("the four answers", () -> fx(() -> vm.isIdle() && vm.sideBySideProperty().get() != null));
        WaitForAsyncUtilsBridge.settle();
    }

    /** Like waitUntil, for a whole accuracy run (520 prompts: seconds alone, a minute on a machine loaded 20 times over). */
    private static void waitLong(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(180, java.util.concurrent.TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    private static int descriptionLines(FewShotViewModel vm) {
        return fx(() -> vm.descriptionProperty().get().isBlank() ? 0 : 1);
    }

    private String text(String query) {
        return fx(() -> {
            Node n = lookup(query).query();
            return n instanceof Label l ? l.getText() : ((TextArea) n).getText();
        });
    }

    private String cardPrompt(SideBySide.Kind kind) {
        return fx(() -> ((TextArea) lookup("#card-" + kind.name() + " .prompt-text").query()).getText());
    }

    @Test
    void sideBySideShowsTheFourPromptsAndTheirAnswers() {
        FewShotViewModel vm = open("tiny-gpt");
        SideBySide s = fx(() -> vm.sideBySideProperty().get());
        assertEquals("opposite", fx(() -> vm.taskProperty().get().name()));
        for (SideBySide.Column c : s.columns()) {
            assertEquals(c.prompt().text(), cardPrompt(c.kind()));
            assertTrue(text("#answer-" + c.kind().name()).contains(c.answer().answer()), c.kind().name());
            assertEquals(Boolean.TRUE.equals(c.answer().correct()) ? "\u2713 right" : "\u2717 wrong",
                    text("#verdict-" + c.kind().name()));
        }
        String query = fx(() -> vm.queryProperty().get());
        int d = descriptionLines(vm);
        assertEquals((d == 0 ? "" : fx(() -> vm.descriptionProperty().get()) + "\n") + query + " ->",
                cardPrompt(SideBySide.Kind.ZERO_SHOT));
        assertEquals(d + 5, cardPrompt(SideBySide.Kind.FEW_SHOT).split("\n").length, "4 examples and the query");

        Node down = fx(() -> lookup("#kSpinner .decrement-arrow-button").query());
        clickOn(down);
        clickOn(down);
        waitUntil("the few-shot column with k = 2", () -> fx(() -> vm.isIdle()
                && cardPrompt(SideBySide.Kind.FEW_SHOT).split("\n").length == d + 3));
        assertEquals(2, fx(() -> vm.shotsProperty().get()));
        String description = fx(() -> vm.descriptionProperty().get());
        assertEquals((description.isEmpty() ? "" : description + "\n") + cardPrompt(SideBySide.Kind.EXAMPLES_ONLY),
                cardPrompt(SideBySide.Kind.FEW_SHOT), "few-shot is the description line and the examples-only prompt");

        clickOn("#nextQueryButton");
        waitUntil("the next query's answers", () -> fx(() -> vm.isIdle() && !vm.queryProperty().get().equals(query)
                && vm.sideBySideProperty().get().column(SideBySide.Kind.ZERO_SHOT).prompt().query().input()
                        .equals(vm.queryProperty().get())));
        assertTrue(text("#checksumLine").contains("unchanged (no gradient update)"), text("#checksumLine"));
    }

    @Test
    void editingReorderingAndShufflingExamplesChangesThePrompts() {
        FewShotViewModel vm = open("tiny-gpt");
        TableView<?> table = fx(() -> lookup("#examplesTable").queryTableView());
        ShotPair first = fx(() -> vm.examples().get(0));
        ShotPair second = fx(() -> vm.examples().get(1));

        // edit the first example's output in the table
        Node cell = fx(() -> new ArrayList<Node>(lookup("#examplesTable .table-cell").queryAll()).get(1));
        doubleClickOn(cell);
        push(KeyCode.CONTROL, KeyCode.A);
        write("zzz");
        push(KeyCode.ENTER);
        waitUntil("the edited example in the prompts", () -> fx(() -> vm.isIdle()
                && cardPrompt(SideBySide.Kind.EXAMPLES_ONLY).startsWith(first.input() + " -> zzz\n")));
        assertEquals(new ShotPair(first.input(), "zzz"), fx(() -> vm.examples().get(0)));

        // move it down: the second example now comes first
        fxRun(() -> table.getSelectionModel().select(0));
        clickOn("#downExample");
        waitUntil("the reordered prompts", () -> fx(() -> vm.isIdle()
                && cardPrompt(SideBySide.Kind.EXAMPLES_ONLY).startsWith(second.input() + " -> " + second.output() + "\n")));
        assertEquals(1, fx(() -> table.getSelectionModel().getSelectedIndex()));
        assertTrue(cardPrompt(SideBySide.Kind.FEW_SHOT).contains(first.input() + " -> zzz\n"));

        // add and remove
        int n = fx(() -> vm.examples().size());
        clickOn("#addExample");
        assertEquals(n + 1, (int) fx(() -> vm.examples().size()));
        clickOn("#removeExample");
        assertEquals(n, (int) fx(() -> vm.examples().size()));

        // shuffle draws other pairs of the task, none asking the query
        List<ShotPair> before = fx(() -> new ArrayList<>(vm.examples()));
        clickOn("#shuffleExamples");
        waitForAnswers(vm);
        List<ShotPair> after = fx(() -> new ArrayList<>(vm.examples()));
        assertNotEquals(before, after);
        FewShotTask task = fx(() -> vm.taskProperty().get());
        String q = fx(() -> vm.queryProperty().get());
        for (ShotPair p : after) {
            assertTrue(task.pairs().contains(p), p.toString());
            assertNotEquals(q, p.input());
        }
    }

    @Test
    void accuracyChartCancelsThenRunsToTheServicesNumbersAndListsAPointsPrompts() throws Exception {
        FewShotViewModel vm = open("tiny-gpt");
        fxRun(() -> vm.taskProperty().set(vm.tasks().stream().filter(t -> t.name().equals("toy")).findFirst().orElseThrow()));
        waitForAnswers(vm);

        clickOn("#runAccuracy");
        waitUntil("the run to make progress", () -> fx(() -> vm.accuracyProgressProperty().get() > 0.05));
        clickOn("#cancelAccuracy");
        waitUntil("the cancelled run to stop", () -> fx(() -> !vm.accuracyRunningProperty().get()));
        assertNull(fx(() -> vm.accuracyProperty().get()));
        assertEquals("Cancelled.", text("#accuracyStatus"));

        TableView<?> itemsBefore = fx(() -> lookup("#itemsTable").queryTableView());
        assertEquals(Messages.get("fewshot.items.placeholder"),
                fx(() -> ((Label) itemsBefore.getPlaceholder()).getText()),
                "the empty items table says how to fill it");
        clickOn("#runAccuracy");
        waitLong("the chart", () -> fx(() -> vm.accuracyProperty().get() != null && vm.isIdle()));
        assertEquals(Messages.get("fewshot.items.hint"),
                fx(() -> ((Label) itemsBefore.getPlaceholder()).getText()));
        AccuracyReport shown = fx(() -> vm.accuracyProperty().get());
        FewShotTask toy = TaskFile.parse(TASKS).stream().filter(t -> t.name().equals("toy")).findFirst().orElseThrow();
        AccuracyReport direct;
        try (TransformerSession s = ModelSessions.openTransformer(ModelCatalog.system().resolve("tiny-gpt"))) {
            direct = new FewShotService(s).accuracy(toy, FewShotService.AccuracyRequest.standard(), Progress.NONE,
                    Cancellation.NONE);
        }
        assertEquals(direct.points(), shown.points(), "the chart's numbers are the service's (and the fewshot command's)");
        AccuracyPoint zero = shown.point(0, false).orElseThrow();
        AccuracyPoint eight = shown.point(8, false).orElseThrow();
        assertTrue(eight.mean() > zero.mean(), "accuracy rises with examples: " + shown.points());
        assertEquals(toy.hasDescription() ? 10 : 5, shown.points().size());
        assertTrue(text("#checksumLine").contains("unchanged"));

        // click the k = 0 point: the items table lists its prompts
        FigureCanvas chart = fx(() -> lookup("#chartCanvas").query());
        double[] at = fx(() -> {
            for (double x = 0; x < chart.getWidth(); x += 2) {
                for (double y = 0; y < chart.getHeight(); y += 2) {
                    var fig = (org.attentionlab.figure.fewshot.AccuracyChartFigure) chart.getFigure();
                    int[] p = fig.pointAt(x, y);
                    if (p != null && p[0] == 0 && p[1] == 0) {
                        return new double[] {x, y};
                    }
                }
            }
            return null;
        });
        moveTo(chart).moveBy(at[0] - chart.getWidth() / 2, at[1] - chart.getHeight() / 2).clickOn();
        waitUntil("the k = 0 items", () -> fx(() -> vm.selectedPointProperty().get() != null
                && vm.selectedPointProperty().get()[0] == 0 && vm.selectedPointProperty().get()[1] == 0));
        List<EvalItem> expected = shown.itemsOf(0, false);
        TableView<?> items = fx(() -> lookup("#itemsTable").queryTableView());
        assertEquals(expected.size(), (int) fx(() -> items.getItems().size()));
        assertEquals(expected, fx(() -> new ArrayList<>(vm.pointItems())));
        assertTrue(text("#itemsTitle").startsWith("k = 0"), text("#itemsTitle"));
    }

    @Test
    void attentionViewFollowsTheClickedColumnAndTheChosenHead() {
        FewShotViewModel vm = open("tiny-gpt");
        clickOn("#card-ZERO_SHOT");
        int d = descriptionLines(vm);
        waitUntil("the zero-shot answer's attention", () -> fx(() -> vm.isIdle() && vm.attentionProperty().get() != null
                && vm.attentionProperty().get().lines().size() == d + 1));
        fxRun(() -> ((TabPane) lookup("#fewshotTabs").query()).getSelectionModel().select(1));
        clickOn("#card-FEW_SHOT");
        waitUntil("the few-shot answer's attention", () -> fx(() -> vm.isIdle()
                && vm.attentionProperty().get().lines().size() == d + 5));
        AnswerAttention a = fx(() -> vm.attentionProperty().get());
        SideBySide s = fx(() -> vm.sideBySideProperty().get());
        assertEquals(s.column(SideBySide.Kind.FEW_SHOT).answer().promptIds().length, a.tokens().size());
        double sum = 0;
        for (float m : a.lineMass(-1, -1)) {
            sum += m;
        }
        assertEquals(1, sum, 1e-4);

        clickOn("#layerBox");
        clickOn("layer 2");
        clickOn("#headBox");
        clickOn("head 3");
        assertEquals(2, (int) fx(() -> vm.attentionLayerProperty().get()));
        assertEquals(3, (int) fx(() -> vm.attentionHeadProperty().get()));
        FigureCanvas canvas = fx(() -> lookup("#attentionCanvas").query());
        var fig = fx(() -> (org.attentionlab.figure.fewshot.AnswerAttentionFigure) canvas.getFigure());
        assertEquals(a.row()[2][3][0], fig.weight(0), 0f, "the figure shows layer 2, head 3");
        assertTrue(text("#inductionNote").contains("does not appear earlier"), text("#inductionNote"));

        // put the query into an example: its earlier copy is marked
        fxRun(() -> vm.examples().set(0, new ShotPair(vm.queryProperty().get(), vm.expectedProperty().get())));
        waitUntil("the attention of the new prompt", () -> fx(() -> vm.isIdle() && vm.attentionProperty().get().hasEarlier()));
        assertTrue(text("#inductionNote").startsWith("Strongest on the tokens after earlier copies"), text("#inductionNote"));
    }

    @Test
    void exportsTheSideBySideAsSvgAndPngAndTheAccuracyTableAsCsv(@TempDir Path dir) throws Exception {
        FewShotViewModel vm = open("tiny-gpt");
        FewShotLesson lesson = (FewShotLesson) app.lesson("fewshot");

        files.saves.add(dir.resolve("side.svg"));
        clickOn("#exportButton");
        clickOn("Side by side as SVG...");
        waitUntil("the SVG", () -> fx(() -> lesson.controller().lastExport() != null && lesson.controller().lastExport().isDone()));
        String svg = Files.readString(dir.resolve("side.svg"));
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), svg.substring(0, 40));
        String query = fx(() -> vm.queryProperty().get());
        assertTrue(svg.contains(query + " -&gt;") || svg.contains(query + " ->"), "the query line is in the picture");
        assertTrue(svg.contains("unchanged (no gradient update)"));

        files.saves.add(dir.resolve("side.png"));
        clickOn("#exportButton");
        clickOn("Side by side as PNG...");
        waitUntil("the PNG", () -> Files.exists(dir.resolve("side.png")) && fx(() -> lesson.controller().lastExport().isDone()));
        byte[] png = Files.readAllBytes(dir.resolve("side.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        fxRun(() -> vm.runAccuracy());
        waitLong("the chart", () -> fx(() -> vm.accuracyProperty().get() != null && vm.isIdle()));
        files.saves.add(dir.resolve("accuracy.csv"));
        clickOn("#exportButton");
        clickOn("Accuracy table as CSV...");
        waitUntil("the CSV", () -> Files.exists(dir.resolve("accuracy.csv")) && fx(() -> lesson.controller().lastExport().isDone()));
        assertEquals(org.attentionlab.service.fewshot.AccuracyCsv.table(fx(() -> vm.accuracyProperty().get())),
                Files.readString(dir.resolve("accuracy.csv")));
        assertEquals("fewshot-opposite-accuracy.csv", files.lastSuggestedName);
    }

    @Test
    void yourOwnPromptAndAModelWithoutATaskList() {
        FewShotViewModel vm = open("tiny-gpt");
        fxRun(() -> vm.taskProperty().set(null));
        waitForAnswers(vm);
        assertEquals("Translate English to French:", fx(() -> vm.descriptionProperty().get()));
        assertTrue(cardPrompt(SideBySide.Kind.FEW_SHOT).startsWith("Translate English to French:\nsea otter => loutre de mer\n"));
        assertTrue(cardPrompt(SideBySide.Kind.FEW_SHOT).endsWith("cheese =>"));
        assertTrue(fx(() -> lookup("#runAccuracy").query().isDisabled()), "the chart needs a task with queries");

        pick(GPT2);
        waitUntil("the prompt lab on gpt2", () -> fx(() -> vm.isIdle() && vm.sideBySideProperty().get() != null
                && app.host().current().ref().name().equals(GPT2)));
        assertEquals(TaskFile.NO_TASKS, text("#taskNote"));
        assertNull(fx(() -> vm.taskProperty().get()));
    }
}
