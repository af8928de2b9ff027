package org.attentionlab.ui.tools;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.service.ModelRef;
import org.attentionlab.figure.HeadLinesFigure;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.ui.explorer.AttentionExplorerViewModel;
import org.attentionlab.ui.explorer.ViewMode;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.shell.Theme;
import org.attentionlab.ui.testkit.BrokenFolder;

/**
 * Development tool: starts the real app on the real engine, walks through its views and writes
 * a PNG of the window for each. Run it under Xvfb for the platform's real rendering:
 *
 * <pre>
 *   mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   CP=target/test-classes:target/classes:$(cat target/cp.txt)
 *   java -cp $CP org.attentionlab.ui.testkit.TestModels target/ui-models    # when sample-models/ is empty
 *   HF_HUB_CACHE=target/ui-models/hf-cache xvfb-run -s "-screen 0 1400x900x24" java -cp $CP \
 *       -Dattentionlab.samples=target/ui-models/samples org.attentionlab.ui.tools.ScreenshotTool target/screenshots
 * </pre>
 *
 * <p>By default it shows the shipped sample models: tiny-bert (listed first) for the BERT views
 * and the long input, tiny-gpt for the causal view. {@code -Dscreenshots.gpt2=NAME} names another
 * GPT-2 and {@code -Dscreenshots.long=NAME} another model with at least 128 positions (for the test
 * models: {@code gpt2} and {@code attention-lab/bert-256}).
 */
public final class ScreenshotTool {
    // Texts in the shipped sample models' language (lower case, punctuation as words), so the
    // screenshots show what a trained model does with sentences it can read.
    private static final String SENTENCE = "the girl found a red ball in the park . she gave it to the boy .";
    private static final String SENTENCE_B = "it was red and the boy was very happy .";
    private static final String GPT_TEXT = "one day , emma went to the lake . she found a small fish and she";
    private static final String LONG_TEXT = "once upon a time there was a girl . when ben saw her , he smiled . "
            + "he was happy and thanked the girl . she sat in the river . the girl liked a sweet carrot because it was sweet . "
            + "she was very calm . tom lived in a city near the garden . he found a tall puppy in the garden . "
            + "tom played in the garden . he helped it . the puppy was very tall . he liked the puppy because it was tall . "
            + "tom hopped in the field . tom was very happy . one day , emma went to the house . she hugged a big fish . "
            + "emma called it .";

    private static AppDriver driver;
    private static AttentionLabApp app;

    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        driver = AppDriver.start();
        app = driver.app;
        // -Dscreenshots.size=1024x768: the window's size (run Xvfb at the same size, so that
        // presentation mode, which is full screen, shows the same area).
        String size = System.getProperty("screenshots.size", "1280x800");
        double width = Double.parseDouble(size.substring(0, size.indexOf('x')));
        double height = Double.parseDouble(size.substring(size.indexOf('x') + 1));
        fx(() -> {
            app.stage().setWidth(width);
            app.stage().setHeight(height);
        });
        settle();
        String gpt2 = System.getProperty("screenshots.gpt2", "tiny-gpt");
        String longModel = System.getProperty("screenshots.long", "tiny-bert");

        setText(SENTENCE, null);
        fx(() -> {
            explorer().layerProperty().set(1);
            explorer().headProperty().set(2);
            explorer().selectedTokenProperty().set(3);
        });
        settle();
        hoverHeatmapCell(6, 3);
        settle();
        shoot(out, "heatmap");

        leaveFigure();
        fx(() -> {
            explorer().selectedTokenProperty().set(-1);
            explorer().viewModeProperty().set(ViewMode.HEADS);
            explorer().comparedHeads().add(0);
        });
        settle();
        shoot(out, "head-view");
        hoverHeadToken(0, 2);
        settle();
        shoot(out, "head-view-hover");

        leaveFigure();
        fx(() -> {
            explorer().comparedHeads().clear();
            explorer().viewModeProperty().set(ViewMode.MODEL);
        });
        settle();
        shoot(out, "model-view");

        fx(() -> {
            explorer().viewModeProperty().set(ViewMode.HEATMAP);
            explorer().textBProperty().set(SENTENCE_B);
            explorer().pairModeProperty().set(true);
        });
        waitFor(() -> explorer().isIdle() && explorer().getLastRun().textB() != null, 60);
        settle();
        shoot(out, "sentence-pair");

        fx(() -> {
            explorer().pairModeProperty().set(false);
            app.mainViewModel().themeProperty().set(Theme.DARK);
        });
        waitFor(() -> explorer().isIdle() && explorer().getLastRun().textB() == null, 60);
        settle();
        shoot(out, "dark-theme");
        if (Boolean.getBoolean("screenshots.popups")) {
            fx(() -> ((javafx.scene.control.ComboBox<?>) app.stage().getScene().lookup("#modelPicker")).show());
            settle();
            // a popup is its own window: grab the whole X screen (ImageMagick's import)
            new ProcessBuilder("import", "-window", "root", out.resolve("model-picker-popup.png").toString())
                    .inheritIO().start().waitFor();
            fx(() -> ((javafx.scene.control.ComboBox<?>) app.stage().getScene().lookup("#modelPicker")).hide());
        }

        fx(() -> app.mainViewModel().presentationProperty().set(true));
        settle();
        shoot(out, "presentation-dark");
        fx(() -> app.mainViewModel().themeProperty().set(Theme.LIGHT));
        settle();
        shoot(out, "presentation-light");
        fx(() -> app.mainViewModel().presentationProperty().set(false));

        pick(gpt2);
        setText(GPT_TEXT, null);
        fx(() -> {
            explorer().layerProperty().set(1);
            explorer().headProperty().set(1);
        });
        settle();
        shoot(out, "gpt2-causal");

