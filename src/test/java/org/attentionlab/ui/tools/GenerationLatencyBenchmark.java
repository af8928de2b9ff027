package org.attentionlab.ui.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.NextTokenFigure;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.generation.GenerationViewModel;

/**
 * Development tool: times the generation lab in the real app. One Step, from the button's action
 * to the first laid-out frame whose distribution, heatmap and strip show the new token; and the
 * temperature slider, from a value change to the first laid-out frame whose distribution shows
 * it. Prints the median, p90 and max.
 *
 * <pre>
 *   java -cp $CP [-Dbench.model=tiny-gpt | -Dbench.folder=/tmp/gen-bench/gpt2-124m] [-Dbench.steps=40] \
 *       -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
 *       org.attentionlab.ui.tools.GenerationLatencyBenchmark
 * </pre>
 *
 * The 64-token prompt is "the quick brown fox jumps over the lazy dog ." six times and "the quick
 * brown fox" (64 GPT-2 tokens); every 16 steps the run returns to the prompt, so the context stays
 * between 64 and 80 tokens.
 */
public final class GenerationLatencyBenchmark {
    private GenerationLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AppDriver d = AppDriver.start();
        String folder = System.getProperty("bench.folder");
        String model = System.getProperty("bench.model", "tiny-gpt");
        String prompt = "the quick brown fox jumps over the lazy dog . ".repeat(6) + "the quick brown fox";
        if (folder != null) {
            d.fx(() -> d.app.mainViewModel().openFolder(Path.of(folder)));
            d.waitFor(() -> d.app.host().current() != null && d.app.host().current().info().vocab() > 50000, 600);
            System.out.println("loaded " + d.fxGet(() -> d.app.host().current().ref()));
            d.fx(() -> d.app.mainViewModel().showLesson("generation"));
            d.fx(() -> GenerationScreenshotTool.vm(d).promptProperty().set(prompt));
            d.fx(() -> GenerationScreenshotTool.vm(d).run());
            d.waitFor(() -> GenerationScreenshotTool.vm(d).isIdle() && GenerationScreenshotTool.vm(d).resultProperty().get() != null
                    && GenerationScreenshotTool.vm(d).resultProperty().get().state().steps().isEmpty(), 300);
            model = folder;
        } else {
            GenerationScreenshotTool.open(d, model);
            d.fx(() -> GenerationScreenshotTool.vm(d).promptProperty().set(prompt));
            d.fx(() -> GenerationScreenshotTool.vm(d).run());
            d.waitFor(() -> GenerationScreenshotTool.vm(d).isIdle()
                    && prompt.equals(GenerationScreenshotTool.vm(d).resultProperty().get().lab() == null ? null
                    : GenerationScreenshotTool.vm(d).promptProperty().get()), 300);
            d.settle();
        }
        GenerationViewModel vm = GenerationScreenshotTool.vm(d);
        int promptTokens = d.fxGet(() -> vm.resultProperty().get().state().promptLength());
        int steps = Integer.getInteger("bench.steps", 40);
        List<Double> stepTimes = new ArrayList<>();
        List<Double> workTimes = new ArrayList<>();
        List<Double> redrawTimes = new ArrayList<>();
        for (int i = 0; i < steps + 5; i++) {
            boolean stopped = d.fxGet(() -> vm.resultProperty().get().state().stop() != null);
            if (i % 16 == 15 || stopped) {
                d.fx(vm::reset);
                d.waitFor(() -> vm.isIdle() && vm.resultProperty().get().state().steps().isEmpty(), 60);
                d.settle();
            }
            double ms = step(d, vm);
            if (i >= 5) {
                stepTimes.add(ms);
                workTimes.add(d.fxGet(() -> vm.resultProperty().get().workMs()));
                redrawTimes.add(d.fxGet(() -> GenerationScreenshotTool.view(d).lastRedrawMs()));
            }
            Thread.sleep(150);
        }
        List<Double> sliderTimes = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            double t = 0.3 + (i % 9) * 0.2;
            double ms = temperature(d, t);
            if (i >= 5) {
                sliderTimes.add(ms);
            }
            Thread.sleep(60);
        }
        System.out.printf(Locale.ROOT, "model %s, prompt %d tokens, load average %s%n", model, promptTokens,
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        report("step (click to redrawn frame)", stepTimes);
        report("  of which the model thread's step", workTimes);
        report("  of which showing it on the FX thread (strip, figures)", redrawTimes);
        report("temperature slider (change to redrawn frame)", sliderTimes);
        d.exit();
    }

    private static void report(String what, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        double median = s.get(s.size() / 2);
        double p90 = s.get((int) Math.ceil(0.9 * s.size()) - 1);
        System.out.printf(Locale.ROOT, "%s: n=%d median %.1f ms, p90 %.1f ms, max %.1f ms%n", what, s.size(), median, p90,
                s.get(s.size() - 1));
    }

    /** Fires Step and returns the ms until a laid-out frame shows the new token's step. */
    private static double step(AppDriver d, GenerationViewModel vm) throws Exception {
        CompletableFuture<Double> done = new CompletableFuture<>();
        d.fx(() -> {
            Button button = (Button) d.app.stage().getScene().lookup("#stepButton");
            FigureCanvas dist = (FigureCanvas) d.app.stage().getScene().lookup("#distributionCanvas");
            FigureCanvas heat = (FigureCanvas) d.app.stage().getScene().lookup("#heatmapCanvas");
            Scene scene = button.getScene();
            int before = vm.resultProperty().get().state().length();
            Figure distBefore = dist.getFigure();
            Figure heatBefore = heat.getFigure();
            long t0 = System.nanoTime();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                var r = vm.resultProperty().get();
                if (r.state().length() == before + 1 && dist.getFigure() != distBefore && heat.getFigure() != heatBefore) {
                    scene.removePostLayoutPulseListener(listener[0]);
                    done.complete((System.nanoTime() - t0) / 1e6);
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            button.fire();
        });
        return done.get(120, TimeUnit.SECONDS);
    }

    /** Moves the temperature slider to {@code t} and returns the ms until a laid-out frame shows it. */
    private static double temperature(AppDriver d, double t) throws Exception {
        CompletableFuture<Double> done = new CompletableFuture<>();
        d.fx(() -> {
            Slider slider = (Slider) d.app.stage().getScene().lookup("#temperatureSlider");
            FigureCanvas dist = (FigureCanvas) d.app.stage().getScene().lookup("#distributionCanvas");
            Scene scene = slider.getScene();
            long t0 = System.nanoTime();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                if (dist.getFigure() instanceof NextTokenFigure f && Math.abs(f.data().temperature() - t) < 1e-9) {
                    scene.removePostLayoutPulseListener(listener[0]);
                    done.complete((System.nanoTime() - t0) / 1e6);
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            slider.setValue(t);
        });
        return done.get(60, TimeUnit.SECONDS);
    }
}
