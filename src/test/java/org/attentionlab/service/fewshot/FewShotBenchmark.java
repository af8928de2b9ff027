package org.attentionlab.service.fewshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;

/**
 * Times the accuracy chart (k = 0, 1, 2, 4, 8, with and without description, 3 orders) for each
 * task of a model's task list and prints the accuracies; the target is under 15 s for
 * one task on tiny-gpt.
 *
 * <pre>java -cp $CP org.attentionlab.service.fewshot.FewShotBenchmark [model] [tasks.json] [repeats]</pre>
 */
public final class FewShotBenchmark {
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "tiny-gpt";
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (ModelSession session = ModelSessions.open(ModelCatalog.system().resolve(model))) {
            List<FewShotTask> tasks = args.length > 1 && !args[1].equals("-") ? TaskFile.parse(Path.of(args[1]))
                    : TaskFile.read(Path.of(session.info().source())).orElseThrow(() -> new IllegalStateException(TaskFile.NO_TASKS));
            FewShotService service = new FewShotService(session);
            service.accuracy(tasks.get(0), FewShotService.AccuracyRequest.standard(), Progress.NONE, Cancellation.NONE); // warm-up
            List<Long> all = new ArrayList<>();
            for (FewShotTask task : tasks) {
                long[] ms = new long[repeats];
                AccuracyReport last = null;
                for (int r = 0; r < repeats; r++) {
                    last = service.accuracy(task, FewShotService.AccuracyRequest.standard(), Progress.NONE, Cancellation.NONE);
                    ms[r] = last.millis();
                    all.add(ms[r]);
                }
                Arrays.sort(ms);
                StringBuilder b = new StringBuilder(String.format("%-10s %3d queries, %4d prompts, median %6d ms, max %6d ms |",
                        task.name(), task.queries().size(), last.items().size(), ms[ms.length / 2], ms[ms.length - 1]));
                for (AccuracyPoint p : last.points()) {
                    b.append(String.format(" k=%d%s %d%% [%d-%d]", p.shots(), p.withDescription() ? "d" : "",
                            p.percent(), p.minPercent(), p.maxPercent()));
                }
                b.append(last.checksumBefore() == last.checksumAfter() ? " | weights unchanged" : " | WEIGHTS CHANGED");
                System.out.println(b);
            }
            // the same prompts without the shared KV cache: each one alone from an empty cache
            AccuracyReport ref = service.accuracy(tasks.get(0), FewShotService.AccuracyRequest.standard(), Progress.NONE,
                    Cancellation.NONE);
            long t0 = System.nanoTime();
            for (var item : ref.items()) {
                service.answer(org.attentionlab.domain.fewshot.FewShotPrompt.freeText(item.prompt(), item.expected()),
                        org.attentionlab.domain.fewshot.AnswerRule.LINE);
            }
            System.out.printf("%s without the shared KV cache (each prompt alone): %d ms; with it: %d ms%n",
                    tasks.get(0).name(), (System.nanoTime() - t0) / 1_000_000, ref.millis());
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("all charts: median %d ms, p90 %d ms, max %d ms (%d runs)%n", sorted[sorted.length / 2],
                    sorted[(int) Math.ceil(sorted.length * 0.9) - 1], sorted[sorted.length - 1], sorted.length);
        }
    }
}
