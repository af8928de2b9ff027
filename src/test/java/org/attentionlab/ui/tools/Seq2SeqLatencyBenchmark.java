package org.attentionlab.ui.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.seq2seq.Seq2SeqLesson;
import org.attentionlab.ui.seq2seq.Seq2SeqViewModel;

/**
 * The seq2seq lab's latencies in the real app under Xvfb: (1) a decoder step redrawn, from the
 * step change (Next / Back) to the end of the next layout pulse, over 200 steps back and forth on
 * a long sentence; (2) the bottleneck chart, from Measure to the result, over a test file and the
 * model's family (all shipped translators with its vocabulary). Prints median and p90.
 *
 * <pre>
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp $CP org.attentionlab.ui.tools.Seq2SeqLatencyBenchmark TESTFILE [RUNS]
 * </pre>
 */
public final class Seq2SeqLatencyBenchmark {
    private Seq2SeqLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path testFile = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AppDriver d = AppDriver.start();
        String name = "seq2seq-bilinear";
        d.waitFor(() -> d.app.mainViewModel().models().stream().anyMatch(r -> r.name().equals(name)), 30);
        ModelRef ref = d.fxGet(() -> d.app.mainViewModel().models().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
        d.fx(() -> d.app.mainViewModel().pickedProperty().set(ref));
        d.waitFor(() -> d.app.host().current() != null && d.app.host().current().ref().equals(ref), 120);
        d.fx(() -> d.app.mainViewModel().showLesson("seq2seq"));
        Seq2SeqViewModel vm = ((Seq2SeqLesson) d.app.lesson("seq2seq")).viewModel();
        d.waitFor(() -> vm.factsProperty().get() != null && vm.runProperty().get() != null && vm.isIdle(), 120);
        String text = "an angry goat saw the good melon under the light torch";
        d.fx(() -> vm.textProperty().set(text));
        d.waitFor(() -> vm.isIdle() && vm.runProperty().get() != null && vm.runProperty().get().text().equals(text), 60);
        d.settle();
        int steps = d.fxGet(() -> vm.runProperty().get().shown().translation().steps());

        Scene scene = d.app.stage().getScene();
        List<Double> stepMs = new ArrayList<>();
        List<Double> stepCpuMs = new ArrayList<>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean forward = true;
        double[] cpuOfRedraw = new double[1];
        for (int i = 0; i < 220; i++) {
            if (vm.stepProperty().get() >= steps - 1) {
                forward = false;
            } else if (vm.stepProperty().get() <= 0) {
                forward = true;
            }
            boolean fwd = forward;
            CompletableFuture<Double> took = new CompletableFuture<>();
            Platform.runLater(() -> {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                Runnable[] listener = new Runnable[1];
                listener[0] = () -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    took.complete((System.nanoTime() - t0) / 1e6);
                };
                scene.addPostLayoutPulseListener(listener[0]);
                if (fwd) {
                    vm.next();
                } else {
                    vm.back();
                }
                cpuOfRedraw[0] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                Platform.requestNextPulse();
            });
            double ms = took.get(10, TimeUnit.SECONDS);
            if (i >= 20) {
                stepMs.add(ms); // the first 20 warm the JIT
                stepCpuMs.add(cpuOfRedraw[0]);
            }
        }
        report("step redraw (" + text.split(" ").length + "-word sentence, " + steps + " steps), wall to the next layout pulse", stepMs);
        report("step redraw, FX-thread CPU of the step change (figures rebuilt and painted)", stepCpuMs);
        System.out.printf("load average %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        d.fx(() -> vm.useTestFile(testFile));
        List<Double> chartMs = new ArrayList<>();
        int models = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            d.fx(vm::measureBottleneck);
            d.waitFor(() -> vm.bottleneckProperty().get() != null && vm.isIdle(), 600);
            chartMs.add((System.nanoTime() - t0) / 1e6);
            models = d.fxGet(() -> vm.bottleneckProperty().get().size());
            int sentences = d.fxGet(() -> vm.bottleneckProperty().get().get(0).sentences());
            System.out.printf("bottleneck run %d: %.0f ms, %d models x %d sentences%n", r, chartMs.get(r), models, sentences);
        }
        if (!chartMs.isEmpty()) {
            report("bottleneck chart (" + models + " models)", chartMs);
        }
        d.exit();
    }

    private static void report(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double median = sorted.get(sorted.size() / 2);
        double p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
        System.out.printf("%s: median %.1f ms, p90 %.1f ms, max %.1f ms (%d samples)%n", what, median, p90,
                sorted.get(sorted.size() - 1), sorted.size());
    }
}