        pick(longModel);
        setText(LONG_TEXT, null);
        settle();
        int tokens = fxGet(() -> explorer().getLastRun().trace().input().length());
        shoot(out, "long-input-" + tokens + "-tokens");
        fx(() -> {
            explorer().topKProperty().set(3);
            explorer().zoomProperty().set(1.6);
            explorer().selectedTokenProperty().set(40);
        });
        settle();
        scrollFigureTo(0.3, 0.3);
        settle();
        hoverHeatmapCell(48, 44);
        settle();
        shoot(out, "long-input-zoom-top3");
        leaveFigure();
        fx(() -> explorer().viewModeProperty().set(ViewMode.HEADS));
        settle();
        scrollFigureTo(0, 0.25);
        settle();
        shoot(out, "long-input-head-view-top3");

        Path broken = BrokenFolder.TRUNCATED_WEIGHTS.create(Files.createTempDirectory("screenshots"));
        fx(() -> app.mainViewModel().openFolder(broken));
        waitFor(() -> Window.getWindows().size() > 1, 30);
        settle();
        for (Window w : fxGet(() -> List.copyOf(Window.getWindows()))) {
            if (w != app.stage()) {
                write(fxGet(() -> w.getScene().snapshot(null)), out.resolve("error-dialog.png"));
            }
        }
        System.out.println("screenshots in " + out.toAbsolutePath());
        Platform.exit();
        System.exit(0);
    }

    private static AttentionExplorerViewModel explorer() {
        return driver.explorer();
    }

    /** Picks the model listed as {@code name} and waits until it has run. */
    private static void pick(String name) throws Exception {
        driver.waitFor(() -> app.mainViewModel().models().stream().anyMatch(r -> r.name().equals(name)), 30);
        ModelRef ref = fxGet(() -> app.mainViewModel().models().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow());
        fx(() -> app.mainViewModel().pickedProperty().set(ref));
        waitFor(() -> app.host().current() != null && app.host().current().ref().equals(ref)
                && explorer().getLastRun() != null && explorer().getLastRun().model().name().equals(name)
                && explorer().isIdle(), 300);
        settle();
    }

    private static void setText(String a, String b) throws Exception {
        fx(() -> {
            explorer().textAProperty().set(a);
            if (b != null) {
                explorer().textBProperty().set(b);
            }
        });
        waitFor(() -> explorer().isIdle() && explorer().getLastRun() != null && a.equals(explorer().getLastRun().textA()), 60);
        settle();
    }

    private static void shoot(Path dir, String name) throws Exception {
        Scene scene = app.stage().getScene();
        write(fxGet(() -> scene.snapshot(null)), dir.resolve(name + ".png"));
        System.out.println("wrote " + name);
    }

    private static void scrollFigureTo(double h, double v) throws Exception {
        fx(() -> {
            ScrollPane sp = (ScrollPane) app.stage().getScene().lookup("#figureScroll");
            sp.setHvalue(h);
            sp.setVvalue(v);
        });
    }

    /** The pointer leaves the figure. */
    private static void leaveFigure() throws Exception {
        fx(() -> {
            FigureCanvas c = driver.explorerLesson().controller().figureCanvas();
            c.fireEvent(new MouseEvent(MouseEvent.MOUSE_EXITED, -5, -5, -5, -5, MouseButton.NONE, 0,
                    false, false, false, false, false, false, false, true, false, true, null));
        });
    }

    /** Moves the pointer over cell (row, col) of the heatmap shown. */
    private static void hoverHeatmapCell(int row, int col) throws Exception {
        fx(() -> {
            FigureCanvas c = driver.explorerLesson().controller().figureCanvas();
            HeatmapFigure f = (HeatmapFigure) c.getFigure();
            double cell = f.options().cellSize();
            move(c, f.gridX() + (col + 0.5) * cell + c.snappedLeftInset(), f.gridY() + (row + 0.5) * cell + c.snappedTopInset());
        });
    }

    /** Moves the pointer over token {@code index} of the head view's left (side 0) or right column. */
    private static void hoverHeadToken(int side, int index) throws Exception {
        fx(() -> {
            FigureCanvas c = driver.explorerLesson().controller().figureCanvas();
            HeadLinesFigure f = (HeadLinesFigure) c.getFigure();
            for (double x = 0; x < f.width(); x += 2) {
                for (double y = 0; y < f.height(); y += 2) {
                    HeadLinesFigure.Hit h = f.hit(x, y);
                    if (h != null && h.side() == side && h.index() == index) {
                        move(c, x + c.snappedLeftInset(), y + c.snappedTopInset());
                        return;
                    }
                }
            }
        });
    }

    /** Fires a pointer move at (x, y) in the canvas's coordinates (a fired event carries scene coordinates). */
    private static void move(FigureCanvas c, double x, double y) {
        Point2D scene = c.localToScene(x, y);
        Point2D screen = c.localToScreen(x, y);
        c.fireEvent(new MouseEvent(MouseEvent.MOUSE_MOVED, scene.getX(), scene.getY(), screen.getX(), screen.getY(), MouseButton.NONE, 0,
                false, false, false, false, false, false, false, true, false, true, null));
    }

    static void write(WritableImage img, Path file) throws Exception {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader px = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        ImageIO.write(out, "png", file.toFile());
    }

    private static void settle() throws Exception {
        driver.settle();
    }

    private static void fx(Runnable r) throws Exception {
        driver.fx(r);
    }

    private static <T> T fxGet(Supplier<T> s) throws Exception {
        return driver.fxGet(s);
    }

    private static void waitFor(Supplier<Boolean> condition, int seconds) throws Exception {
        driver.waitFor(condition, seconds);
    }
}
