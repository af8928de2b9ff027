package org.attentionlab.ui.masking;

import static org.attentionlab.ui.testkit.Fx.fx;
import static org.attentionlab.ui.testkit.Fx.fxRun;
import static org.attentionlab.ui.testkit.Fx.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.app.CatalogModelSource;
import org.attentionlab.domain.masking.Fate;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.domain.masking.RunStats;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.masking.MaskingStep;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masked-word lesson in the real app on the shipped tiny-bert, driven as a student would:
 * typing, the six steps by button and arrow key, clicking tokens, the switches, the PopOver, the
 * quiz, "Run 1,000 times" and the exports.
 */
class MaskingLessonAppTest extends FxRobot {
    private static final String TEXT = "The sky is blue and the grass is green. A cow says moo and a duck says quack.";
    private AttentionLabApp app;
    private ScriptedFileDialogs files;
    private MaskingLesson lesson;
    private MaskingViewModel vm;

    @BeforeEach
    void startApp() throws Exception {
        files = new ScriptedFileDialogs();
        AttentionLabApp.Config config = new AttentionLabApp.Config(new CatalogModelSource(ModelCatalog.system()), files, true);
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(120_000);   // a loaded machine starts the app slowly
        FxToolkit.registerPrimaryStage();
        app = (AttentionLabApp) FxToolkit.setupApplication(() -> new AttentionLabApp(config));
        waitUntil("tiny-bert is loaded", () -> app.host().current() != null
                && app.host().current().info().name().equals("tiny-bert"));
        fxRun(() -> app.mainViewModel().showLesson("mask"));
        lesson = (MaskingLesson) app.lesson("mask");
        vm = fx(lesson::viewModel);
        waitUntil("the first result", () -> fx(() -> vm.resultProperty().get()) != null);
    }

    @AfterEach
    void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private MaskingResult result() {
        return fx(() -> vm.resultProperty().get());
    }

    private MaskingStep step() {
        return fx(() -> vm.stepProperty().get());
    }

    private void typeText(String text) {
        clickOn("#maskText");
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
        waitUntil("the typed text's result", () -> fx(() -> {
            MaskingResult r = vm.resultProperty().get();
            return r != null && vm.isIdle() && vm.textProperty().get().equals(text)
                    && r.tokens().encoding().tokens().size() > 3;
        }));
        waitUntil("idle", () -> fx(vm::isIdle));
    }

