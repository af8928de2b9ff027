package org.attentionlab.ui.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.geometry.Point2D;
import org.attentionlab.figure.HeadLinesFigure;
import org.attentionlab.ui.explorer.ViewMode;
import org.attentionlab.service.ModelRef;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.service.explorer.ExplorerRun;
import org.attentionlab.ui.figure.FigureCanvas;

/**
 * Benchmark (not a test): how long from a keystroke in the text field to the frame that shows
 * the heatmap for the new text. Drives the real app: each keystroke is a KEY_TYPED event on the
 * focused text field; the clock stops at the first pulse, after layout, in which the canvas holds
 * a heatmap of a run over exactly the typed text. So the time includes the debounce wait, the
 * inference thread's tokenize and forward pass, the hand-back to the FX thread, deriving the map,
 * painting it, and layout.
 *
 * <pre>
 *   mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *       [-Dattentionlab.samples=DIR] [-Dbench.model=NAME] [-Dbench.words=N] [-Dbench.hover=true] \
 *       org.attentionlab.ui.tools.ExplorerLatencyBenchmark
 * </pre>
 *
 * Models come from the app's catalog ({@code TestModels DIR} writes test models when no samples
 * exist). {@code bench.words} puts N words before the typed text, for long inputs;
 * {@code bench.hover} also times the head view's redraw as the pointer moves from token to
 * token (all links drawn, the worst case). Prints one JSON object: per scenario the median,
 * 90th percentile and maximum in ms, the tokens typed into, and the median model run time
 * reported by the inference thread.
 */
public final class ExplorerLatencyBenchmark {
    private static final String SHORT_BASE = "The cat sat on the mat because it";
    private static final String TYPED = " was tired and went to sleep early";
    private static final String[] WORDS = ("the cat sat on the mat and the dog ran to the house . she saw a big red bird "
            + "in the garden ; it was happy").split(" ");
    private static String base = SHORT_BASE;

