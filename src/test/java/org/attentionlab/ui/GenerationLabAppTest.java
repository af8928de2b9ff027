package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.engine.SamplingStages;
import org.attentionlab.figure.NextTokenFigure;
import org.attentionlab.service.generation.GenerationState;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.generation.GenerationLesson;
import org.attentionlab.ui.generation.GenerationViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation lab in the real app on the test GPT-2: the buttons, Play and Pause, Back,
 * Replay, taking another road by clicking a token and then a bar, and the filter sliders
 * (which redraw without running the model).
 */
class GenerationLabAppTest extends AppTestBase {
    private GenerationViewModel open() {
        pick(GPT2);
        fxRun(() -> app.mainViewModel().showLesson("generation"));
        GenerationViewModel vm = ((GenerationLesson) app.lesson("generation")).viewModel();
        try {
            waitUntil("the prompt has run", () -> vm.resultProperty().get() != null && vm.isIdle());
        } catch (AssertionError e) {
            throw new AssertionError("no run; problem: " + fx(() -> vm.problemProperty().get()) + ", lesson: "
                    + fx(() -> app.mainViewModel().currentLessonProperty().get().id()), e);
        }
        return vm;
    }

    private static GenerationState state(GenerationViewModel vm) {
        return fx(() -> vm.resultProperty().get().state());
    }

    private void stepTimes(GenerationViewModel vm, int n) {
        for (int i = 0; i < n; i++) {
            int before = state(vm).length();
            clickOn("#stepButton");
            waitUntil("a step", () -> vm.isIdle() && vm.resultProperty().get().state().length() == before + 1);
        }
    }

    private FlowPane strip() {
        return node("#tokenStrip");
    }

    @Test
    void ctrlEnterRunsThePromptAndStepsBackAndResetMoveOneTokenAtATime() {
        GenerationViewModel vm = open();
        clickOn("#promptArea");
        push(KeyCode.CONTROL, KeyCode.A);
        write("the cat");
        push(KeyCode.ENTER);                      // a new line, not a run
        write("sat");
        push(KeyCode.CONTROL, KeyCode.ENTER);
        waitUntil("the new prompt has run", () -> vm.isIdle() && vm.resultProperty().get().lab() != null
                && "the cat\nsat".equals(vm.promptProperty().get()) && vm.resultProperty().get().state().steps().isEmpty()
                && vm.resultProperty().get().command() == GenerationViewModel.Command.START);
        int prompt = state(vm).promptLength();
        assertEquals(prompt, fx(() -> strip().getChildren().size()));
        fxRun(() -> vm.sampleProperty().set(false));
        stepTimes(vm, 3);
        assertEquals(prompt + 3, state(vm).length());
        assertEquals(prompt + 3, fx(() -> strip().getChildren().size()), "each new token is appended to the strip");
        assertEquals(prompt + 3, state(vm).attentionRows().size(), "the heatmap grew by one row per step");
        clickOn("#backButton");
        waitUntil("back", () -> vm.isIdle() && vm.resultProperty().get().state().length() == prompt + 2);
        assertEquals(prompt + 2, fx(() -> strip().getChildren().size()));
        clickOn("#resetButton");
        waitUntil("reset", () -> vm.isIdle() && vm.resultProperty().get().state().length() == prompt);
        assertTrue(fx(() -> node("#stepButton").isDisabled()) == false);
    }

    @Test
    void playKeepsSteppingUntilPaused() {
        GenerationViewModel vm = open();
        fxRun(() -> vm.speedProperty().set(10));
        int start = state(vm).length();
        clickOn("#playToggle");
        waitUntil("three tokens while playing", () -> vm.resultProperty().get().state().length() >= start + 3
                || vm.resultProperty().get().state().stop() != null);
        clickOn("#playToggle");
        waitUntil("paused", () -> !vm.playingProperty().get() && vm.isIdle());
        int paused = state(vm).length();
        sleep(600);
        assertEquals(paused, state(vm).length(), "no step after Pause");
        assertTrue(paused > start);
    }

