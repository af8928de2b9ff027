package org.attentionlab.ui.tools;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.ModelCatalog;
import org.attentionlab.service.render.HeadLinesFigure;
import org.attentionlab.service.render.HeatmapFigure;
import org.attentionlab.ui.explorer.AttentionExplorerViewModel;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.explorer.ViewMode;
import org.attentionlab.ui.shell.Theme;

/**
 * Development tool: starts the real app, walks through its views and writes a PNG of the
 * window for each. Run it under Xvfb for the platform's real rendering:
 *
 * <pre>
 *   mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       org.attentionlab.ui.tools.ScreenshotTool target/screenshots
 * </pre>
 *
 * <p>Models come from the test catalog, unless {@code -Dattentionlab.catalog=CLASS} names a
 * {@link ModelCatalog} with a no-argument constructor (the real one, once merged); then the
 * first two models it finds stand in for "BERT" and "GPT-2", in the order discovered.
 */
public final class ScreenshotTool {
    private static AppDriver driver;
    private static AttentionLabApp app;

    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        driver = AppDriver.start();
        app = driver.app;
        settle();

        shoot(out, "01-heatmap-bert");
        if (Boolean.getBoolean("screenshots.debug")) {
            fx(() -> {
                javafx.scene.control.ScrollPane sp = (javafx.scene.control.ScrollPane) app.stage().getScene().lookup(".token-strip-scroll");
                javafx.scene.layout.Region strip = (javafx.scene.layout.Region) sp.getContent();
                System.out.println("scroll h=" + sp.getHeight() + " prefVp=" + sp.getPrefViewportHeight() + " vp=" + sp.getViewportBounds()
                        + " strip h=" + strip.getHeight() + " pref=" + strip.prefHeight(sp.getViewportBounds().getWidth()) + " insets=" + sp.getInsets()
                        + " padding=" + sp.getPadding() + " minH=" + sp.minHeight(-1) + " prefH=" + sp.prefHeight(-1));
            });
        }
        fx(() -> {
            explorer().selectedTokenProperty().set(3);
            explorer().layerProperty().set(1);
            explorer().headProperty().set(2);
        });
        settle();
        hoverHeatmapCell(5, 3);
        settle();
        shoot(out, "02-heatmap-highlight");

        fx(() -> {
            explorer().selectedTokenProperty().set(-1);
            explorer().viewModeProperty().set(ViewMode.HEADS);
            explorer().comparedHeads().add(0);
        });
        settle();
        shoot(out, "03-head-view");
        hoverHeadToken(0, 8);
        settle();
        shoot(out, "03b-head-view-hover");

        fx(() -> explorer().viewModeProperty().set(ViewMode.MODEL));
        settle();
        shoot(out, "04-model-view");

        StringBuilder text = new StringBuilder();
        String[] words = ("Attention lets every token look at every other token and decide how much of each one it "
                + "needs; a head that follows the previous token, a head that finds the same word again and a head "
                + "that rests on the separator all show up as clear patterns in the heatmap").split(" ");
        for (int i = 0; i < 110; i++) {
            text.append(words[i % words.length]).append(' ');
        }
        fx(() -> {
            explorer().comparedHeads().clear();
            explorer().viewModeProperty().set(ViewMode.HEATMAP);
            explorer().textAProperty().set(text.toString().trim());
        });
        waitFor(() -> explorer().getLastRun().trace().input().length() > 100 && explorer().isIdle(), 60);
        settle();
        shoot(out, "05-heatmap-long-input");
        fx(() -> explorer().topKProperty().set(3));
        fx(() -> explorer().viewModeProperty().set(ViewMode.HEADS));
        settle();
        shoot(out, "06-head-view-long-top3");

        fx(() -> {
            explorer().topKProperty().set(0);
            explorer().viewModeProperty().set(ViewMode.HEATMAP);
            explorer().textAProperty().set("The cat sat on the mat because it was tired.");
            explorer().pairModeProperty().set(true);
        });
        waitFor(() -> explorer().isIdle() && explorer().getLastRun().trace().input().length() < 40, 60);
        settle();
        shoot(out, "07-sentence-pair");

        fx(() -> {
            explorer().pairModeProperty().set(false);
            app.mainViewModel().themeProperty().set(Theme.DARK);
        });
        settle();
        shoot(out, "08-dark-theme");
        if (Boolean.getBoolean("screenshots.popups")) {
            fx(() -> ((javafx.scene.control.ComboBox<?>) app.stage().getScene().lookup("#modelPicker")).show());
            settle();
            // a popup is its own window: grab the whole X screen (ImageMagick's import)
            new ProcessBuilder("import", "-window", "root", out.resolve("08b-dark-popup.png").toString())
                    .inheritIO().start().waitFor();
            fx(() -> ((javafx.scene.control.ComboBox<?>) app.stage().getScene().lookup("#modelPicker")).hide());
        }

        fx(() -> app.mainViewModel().presentationProperty().set(true));
        settle();
        shoot(out, "09-presentation-dark");
        fx(() -> app.mainViewModel().themeProperty().set(Theme.LIGHT));
        settle();
        shoot(out, "10-presentation-light");
        fx(() -> app.mainViewModel().presentationProperty().set(false));

        ModelRef second = app.mainViewModel().models().size() > 1 ? app.mainViewModel().models().get(1) : null;
        if (second != null) {
            fx(() -> app.mainViewModel().pickedProperty().set(second));
            waitFor(() -> app.host().current() != null && app.host().current().ref().equals(second)
                    && explorer().getLastRun() != null && explorer().getLastRun().model().name().equals(second.name())
                    && explorer().isIdle(), 120);
            settle();
            shoot(out, "11-heatmap-second-model");
        }

        Path broken = Files.createTempDirectory("not-a-model");
        fx(() -> app.mainViewModel().openFolder(broken));
        waitFor(() -> Window.getWindows().size() > 1, 30);
        settle();
        for (Window w : fxGet(() -> java.util.List.copyOf(Window.getWindows()))) {
            if (w != app.stage()) {
                write(fxGet(() -> w.getScene().snapshot(null)), out.resolve("12-error-dialog.png"));
            }
        }
        shoot(out, "13-after-error");
        System.out.println("screenshots in " + out.toAbsolutePath());
        Platform.exit();
        System.exit(0);
    }

    private static void dump(javafx.scene.Node n, String indent) {
        System.out.println(indent + n.getClass().getSimpleName() + " " + n.getStyleClass() + " " + n.getBoundsInParent()
                + " visible=" + n.isVisible() + " managed=" + n.isManaged());
        if (n instanceof javafx.scene.Parent p && indent.length() < 6) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
                dump(c, indent + "  ");
            }
        }
    }

    private static AttentionExplorerViewModel explorer() {
        return driver.explorer();
    }

    private static void shoot(Path dir, String name) throws Exception {
        Scene scene = app.stage().getScene();
        write(fxGet(() -> scene.snapshot(null)), dir.resolve(name + ".png"));
        System.out.println("wrote " + name);
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
        javafx.geometry.Point2D scene = c.localToScene(x, y);
        javafx.geometry.Point2D screen = c.localToScreen(x, y);
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