    private ExplorerLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AppDriver d = AppDriver.start();
        String wanted = System.getProperty("bench.model");
        if (wanted != null) {
            ModelRef ref = d.fxGet(() -> d.app.mainViewModel().models().stream()
                    .filter(r -> r.name().equals(wanted)).findFirst().orElseThrow());
            d.fx(() -> d.app.mainViewModel().pickedProperty().set(ref));
            d.waitFor(() -> d.app.host().current() != null && d.app.host().current().ref().equals(ref), 600);
        }
        int words = Integer.getInteger("bench.words", 0);
        if (words > 0) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < words; i++) {
                b.append(i == 0 ? "" : " ").append(WORDS[i % WORDS.length]);
            }
            base = b.toString();
        }
        String model = d.fxGet(() -> d.app.host().current().info().name());
        TextInputControl field = d.fxGet(() -> (TextInputControl) d.app.stage().getScene().lookup("#textA"));
        d.fx(() -> {
            d.explorer().textAProperty().set(base);
            field.requestFocus();
            field.end();
        });
        d.waitFor(() -> idleOn(d, base), 120);

        // warm-up: JIT, first paints
        typeAndMeasure(d, field, 12, 150);
        List<Double> single = new ArrayList<>();
        List<Double> runMillis = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            resetText(d, field);
            single.addAll(typeAndMeasure(d, field, TYPED.length(), 250));
            runMillis.add(d.fxGet(() -> d.explorer().getLastRun().millis()));
        }
        // bursts: 6 keys 60 ms apart (faster than the runs settle); the clock starts at the last key
        List<Double> burst = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            resetText(d, field);
            for (int i = 0; i < 5; i++) {
                typeOne(d, field, TYPED.charAt(i));
                Thread.sleep(60);
            }
            burst.add(measure(d, field, TYPED.charAt(5)));
        }
        int tokens = d.fxGet(() -> d.explorer().getLastRun().trace().input().length());
        String hover = "";
        if (Boolean.getBoolean("bench.hover")) {
            hover = String.format(Locale.ROOT, ", \"headViewHoverMs\": %s", stats(hoverTimes(d)));
        }
        if (Boolean.getBoolean("bench.verbose")) {
            System.out.println("single " + single);
            System.out.println("burst " + burst);
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"model\": \"%s\", \"tokens\": %d, \"keystrokeToHeatmapMs\": %s, \"afterBurstMs\": %s, "
                        + "\"modelRunMsMedian\": %.2f%s}",
                model, tokens, stats(single), stats(burst), median(runMillis), hover));
        d.exit();
    }

    private static void resetText(AppDriver d, TextInputControl field) throws Exception {
        d.fx(() -> {
            field.setText(base);
            field.end();
        });
        d.waitFor(() -> idleOn(d, base), 60);
        Thread.sleep(200);
    }

    private static boolean idleOn(AppDriver d, String text) {
        ExplorerRun r = d.explorer().getLastRun();
        return r != null && text.equals(r.textA()) && d.explorer().isIdle();
    }

    private static List<Double> typeAndMeasure(AppDriver d, TextInputControl field, int count, long pauseMs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(measure(d, field, TYPED.charAt(i % TYPED.length())));
            Thread.sleep(pauseMs);
        }
        return times;
    }

    private static void typeOne(AppDriver d, TextInputControl field, char c) throws Exception {
        d.fx(() -> field.fireEvent(typed(c)));
    }

    /** Types {@code c} and returns the ms until a laid-out frame shows the heatmap of the new text. */
    private static double measure(AppDriver d, TextInputControl field, char c) throws Exception {
        CompletableFuture<Double> done = new CompletableFuture<>();
        d.fx(() -> {
            FigureCanvas canvas = d.explorerLesson().controller().figureCanvas();
            Scene scene = field.getScene();
            long t0 = System.nanoTime();
            field.fireEvent(typed(c));
            String expected = field.getText();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                ExplorerRun run = d.explorer().getLastRun();
                if (canvas.getFigure() instanceof HeatmapFigure hm && run != null && expected.equals(run.textA())
                        && hm.matrix() == d.explorer().getMatrix()) {
                    scene.removePostLayoutPulseListener(listener[0]);
                    done.complete((System.nanoTime() - t0) / 1e6);
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    /**
     * In the head view with every link drawn, moves the pointer onto one query token after
     * another and returns the ms from each move to the laid-out frame that shows only its lines.
     */
    private static List<Double> hoverTimes(AppDriver d) throws Exception {
        d.fx(() -> {
            d.explorer().topKProperty().set(0);
            d.explorer().viewModeProperty().set(ViewMode.HEADS);
        });
        d.settle();
        FigureCanvas canvas = d.fxGet(() -> d.explorerLesson().controller().figureCanvas());
        int n = d.fxGet(() -> d.explorer().getMatrix().rows());
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i += 3) {
                int token = i;
                CompletableFuture<Double> done = new CompletableFuture<>();
                d.fx(() -> {
                    HeadLinesFigure f = (HeadLinesFigure) canvas.getFigure();
                    double[] at = pointOn(f, token);
                    Scene scene = canvas.getScene();
                    long t0 = System.nanoTime();
                    Runnable[] listener = new Runnable[1];
                    listener[0] = () -> {
                        if (canvas.getFigure() instanceof HeadLinesFigure now && now.options().focus() == token) {
                            scene.removePostLayoutPulseListener(listener[0]);
                            done.complete((System.nanoTime() - t0) / 1e6);
                        }
                    };
                    scene.addPostLayoutPulseListener(listener[0]);
                    Point2D sceneAt = canvas.localToScene(at[0] + canvas.snappedLeftInset(), at[1] + canvas.snappedTopInset());
                    Point2D screenAt = canvas.localToScreen(at[0] + canvas.snappedLeftInset(), at[1] + canvas.snappedTopInset());
                    canvas.fireEvent(new MouseEvent(MouseEvent.MOUSE_MOVED, sceneAt.getX(), sceneAt.getY(), screenAt.getX(),
                            screenAt.getY(), MouseButton.NONE, 0, false, false, false, false, false, false, false, true, false,
                            true, null));
                });
                double ms = done.get(60, TimeUnit.SECONDS);
                if (round > 0) {
                    times.add(ms); // round 0 warms up
                }
                Thread.sleep(30);
            }
        }
        return times;
    }

    /** A point over query token {@code index} of the head view. */
    private static double[] pointOn(HeadLinesFigure f, int index) {
        for (double y = 0; y < f.height(); y += 1) {
            for (double x = 0; x < f.width() / 2; x += 2) {
                HeadLinesFigure.Hit h = f.hit(x, y);
                if (h != null && h.side() == 0 && h.index() == index) {
                    return new double[] {x, y};
                }
            }
        }
        throw new IllegalStateException("token " + index + " is not in the head view");
    }

    private static KeyEvent typed(char c) {
        return new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED, false, false, false, false);
    }

    private static String stats(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return String.format(Locale.ROOT, "{\"n\": %d, \"median\": %.1f, \"p90\": %.1f, \"max\": %.1f}", s.size(),
                median(s), s.get((int) Math.floor(0.9 * (s.size() - 1))), s.get(s.size() - 1));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
