package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.attentionlab.app.CatalogModelSource;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.service.ModelRef;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.ui.explorer.AttentionExplorerLesson;
import org.attentionlab.ui.explorer.AttentionExplorerViewModel;
import org.attentionlab.service.explorer.ExplorerRun;
import org.attentionlab.ui.testkit.Fx;
import org.attentionlab.ui.testkit.InstrumentedModelSource;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Starts the real app before each test, on the real engine: the app's {@link CatalogModelSource}
 * over the pipeline BERT and GPT-2 and a seq2seq model as samples, and a HuggingFace cache
 * holding a 256-position BERT ({@link TestModels}). The first sample the window can open (BERT)
 * loads at start-up, as in the shipped app.
 */
abstract class AppTestBase extends FxRobot {
    protected static final String BERT = "bert";
    protected static final String GPT2 = "gpt2";

    private static Path models;
    protected static Path hfCache;
    /** Samples besides the pipeline's: a seq2seq model (no lesson of this build shows it). */
    protected static Path moreSamples;

    protected InstrumentedModelSource catalog;
    protected ScriptedFileDialogs files;
    protected AttentionLabApp app;

    @BeforeAll
    static void writeModels() throws IOException {
        models = Files.createTempDirectory("attention-lab-ui-test");
        hfCache = TestModels.writeHfCache(models.resolve("hf-cache"));
        moreSamples = models.resolve("samples");
        TestModels.copySeq2SeqSample(moreSamples);
    }

    @AfterAll
    static void deleteModels() throws IOException {
        try (Stream<Path> all = Files.walk(models)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @BeforeEach
    void startApp() throws Exception {
        FxToolkit.registerPrimaryStage();
        catalog = new InstrumentedModelSource(new CatalogModelSource(TestModels.catalog(hfCache, moreSamples)));
        files = new ScriptedFileDialogs();
        app = (AttentionLabApp) FxToolkit.setupApplication(
                () -> new AttentionLabApp(new AttentionLabApp.Config(catalog, files, true)));
        waitUntil("the first model is loaded and has run", () -> explorer().getLastRun() != null && explorer().isIdle());
        assertEquals(BERT, app.host().current().ref().name(), "the first sample loads at start-up");
    }

    @AfterEach
    void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    protected AttentionExplorerLesson explorerLesson() {
        return (AttentionExplorerLesson) app.lesson("explorer");
    }

    protected AttentionExplorerViewModel explorer() {
        return explorerLesson().viewModel();
    }

    /** The model the picker lists under {@code name}. */
    protected ModelRef model(String name) {
        waitUntil("the picker to list " + name,
                () -> fx(() -> app.mainViewModel().models().stream().anyMatch(r -> r.name().equals(name))));
        return fx(() -> app.mainViewModel().models().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    /** Picks {@code name} in the model picker and waits until it has loaded and run. */
    protected ModelRef pick(String name) {
        ModelRef ref = model(name);
        fxRun(() -> app.mainViewModel().pickedProperty().set(ref));
        waitUntil(name + " to load and run", () -> app.host().current() != null && app.host().current().ref().equals(ref)
                && explorer().getLastRun() != null && explorer().getLastRun().model().name().equals(ref.name())
                && explorer().isIdle());
        return ref;
    }

    /** Replaces the text in the first text field by typing it. */
    protected void typeText(String text) {
        clickOn("#textA");
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
    }

    /** Waits until the explorer has run on exactly {@code tokens} and is idle. */
    protected ExplorerRun waitForRunOf(List<String> tokens) {
        waitUntil("a run over " + tokens, () -> {
            ExplorerRun r = explorer().getLastRun();
            return r != null && r.trace().input().tokens().equals(tokens) && explorer().isIdle();
        });
        WaitForAsyncUtilsBridge.settle();
        return explorer().getLastRun();
    }

    /** The map the explorer shows now. */
    protected AttentionMatrix shown() {
        return fx(() -> explorer().getMatrix());
    }

    protected static void waitUntil(String what, Callable<Boolean> condition) {
        Fx.waitUntil(what, condition);
    }

    /** Runs on the FX thread and returns the result. */
    protected static <T> T fx(Supplier<T> s) {
        return Fx.fx(s);
    }

    protected static void fxRun(Runnable r) {
        Fx.fxRun(r);
    }

    protected <T extends Node> T node(String query) {
        return lookup(query).query();
    }
}