    /** A ToggleSwitch turns on a click on its track (its label does not toggle it). */
    private void clickSwitch(String query) {
        clickOn((javafx.scene.Node) lookup(query + " .thumb-area").query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Puts {@code text} into the sentence field as a paste would (one edit, one run). */
    private void setText(String text) {
        clickOn("#maskText");
        fxRun(() -> lookup("#maskText").queryAs(javafx.scene.control.TextField.class).setText(text));
        waitUntil("the text's result", () -> fx(() -> {
            MaskingResult r = vm.resultProperty().get();
            return r != null && vm.isIdle() && r.tokens().encoding().tokens().size() > 5
                    && vm.textProperty().get().equals(text);
        }));
        waitUntil("idle", () -> fx(vm::isIdle));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        waitUntil("idle", () -> fx(vm::isIdle));
    }

    /** Clicks the figure at a point given in figure coordinates. */
    private void clickFigure(double[] figurePoint) {
        MaskingView view = fx(lesson::maskingView);
        Point2D screen = fx(() -> {
            double[] c = view.canvasPoint(figurePoint[0], figurePoint[1]);
            return lookup("#maskCanvas").query().localToScreen(c[0], c[1]);
        });
        clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void walksThroughAllSixStepsWithButtonsArrowKeysAndClicks() {
        typeText("The sky is blue.");
        setText(TEXT);
        Label indicator = lookup("#maskStepIndicator").queryAs(Label.class);
        assertEquals(MaskingStep.TOKENS, step());
        assertEquals("Step 1 of 6", fx(indicator::getText));
        assertTrue(fx(() -> lookup("#maskBack").query().isDisabled()), "no step before the first");

        // step 2: exact 15% of 20 eligible = 3; clicking a token selects it by hand
        clickOn("#maskNext");
        assertEquals(MaskingStep.SELECT, step());
        assertEquals("Step 2 of 6", fx(indicator::getText));
        MaskingResult before = result();
        assertEquals(3, before.corruption().replacements().size());
        int unselected = java.util.stream.IntStream.range(1, 10).filter(p -> !before.corruption().isSelected(p))
                .findFirst().orElseThrow();
        clickFigure(fx(() -> lesson.maskingView().figure().tokenCentre(unselected)));
        waitUntil("the clicked token is selected", () -> result().corruption().isSelected(unselected) && fx(vm::isIdle));
        assertEquals(4, result().corruption().replacements().size());
        assertTrue(result().corruption().settings().byHand());
        clickFigure(fx(() -> lesson.maskingView().figure().tokenCentre(unselected)));
        waitUntil("and unselected again", () -> !result().corruption().isSelected(unselected) && fx(vm::isIdle));

        long seed = fx(() -> vm.seedProperty().get());
        clickOn("#maskRoll");
        waitUntil("a new seed's draw", () -> fx(() -> vm.seedProperty().get()) == seed + 1 && fx(vm::isIdle)
                && result().corruption().settings().seed() == seed + 1);
        assertFalse(result().corruption().settings().byHand(), "Roll again draws the selection again");

        // the arrow keys move between steps when no text field has the keyboard
        clickOn("#maskCanvas");
        push(KeyCode.RIGHT);
        assertEquals(MaskingStep.REPLACE, step());
        push(KeyCode.LEFT);
        assertEquals(MaskingStep.SELECT, step());
        push(KeyCode.RIGHT);

        // step 3: the draws appear one by one
        assertEquals(0, (int) fx(() -> vm.revealedProperty().get()));
        clickOn("#maskDrawNext");
        assertEquals(1, (int) fx(() -> vm.revealedProperty().get()));
        clickOn("#maskDrawAll");
        MaskingResult r = result();
        for (var rep : r.corruption().replacements()) {
            assertTrue(rep.draw() >= rep.fate().low() && rep.draw() < rep.fate().high());
            assertEquals(rep.inputToken(), r.corruption().corruptedTokens().get(rep.position()));
        }

        // step 4: one panel per selected position; a click opens the top 20 in a PopOver
        clickOn("#maskNext");
        assertEquals(MaskingStep.PREDICT, step());
        int first = r.corruption().selected()[0];
        clickFigure(fx(() -> lesson.maskingView().figure().panelCentre(first)));
        waitUntil("the PopOver", () -> fx(() -> lesson.maskingView().popOver() != null && lesson.maskingView().popOver().isShowing()));
        GridPane list = (GridPane) fx(() -> lesson.maskingView().popOver().getContentNode());
        assertEquals(20 * 4, fx(() -> list.getChildren().size()), "20 rows of rank, token, bar, probability");
        assertEquals(r.at(first).top().get(0).token(), fx(() -> ((Label) list.getChildren().get(1)).getText()));
        fxRun(() -> lesson.maskingView().popOver().hide());

        // step 5: the mean loss is the mean of -ln p(original) over the selected positions only
        clickOn("#maskNext");
        assertEquals(MaskingStep.LOSS, step());
        double sum = r.predictions().stream().mapToDouble(PositionPrediction::loss).sum();
        assertEquals(sum / r.predictions().size(), r.meanLoss(), 1e-12);

        // step 6: attention of a selected position; the causal comparison is one click
        clickOn("#maskNext");
        assertEquals(MaskingStep.ATTENTION, step());
        assertTrue(fx(() -> lookup("#maskNext").query().isDisabled()), "no step after the last");
        clickSwitch("#maskCausal");
        assertTrue(fx(() -> vm.causalProperty().get()));
        double withCausal = fx(() -> lesson.maskingView().figure().height());
        clickSwitch("#maskCausal");
        assertTrue(fx(() -> lesson.maskingView().figure().height()) < withCausal, "the mask figure goes away again");
        clickOn("#maskBack");
        assertEquals(MaskingStep.LOSS, step());
    }

    @Test
    void modesSwitchesAndTypedMasks() {
        setText(TEXT);
        clickOn("#maskNext");
        clickOn("#maskModeTraining");
        waitUntil("as in training", () -> result().corruption().settings().mode() == SelectionMode.TRAINING && fx(vm::isIdle));
        assertNotNull(result().corruption().selectionDraws(), "each token's draw is shown");
        for (int p : result().corruption().selected()) {
            assertTrue(result().corruption().selectionDraws()[p] < 0.15);
        }
        clickOn("#maskModeExact");
        clickSwitch("#maskWholeWords");
        waitUntil("whole words", () -> result().corruption().settings().wholeWords() && fx(vm::isIdle));

        setText("Ben had a red xylophone. He gave [MASK] to his sister.");
        assertTrue(result().tokens().hasTypedMasks());
        assertEquals(List.of(result().tokens().typedMasks().get(0)),
                java.util.Arrays.stream(result().corruption().selected()).boxed().toList(), "typed [MASK]s are the selection");
        assertTrue(fx(() -> ((Label) lookup("#maskVocab").query()).getText()).contains("xylophone"),
                "the split word is named: " + fx(() -> ((Label) lookup("#maskVocab").query()).getText()));
    }

    @Test
    void quizHidesTheAnswersUntilRevealAndKeepsAScore() {
        setText(TEXT);
        clickSwitch("#maskQuiz");
        fxRun(() -> vm.stepProperty().set(MaskingStep.PREDICT));
        MaskingResult r = result();
        assertTrue(fx(() -> vm.figureView(800).quiz() && !vm.figureView(800).reveal()));
        // the student types the truth for the first position and a wrong word for the others
        List<PositionPrediction> ps = r.predictions();
        for (int i = 0; i < ps.size(); i++) {
            clickOn("#maskGuess" + ps.get(i).position());
            write(i == 0 ? ps.get(i).replacement().original() : "zzz");
        }
        clickOn("#maskReveal");
        assertTrue(fx(() -> vm.quizRevealedProperty().get()));
        assertEquals(1, (int) fx(() -> vm.scoreRightProperty().get()));
        assertEquals(ps.size(), (int) fx(() -> vm.scoreTotalProperty().get()));
        long modelRight = ps.stream().filter(PositionPrediction::correct).count();
        assertEquals(modelRight, (long) fx(() -> vm.modelRightProperty().get()));
        assertTrue(fx(() -> ((Label) lookup("#maskScore").query()).getText()).startsWith("Score: you 1 of " + ps.size()));
        // a new round keeps the score; Reset starts again
        clickOn("#maskRoll");
        waitUntil("a new round", () -> !fx(() -> vm.quizRevealedProperty().get()) && fx(vm::isIdle));
        assertEquals(ps.size(), (int) fx(() -> vm.scoreTotalProperty().get()));
        clickOn("#maskResetScore");
        assertEquals(0, (int) fx(() -> vm.scoreTotalProperty().get()));
    }

    @Test
    void runOneThousandTimesShowsTheFractionsConverging() {
        setText(TEXT);
        clickOn("#maskNext");
        clickOn("#maskRunMany");
        waitUntil("1,000 runs", () -> {
            List<RunStats> h = fx(() -> vm.runHistoryProperty().get());
            return !h.isEmpty() && h.get(h.size() - 1).runs() == MaskingViewModel.RUNS && !fx(() -> vm.repeatingProperty().get());
        });
        List<RunStats> history = fx(() -> vm.runHistoryProperty().get());
        assertEquals(List.of(10, 30, 100, 300, 1000), history.stream().map(RunStats::runs).toList());
        RunStats last = history.get(history.size() - 1);
        assertEquals(0.15, last.selectedFraction(), 1e-12, "exact mode: 3 of 20 every time");
        assertEquals(3000, last.selected());
        // 3,000 draws: each fraction within 3 percentage points (more than 4 standard errors)
        assertEquals(0.8, last.maskFraction(), 0.03);
        assertEquals(0.1, last.randomFraction(), 0.03);
        assertEquals(0.1, last.keepFraction(), 0.03);
        assertEquals(1.0, fx(() -> vm.runProgressProperty().get()), 1e-9);
    }

    @Test
    void exportsTheCurrentStepAndThePredictions(@TempDir Path dir) throws Exception {
        setText(TEXT);
        fxRun(() -> vm.stepProperty().set(MaskingStep.PREDICT));
        for (FigureExport.Format f : FigureExport.Format.values()) {
            Path out = dir.resolve("out." + f.extension());
            files.saves.add(out);
            clickOn("#maskExport");
            clickOn("#maskExport" + f.name().charAt(0) + f.name().substring(1).toLowerCase());
            waitUntil(f + " written", () -> Files.isRegularFile(out) && Files.size(out) > 0);
        }
        List<String> csv = Files.readAllLines(dir.resolve("out.csv"));
        assertEquals(1 + result().predictions().size(), csv.size());
        assertTrue(csv.get(0).startsWith("position,original,action,input_token,original_prob,original_rank,loss,top1,p1"));
        PositionPrediction p = result().predictions().get(0);
        assertTrue(csv.get(1).startsWith(p.position() + "," + p.replacement().original() + "," + p.replacement().fate().label()));
        assertTrue(Files.readString(dir.resolve("out.svg")).contains("Step 4"));
        assertNotEquals(Fate.values().length, 0);
    }
}
