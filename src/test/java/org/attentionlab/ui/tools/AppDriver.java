package org.attentionlab.ui.tools;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.attentionlab.app.CatalogModelSource;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.ui.ModelSource;
import org.attentionlab.ui.explorer.AttentionExplorerLesson;
import org.attentionlab.ui.explorer.AttentionExplorerViewModel;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;

/**
 * Starts the real app from a plain main method (for the screenshot tool and the benchmark) and
 * runs code on its FX thread. Models come from the app's own catalog: sample models (or the
 * folder given with {@code -Dattentionlab.samples=DIR}) and the HuggingFace cache
 * ({@code HF_HUB_CACHE}); {@code TestModels DIR} writes a set to use when no samples exist.
 */
final class AppDriver {
    final AttentionLabApp app;

    private AppDriver(AttentionLabApp app) {
        this.app = app;
    }

    static AppDriver start() throws Exception {
        ModelSource catalog = catalog();
        CompletableFuture<AttentionLabApp> started = new CompletableFuture<>();
        AttentionLabApp.quietUnnamedModuleWarning();
        Platform.startup(() -> {
            try {
                AttentionLabApp a = new AttentionLabApp(new AttentionLabApp.Config(catalog, new ScriptedFileDialogs(), true));
                a.init();
                a.start(new Stage());
                started.complete(a);
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        AppDriver d = new AppDriver(started.get(60, TimeUnit.SECONDS));
        d.waitFor(() -> d.explorer().getLastRun() != null, 300);
        return d;
    }

    static ModelSource catalog() {
        return new CatalogModelSource(org.attentionlab.service.ModelCatalog.system());
    }

    AttentionExplorerLesson explorerLesson() {
        return (AttentionExplorerLesson) app.lesson("explorer");
    }

    AttentionExplorerViewModel explorer() {
        return explorerLesson().viewModel();
    }

    void fx(Runnable r) throws Exception {
        fxGet(() -> {
            r.run();
            return null;
        });
    }

    <T> T fxGet(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    void waitFor(Supplier<Boolean> condition, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (fxGet(condition)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out after " + seconds + " s");
    }

    void settle() throws Exception {
        Thread.sleep(400);
        fx(() -> { });
        Thread.sleep(200);
    }

    void exit() {
        Platform.exit();
        System.exit(0);
    }
}
