package org.attentionlab.ui.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.app.LessonRegistry;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;

/**
 * Development tool: starts the app as {@code --lesson ID --model M --text T} does, and writes a
 * PNG of the window; then loads a seq2seq sample and writes the window again, and the model
 * picker's list. Run under Xvfb:
 *
 * <pre>
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp $CP org.attentionlab.ui.tools.LessonShot OUT_DIR explorer tiny-gpt "the cat sat"
 * </pre>
 */
public final class LessonShot {
    private LessonShot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        String lesson = args[1];
        String model = args[2];
        String text = args[3];
        CompletableFuture<AttentionLabApp> started = new CompletableFuture<>();
        AttentionLabApp.quietUnnamedModuleWarning();
        Platform.startup(() -> {
            try {
                AttentionLabApp a = new AttentionLabApp(new AttentionLabApp.Config(AppDriver.catalog(), new ScriptedFileDialogs(),
                        false, lesson, model, text, LessonRegistry.builtIn()));
                a.init();
                a.start(new Stage());
                started.complete(a);
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        AttentionLabApp app = started.get(60, TimeUnit.SECONDS);
        waitFor(() -> app.host().current() != null && app.host().current().ref().name().equals(model), 120);
        Thread.sleep(4000);
        shoot(app, out.resolve("lesson-" + lesson + ".png"));

        fx(() -> app.mainViewModel().loadByName("seq2seq-dates"));
        waitFor(() -> app.host().current().info().kind() == ModelKind.SEQ2SEQ, 60);
        Thread.sleep(1500);
        shoot(app, out.resolve("seq2seq-loaded.png"));

        fx(() -> ((ComboBox<?>) app.stage().getScene().lookup("#modelPicker")).show());
        Thread.sleep(1500);
        // the list is in the popup's own window: draw its node
        ScreenshotTool.write(fxGet(() -> {
            var combo = (ComboBox<?>) app.stage().getScene().lookup("#modelPicker");
            var list = ((javafx.scene.control.skin.ComboBoxListViewSkin<?>) combo.getSkin()).getPopupContent();
            return list.snapshot(null, null);
        }), out.resolve("picker-list.png"));
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(AttentionLabApp app, Path file) throws Exception {
        ScreenshotTool.write(fxGet(() -> app.stage().getScene().snapshot(null)), file);
        System.out.println("wrote " + file);
    }

    private static void fx(Runnable r) throws Exception {
        fxGet(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T fxGet(Supplier<T> s) throws Exception {
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

    private static void waitFor(Supplier<Boolean> condition, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!fxGet(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(100);
        }
    }
}