    @Test
    void replayWithTheSameSeedGivesTheSameTextAndANewSeedAnotherRoad() {
        GenerationViewModel vm = open();
        fxRun(() -> {
            vm.temperatureProperty().set(1.5);
            vm.topKProperty().set(0);
            vm.topPProperty().set(1.0);
            vm.seedProperty().set(5);
        });
        stepTimes(vm, 8);
        List<Integer> first = state(vm).ids();
        clickOn("#replayButton");
        waitUntil("replayed", () -> vm.isIdle() && vm.resultProperty().get().command() == GenerationViewModel.Command.REPLAY);
        assertEquals(first, state(vm).ids());
        assertTrue(fx(() -> vm.noteProperty().get()).contains("exactly the same"), fx(() -> vm.noteProperty().get()));
        boolean differs = false;
        for (int seed = 6; seed < 10 && !differs; seed++) {
            int s = seed;
            fxRun(() -> vm.seedProperty().set(s));
            clickOn("#replayButton");
            waitUntil("replayed", () -> vm.isIdle() && vm.resultProperty().get().state().steps().size() == 8
                    && vm.resultProperty().get().state().steps().get(0).settings().seed() == s);
            differs = !state(vm).ids().equals(first);
        }
        assertTrue(differs, "another seed takes another road");
    }

    @Test
    void clickingAnEarlierTokenThenABarTakesAnotherRoadFromThere() {
        GenerationViewModel vm = open();
        fxRun(() -> vm.sampleProperty().set(false));
        stepTimes(vm, 6);
        GenerationState before = state(vm);
        int p = before.promptLength();
        clickOn(fx(() -> strip().getChildren().get(p + 2)));            // the third generated token
        waitUntil("its step is shown", () -> vm.selectedStepProperty().get() == 2);
        FigureCanvas canvas = node("#distributionCanvas");
        NextTokenFigure fig = fx(() -> (NextTokenFigure) canvas.getFigure());
        assertEquals(before.ids().get(p + 2), fig.data().actual(), "the distribution of that step, its token highlighted");
        int other = fig.listedIds()[2];
        assertNotEquals(before.ids().get(p + 2), other);
        Point2D at = fx(() -> canvas.localToScreen(fig.labelCentreX(), fig.rowCentre(other)));
        clickOn(at);
        waitUntil("the forced road", () -> vm.isIdle() && vm.resultProperty().get().command() == GenerationViewModel.Command.FORCE);
        GenerationState after = state(vm);
        assertEquals(before.ids().subList(0, p + 2), after.ids().subList(0, p + 2), "the text before the fork stays");
        assertEquals(other, after.ids().get(p + 2));
        assertTrue(after.steps().get(2).forced());
        assertEquals(before.steps().size(), after.steps().size(), "the text after the fork is regenerated");
        assertTrue(fx(() -> strip().getChildren().get(p + 2).getStyleClass().contains("forced")));
    }

    @Test
    void presentationModeGivesTheBarsAndTheHeatmapTheFullHeightAndGivesTheDividersBack() {
        open();
        javafx.scene.control.SplitPane left = node("#leftSplit");
        javafx.scene.control.SplitPane right = node("#rightSplit");
        javafx.scene.layout.Region bars = fx(() -> (javafx.scene.layout.Region) left.getItems().get(0));
        fxRun(() -> left.setDividerPosition(0, 0.6));   // where a user left it
        waitUntil("laid out", () -> fx(() -> bars.getHeight()) > 0);
        double before = fx(() -> bars.getHeight());
        double rightBefore = fx(() -> right.getDividerPositions()[0]);
        fxRun(() -> app.mainViewModel().presentationProperty().set(true));
        try {
            waitUntil("the lower panes fold", () -> fx(() -> left.getDividerPositions()[0]) > 0.97
                    && fx(() -> right.getDividerPositions()[0]) > 0.97);
        } catch (AssertionError e) {
            throw new AssertionError("dividers at " + fx(() -> left.getDividerPositions()[0]) + ", "
                    + fx(() -> right.getDividerPositions()[0]), e);
        }
        waitUntil("the next-token bars get the logit lens's height", () -> fx(() -> bars.getHeight()) > before + 50);
        fxRun(() -> app.mainViewModel().presentationProperty().set(false));
        waitUntil("dividers back", () -> Math.abs(fx(() -> left.getDividerPositions()[0]) - 0.6) < 0.01
                && Math.abs(fx(() -> right.getDividerPositions()[0]) - rightBefore) < 0.01);
    }

