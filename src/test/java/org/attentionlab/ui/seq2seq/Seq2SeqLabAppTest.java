package org.attentionlab.ui.seq2seq;

import static org.attentionlab.ui.testkit.Fx.fx;
import static org.attentionlab.ui.testkit.Fx.fxRun;
import static org.attentionlab.ui.testkit.Fx.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.app.CatalogModelSource;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.domain.Translation;
import org.attentionlab.figure.seq2seq.AlignmentFigure;
import org.attentionlab.figure.seq2seq.BeamTreeFigure;
import org.attentionlab.figure.seq2seq.BottleneckFigure;
import org.attentionlab.figure.seq2seq.DecoderStepFigure;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Seq2SeqSession;
import org.attentionlab.service.seq2seq.Seq2SeqService;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seq2seq lab in the real app on the shipped translators: step-through (buttons and arrow
 * keys), the three score functions side by side, forcing, beam width, the bottleneck chart over
 * the test file the model folder ships, and the dates model refusing a year it never learned.
 * Every number checked here comes from the service run on its own (the service's numbers are
 * checked against the PyTorch reference in the engine's golden tests).
 */
class Seq2SeqLabAppTest extends FxRobot {
    private static final String SENTENCE = "the queen touched the bird in the city";
    private Path samples;
    private AttentionLabApp app;
    @TempDir
    Path root;

    @BeforeEach
    void startApp() throws Exception {
        samples = root.resolve("samples");
        for (String name : List.of("seq2seq-bilinear", "seq2seq-dates")) {
            copy(Path.of("sample-models", name), samples.resolve(name));
        }
        Files.copy(Path.of("src/test/resources/seq2seq/translate-test.tsv"), samples.resolve("seq2seq-bilinear/test.tsv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path hfCache = TestModels.writeHfCache(root.resolve("hf-cache"));
        FxToolkit.registerPrimaryStage();
        app = (AttentionLabApp) FxToolkit.setupApplication(() -> new AttentionLabApp(new AttentionLabApp.Config(
                new CatalogModelSource(TestModels.catalog(hfCache, samples)), new ScriptedFileDialogs(), true)));
        waitUntil("a model is loaded", () -> app.host().current() != null);
    }

    @AfterEach
    void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Seq2SeqLesson lesson() {
        return (Seq2SeqLesson) app.lesson("seq2seq");
    }

    private Seq2SeqViewModel vm() {
        return lesson().viewModel();
    }

    private void pick(String name) {
        waitUntil("the picker to list " + name, () -> fx(() -> app.mainViewModel().models().stream().anyMatch(r -> r.name().equals(name))));
        ModelRef ref = fx(() -> app.mainViewModel().models().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
        fxRun(() -> app.mainViewModel().pickedProperty().set(ref));
        waitUntil(name + " to load", () -> app.host().current() != null && app.host().current().ref().equals(ref));
        fxRun(() -> app.mainViewModel().showLesson("seq2seq"));
        waitUntil("the lesson to run on " + name, () -> fx(() -> vm().factsProperty().get() != null
                && vm().factsProperty().get().model().equals(name) && vm().runProperty().get() != null && vm().isIdle()));
    }

    private Seq2SeqViewModel.Run runOf(String text) {
        fxRun(() -> vm().textProperty().set(text));
        waitUntil("a run of '" + text + "'", () -> fx(() -> vm().isIdle() && vm().runProperty().get() != null
                && vm().runProperty().get().text().equals(text)));
        return fx(() -> vm().runProperty().get());
    }

    /** The same translation computed by the service on a model opened here, outside the app. */
    private static Translation direct(String model, String text, String prefix) {
        try (Seq2SeqSession s = ModelSessions.openSeq2seq(new ModelRef(model, Path.of("sample-models", model), ModelRef.Origin.FOLDER))) {
            return new Seq2SeqService().decodeWithPrefix(s, text, prefix, null);
        }
    }

    private void selectTab(int index) {
        fxRun(() -> lookup("#tabs").queryAs(TabPane.class).getSelectionModel().select(index));
    }

    @Test
    void stepThroughShowsEveryStepWithButtonsAndArrowKeys() {
        pick("seq2seq-bilinear");
        Seq2SeqViewModel.Run run = runOf(SENTENCE);
        Translation ref = direct("seq2seq-bilinear", SENTENCE, null);
        Translation shown = run.shown().translation();
        assertEquals(ref.outputTokens(), shown.outputTokens());
        FigureCanvas stepCanvas = lookup("#stepCanvas").queryAs(FigureCanvas.class);
        Label stepLabel = lookup("#stepLabel").queryAs(Label.class);
        assertEquals("Step 1 of " + ref.steps(), fx(stepLabel::getText));
        assertInstanceOf(DecoderStepFigure.class, fx(stepCanvas::getFigure));

        clickOn("#nextButton");
        clickOn("#nextButton");
        assertEquals(2, fx(() -> vm().stepProperty().get()));
        assertEquals("Step 3 of " + ref.steps(), fx(stepLabel::getText));
        // the source word in focus is the step's argmax, and its score taken apart adds up to the shown score
        float[] row = ref.alignment()[2];
        int argmax = 0;
        for (int k = 1; k < row.length; k++) {
            argmax = row[k] > row[argmax] ? k : argmax;
        }
        assertEquals(argmax, fx(() -> vm().sourcePositionProperty().get()));
        var parts = fx(() -> vm().currentBreakdown());
        assertEquals(ref.scores()[2][argmax], parts.score(), 1e-3 * Math.max(1, Math.abs(parts.score())));

        clickOn("#backButton");
        assertEquals(1, fx(() -> vm().stepProperty().get()));
        clickOn("#stepCanvas");
        type(KeyCode.RIGHT);
        type(KeyCode.RIGHT);
        assertEquals(3, fx(() -> vm().stepProperty().get()));
        type(KeyCode.LEFT);
        assertEquals(2, fx(() -> vm().stepProperty().get()));
        int before = fx(() -> vm().sourcePositionProperty().get());
        type(KeyCode.DOWN);
        assertEquals((before + 1) % ref.sourceTokens().size(), fx(() -> vm().sourcePositionProperty().get()));
        for (int i = 0; i < ref.steps() + 3; i++) {
            type(KeyCode.RIGHT);
        }
        assertEquals(ref.steps() - 1, fx(() -> vm().stepProperty().get()), "Next stops at the last step");
        assertTrue(fx(() -> lookup("#nextButton").query().isDisabled()));
    }

    @Test
    void theThreeScoreFunctionsTranslateTheSameSentenceSideBySide() {
        pick("seq2seq-bilinear");
        runOf(SENTENCE);
        selectTab(1);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> ids = List.of("#compareDot", "#compareBilinear", "#compareMlp");
        List<String> models = List.of("seq2seq-dot", "seq2seq-bilinear", "seq2seq-mlp");
        List<Translation> compared = fx(() -> vm().runProperty().get().compared());
        assertEquals(3, compared.size());
        for (int i = 0; i < 3; i++) {
            Translation ref = direct(models.get(i), SENTENCE, null);
            assertEquals(ref.scoreFunction(), compared.get(i).scoreFunction());
            assertEquals(ref.outputTokens(), compared.get(i).outputTokens());
            FigureCanvas c = lookup(ids.get(i)).queryAs(FigureCanvas.class);
            assertInstanceOf(AlignmentFigure.class, fx(c::getFigure), ids.get(i) + " shows an alignment matrix");
        }
    }

    @Test
    void forcingAWrongWordChangesWhatFollowsAndFullForcingGivesTheRightPreviousWords() {
        pick("seq2seq-bilinear");
        runOf(SENTENCE);
        selectTab(2);
        clickOn("#forceField");
        write("lo daro na");
        waitUntil("the forced run", () -> fx(() -> vm().isIdle() && vm().runProperty().get() != null
                && "lo daro na".equals(vm().runProperty().get().prefix())));
        Seq2SeqViewModel.Run run = fx(() -> vm().runProperty().get());
        Translation forced = run.forced().translation();
        Translation ref = direct("seq2seq-bilinear", SENTENCE, "lo daro na");
        assertEquals(ref.outputTokens(), forced.outputTokens());
        assertEquals(3, forced.forcedSteps());
        assertEquals(List.of("lo", "daro", "na"), forced.outputTokens().subList(0, 3));
        assertEquals("na", forced.outputTokens().get(2));
        for (int t = 1; t < forced.steps(); t++) {
            assertEquals(forced.outputIds()[t - 1], forced.decoderInputIds()[t], "each step reads the previous (forced) word");
        }
        assertFalse(fx(() -> ((Label) lookup("#forceNote").query()).getText()).isEmpty());
        assertInstanceOf(AlignmentFigure.class, fx(() -> lookup("#forcedCanvas").queryAs(FigureCanvas.class).getFigure()));
    }

    @Test
    void theBeamWidthSliderRedrawsTheTreeAndWidthOneIsGreedy() {
        pick("seq2seq-bilinear");
        runOf(SENTENCE);
        selectTab(3);
        fxRun(() -> lookup("#beamSlider").queryAs(Slider.class).setValue(1));
        waitUntil("width 1", () -> fx(() -> vm().isIdle() && vm().runProperty().get().beamWidth() == 1));
        Seq2SeqViewModel.Run one = fx(() -> vm().runProperty().get());
        assertEquals(one.free().translation().outputTokens(), one.beam().best().words(), "width 1 is greedy decoding");
        fxRun(() -> lookup("#beamSlider").queryAs(Slider.class).setValue(5));
        waitUntil("width 5", () -> fx(() -> vm().isIdle() && vm().runProperty().get().beamWidth() == 5));
        Seq2SeqViewModel.Run five = fx(() -> vm().runProperty().get());
        assertEquals(5, five.beam().width());
        assertTrue(five.beam().steps().get(1).size() > 5, "pruned candidates are drawn too");
        assertInstanceOf(BeamTreeFigure.class, fx(() -> lookup("#beamCanvas").queryAs(FigureCanvas.class).getFigure()));
    }

    @Test
    void theBottleneckChartMeasuresTheShippedTestFileAndCanBeCancelled() throws Exception {
        pick("seq2seq-bilinear");
        selectTab(4);
        clickOn("#measureButton");
        waitUntil("the measurement", () -> fx(() -> vm().bottleneckProperty().get() != null));
        List<LengthAccuracy> curves = fx(() -> vm().bottleneckProperty().get());
        List<TestSentence> sentences = new Seq2SeqService().readTestFile(samples.resolve("seq2seq-bilinear/test.tsv"));
        assertTrue(curves.size() >= 1);
        LengthAccuracy own = curves.stream().filter(c -> c.model().equals("seq2seq-bilinear")).findFirst().orElseThrow();
        assertEquals(sentences.size(), own.sentences());
        // exact match counted here, sentence by sentence, with the service's greedy translation
        int exact = 0;
        for (TestSentence s : sentences) {
            Translation t = direct("seq2seq-bilinear", s.sourceText(), null);
            exact += t.outputText().equals(s.targetText()) && t.endedWithEos() ? 1 : 0;
        }
        assertEquals(exact / (double) sentences.size(), own.exactMatch(), 1e-12);
        assertInstanceOf(BottleneckFigure.class, fx(() -> lookup("#bottleneckCanvas").queryAs(FigureCanvas.class).getFigure()));

        fxRun(() -> vm().measureBottleneck());
        fxRun(() -> vm().cancelBottleneck());
        waitUntil("the cancelled run to stop", () -> fx(() -> vm().isIdle()));
        assertFalse(fx(() -> vm().bottleneckRunningProperty().get()));
    }

    @Test
    void theDatesModelRefusesAYearItNeverLearned() {
        pick("seq2seq-dates");
        Seq2SeqViewModel.Run run = runOf("the twenty third of december nineteen fifty one");
        assertEquals("1951 - 12 - 23", run.free().translation().outputText());
        fxRun(() -> vm().textProperty().set("the third of may eighteen fifty"));
        waitUntil("the refusal", () -> fx(() -> vm().problemProperty().get().contains("1850")));
        assertTrue(fx(() -> ((Label) lookup("#problem").query()).getText()).contains("1950"));
        assertNull(fx(() -> vm().runProperty().get().text().equals("the third of may eighteen fifty") ? "ran" : null));
    }
}
