package org.attentionlab.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.ui.explorer.AttentionExplorerLesson;
import org.attentionlab.ui.explorer.AttentionExplorerViewModel;
import org.attentionlab.ui.explorer.ExplorerRun;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;
import org.attentionlab.ui.testkit.SeededModelSession;
import org.attentionlab.ui.testkit.TestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real app with the test catalog before each test and closes it after. */
abstract class AppTestBase extends FxRobot {
    protected TestCatalog catalog;
    protected ScriptedFileDialogs files;
    protected AttentionLabApp app;

    @BeforeEach
    void startApp() throws Exception {
        FxToolkit.registerPrimaryStage();
        catalog = new TestCatalog();
        files = new ScriptedFileDialogs();
        app = (AttentionLabApp) FxToolkit.setupApplication(
                () -> new AttentionLabApp(new AttentionLabApp.Config(catalog, files, true)));
        waitUntil("the first model is loaded and has run", () -> explorer().getLastRun() != null);
    }

    @AfterEach
    void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    protected AttentionExplorerLesson explorerLesson() {
        return (AttentionExplorerLesson) app.lessons().get(0);
    }

    protected AttentionExplorerViewModel explorer() {
        return explorerLesson().viewModel();
    }

    /** The session currently loaded (the last one the catalog opened). */
    protected SeededModelSession session() {
        return catalog.opened.get(catalog.opened.size() - 1);
    }

    /** What the engine computes for the encoding the explorer last ran, straight from the session. */
    protected ForwardTrace engineTrace() {
        Encoding enc = explorer().getLastRun().trace().input();
        return session().run(enc, java.util.EnumSet.of(TraceItem.ATTENTIONS));
    }

    /** Waits until the explorer has run on exactly {@code tokens}. */
    protected ExplorerRun waitForRunOf(java.util.List<String> tokens) {
        waitUntil("a run over " + tokens, () -> {
            ExplorerRun r = explorer().getLastRun();
            return r != null && r.trace().input().tokens().equals(tokens) && explorer().isIdle();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return explorer().getLastRun();
    }

    protected static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs on the FX thread and returns the result. */
    protected static <T> T fx(Supplier<T> s) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(s::get));
    }

    protected static void fxRun(Runnable r) {
        WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(r));
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected <T extends Node> T node(String query) {
        return lookup(query).query();
    }
}