    @Test
    void theFilterSlidersRedrawTheStagesWithoutRunningTheModel() {
        GenerationViewModel vm = open();
        fxRun(() -> vm.sampleProperty().set(true));
        stepTimes(vm, 2);
        GenerationViewModel.Result result = fx(() -> vm.resultProperty().get());
        FigureCanvas canvas = node("#distributionCanvas");
        Slider temperature = node("#temperatureSlider");
        Slider topK = node("#topKSlider");
        Slider topP = node("#topPSlider");
        clickOn(temperature);                                  // focus, then move it with the keyboard
        push(KeyCode.END);
        waitUntil("temperature at 2", () -> Math.abs(vm.temperatureProperty().get() - 2.0) < 1e-9);
        fxRun(() -> {
            topK.setValue(3);
            topP.setValue(0.5);
        });
        NextTokenFigure fig = fx(() -> (NextTokenFigure) canvas.getFigure());
        SamplingStep shown = fig.data().stages();
        float[] logits = result.state().lastStep().logits();
        SamplingStep want = SamplingStages.of(logits, fx(vm::settings), Double.NaN, -1, false);
        assertEquals(2.0, fig.data().temperature(), 1e-9);
        assertEquals(3, fig.data().topK());
        assertArrayEquals(want.tempered(), shown.tempered(), 0f);
        assertArrayEquals(want.keptByTopP(), shown.keptByTopP());
        assertTrue(shown.keptByTopKCount() <= 3 + 2, "top-k = 3 (ties aside)");
        assertSame(result, fx(() -> vm.resultProperty().get()), "no model run for a slider");
        clickOn("#greedyToggle");
        waitUntil("greedy", () -> !vm.sampleProperty().get());
        assertTrue(fx(temperature::isDisabled), "the filters do not apply to greedy decoding");
        Node sample = node("#sampleToggle");
        clickOn(sample);
        waitUntil("sampling again", () -> vm.sampleProperty().get());
        assertFalse(fx(temperature::isDisabled));
    }

    @Test
    void exportsTheFiguresAndThePerStepTable(@TempDir java.nio.file.Path dir) throws Exception {
        GenerationViewModel vm = open();
        fxRun(() -> vm.sampleProperty().set(false));
        stepTimes(vm, 4);
        String[] items = {"Distribution as PNG", "Distribution as SVG", "Attention heatmap as PNG", "Logit lens as PNG",
            "Per-step table as CSV"};
        String[] names = {"next.png", "next.svg", "heat.png", "lens.png", "steps.csv"};
        for (int i = 0; i < items.length; i++) {
            files.saves.add(dir.resolve(names[i]));
            clickOn("#exportMenu");
            clickOn(items[i] + "\u2026");
            java.nio.file.Path f = dir.resolve(names[i]);
            waitUntil(names[i] + " written", () -> java.nio.file.Files.isRegularFile(f) && java.nio.file.Files.size(f) > 0);
        }
        assertTrue(java.nio.file.Files.readString(dir.resolve("next.svg")).startsWith("<svg")
                || java.nio.file.Files.readString(dir.resolve("next.svg")).contains("<svg"));
        List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("steps.csv"));
        assertEquals(1 + 4, csv.size(), "a header and one line per step");
        assertTrue(csv.get(0).startsWith("step,position,token,id,probability"));
        GenerationState st = state(vm);
        for (int i = 0; i < 4; i++) {
            String[] cells = cells(csv.get(i + 1));
            assertEquals(Integer.toString(i + 1), cells[0]);
            assertEquals(st.ids().get(st.promptLength() + i).toString(), cells[3]);
            assertEquals("1", cells[6], "greedy takes rank 1");
        }
    }

    /** The cells of one CSV line (quoted cells may hold commas; "" is a quote). */
    private static String[] cells(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out.toArray(new String[0]);
    }
}
