package org.attentionlab.service.seq2seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;

/**
 * The bottleneck chart's computation, timed: evaluate two models over a test file (1,000
 * sentences), N repetitions, median and p90. Usage: BottleneckBenchmark TESTFILE MODELDIR MODELDIR [REPS]
 */
public final class BottleneckBenchmark {
    public static void main(String[] args) {
        List<TestSentence> sentences = TestSentences.read(Path.of(args[0]));
        Seq2SeqModel a = Seq2SeqModel.load(Path.of(args[1]));
        Seq2SeqModel b = Seq2SeqModel.load(Path.of(args[2]));
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < reps; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            List<LengthAccuracy> out = new ArrayList<>();
            for (Seq2SeqModel m : List.of(a, b)) {
                out.add(BottleneckEvaluation.evaluate(m.info().name(), m, sentences, null, () -> false));
            }
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e6;
            System.err.printf("run %d: %.0f ms wall, %.0f ms CPU (load %.1f)", r, ms[r], cpu[r], os.getSystemLoadAverage());
            System.err.printf("   %s exact %.3f on-gold %.3f | %s exact %.3f on-gold %.3f%n",
                    out.get(0).model(), out.get(0).exactMatch(), out.get(0).attentionOnGold(),
                    out.get(1).model(), out.get(1).exactMatch(), out.get(1).attentionOnGold());
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf("bottleneck chart, %d sentences x 2 models: wall median %.0f ms, p90 %.0f ms; CPU median %.0f ms"
                + " (%d runs, %d cores)%n", sentences.size(), ms[reps / 2], ms[(int) Math.ceil(0.9 * reps) - 1], cpu[reps / 2], reps,
                Runtime.getRuntime().availableProcessors());
    }
}
