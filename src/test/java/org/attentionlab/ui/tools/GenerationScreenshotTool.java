package org.attentionlab.ui.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.generation.GenerationLesson;
import org.attentionlab.ui.generation.GenerationView;
import org.attentionlab.ui.generation.GenerationViewModel;
import org.attentionlab.ui.shell.Theme;

/**
 * Development tool: the generation lab in the real app on tiny-gpt (or {@code -Dscreenshots.gpt2=NAME}),
 * a PNG of the window for each part, in light, dark and presentation mode:
 *
 * <pre>
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp $CP org.attentionlab.ui.tools.GenerationScreenshotTool docs/screenshots
 * </pre>
 */
public final class GenerationScreenshotTool {
    static final String PROMPT = "one day , emma went to the lake . she found a small fish and she";

    private static AppDriver driver;

    private GenerationScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        driver = AppDriver.start();
        open(driver, System.getProperty("screenshots.gpt2", "tiny-gpt"));
        GenerationViewModel vm = vm(driver);
        driver.fx(() -> {
            vm.temperatureProperty().set(0.9);
            vm.topKProperty().set(40);
            vm.topPProperty().set(0.9);
            vm.seedProperty().set(3);
        });
        for (int i = 0; i < 6; i++) {
            step(driver);
        }
        driver.settle();
        shoot(out, "generation");
        driver.fx(() -> vm.temperatureProperty().set(1.8));
        driver.settle();
        shoot(out, "generation-temperature-1.8");
        driver.fx(() -> {
            vm.temperatureProperty().set(0.9);
            vm.selectedStepProperty().set(2);
        });
        driver.settle();
        shoot(out, "generation-another-road-select");
        driver.fx(() -> vm.force(2, ((org.attentionlab.figure.NextTokenFigure) view(driver).distributionCanvasForTests().getFigure())
                .listedIds()[3]));
        driver.waitFor(() -> vm.isIdle() && vm.resultProperty().get().command() == GenerationViewModel.Command.FORCE, 60);
        driver.settle();
        shoot(out, "generation-another-road-forced");
        clickHeatmapRow(driver, 4);
        driver.waitFor(() -> view(driver).maskPopOver() != null && view(driver).maskPopOver().isShowing(), 30);
        driver.settle();
        shoot(out, "generation-mask-row");
        driver.fx(() -> view(driver).maskPopOver().hide(javafx.util.Duration.ZERO));
        driver.fx(() -> vm.sampleProperty().set(false));
        for (int i = 0; i < 30 && driver.fxGet(() -> vm.resultProperty().get().state().stop() == null); i++) {
            step(driver);
        }
        driver.settle();
        shoot(out, "generation-greedy-long");
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.DARK));
        driver.settle();
        shoot(out, "generation-dark");
        driver.fx(() -> driver.app.mainViewModel().presentationProperty().set(true));
        driver.settle();
        shoot(out, "generation-presentation-dark");
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.LIGHT));
        driver.settle();
        shoot(out, "generation-presentation-light");
        driver.exit();
    }

    static void open(AppDriver d, String model) throws Exception {
        d.waitFor(() -> d.app.mainViewModel().models().stream().anyMatch(r -> r.name().equals(model)), 30);
        ModelRef ref = d.fxGet(() -> d.app.mainViewModel().models().stream().filter(r -> r.name().equals(model)).findFirst()
                .orElseThrow());
        d.fx(() -> d.app.mainViewModel().pickedProperty().set(ref));
        d.waitFor(() -> d.app.host().current() != null && d.app.host().current().ref().equals(ref), 300);
        d.fx(() -> d.app.mainViewModel().showLesson("generation"));
        d.fx(() -> vm(d).promptProperty().set(PROMPT));
        d.fx(() -> vm(d).run());
        d.waitFor(() -> vm(d).isIdle() && vm(d).resultProperty().get() != null
                && vm(d).resultProperty().get().state().steps().isEmpty(), 120);
        d.settle();
    }

    static GenerationViewModel vm(AppDriver d) {
        return ((GenerationLesson) d.app.lesson("generation")).viewModel();
    }

    static GenerationView view(AppDriver d) {
        return (GenerationView) ((GenerationLesson) d.app.lesson("generation")).controller();
    }

    static void step(AppDriver d) throws Exception {
        int before = d.fxGet(() -> vm(d).resultProperty().get().state().length());
        d.fx(() -> vm(d).step());
        d.waitFor(() -> vm(d).isIdle() && vm(d).resultProperty().get().state().length() > before, 60);
    }

    static void clickHeatmapRow(AppDriver d, int row) throws Exception {
        d.fx(() -> {
            FigureCanvas c = (FigureCanvas) d.app.stage().getScene().lookup("#heatmapCanvas");
            HeatmapFigure f = (HeatmapFigure) c.getFigure();
            double cell = f.options().cellSize();
            click(c, f.gridX() + 0.5 * cell + c.snappedLeftInset(), f.gridY() + (row + 0.5) * cell + c.snappedTopInset());
        });
    }

    static void click(Node c, double x, double y) {
        Point2D scene = c.localToScene(x, y);
        Point2D screen = c.localToScreen(x, y);
        c.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, scene.getX(), scene.getY(), screen.getX(), screen.getY(), MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, true, false, true, null));
    }

    /** The window with any pop-over drawn where it shows (a pop-over is a window of its own). */
    private static void shoot(Path dir, String name) throws Exception {
        Scene scene = driver.app.stage().getScene();
        ScreenshotTool.write(driver.fxGet(() -> {
            javafx.scene.image.WritableImage main = scene.snapshot(null);
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w instanceof javafx.stage.PopupWindow && w.isShowing() && w.getScene() != null) {
                    javafx.scene.image.WritableImage pop = w.getScene().getRoot().snapshot(null, null);
                    int ox = (int) Math.round(w.getX() + w.getScene().getX() - scene.getWindow().getX() - scene.getX());
                    int oy = (int) Math.round(w.getY() + w.getScene().getY() - scene.getWindow().getY() - scene.getY());
                    var reader = pop.getPixelReader();
                    var writer = main.getPixelWriter();
                    for (int y = 0; y < pop.getHeight(); y++) {
                        for (int x = 0; x < pop.getWidth(); x++) {
                            int tx = ox + x;
                            int ty = oy + y;
                            int argb = reader.getArgb(x, y);
                            if (tx >= 0 && ty >= 0 && tx < main.getWidth() && ty < main.getHeight() && (argb >>> 24) > 0x80) {
                                writer.setArgb(tx, ty, argb);
                            }
                        }
                    }
                }
            }
            return main;
        }), dir.resolve(name + ".png"));
        System.out.println("wrote " + name);
    }
}
