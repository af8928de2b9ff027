package org.attentionlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.bert.BertModel;
import org.attentionlab.engine.gpt2.Gpt2Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timings on full-size models, run only on request because it needs checkpoints that are not
 * in the repository (random-init GPT-2 124M and BERT-base saved by HF transformers):
 *
 * <pre>mvn -o test -Dtest=EngineSpeedCheck -Dattentionlab.bench=/path/with/gpt2-124m/and/bert-base</pre>
 *
 * It prints the numbers to compare with PyTorch run side by side on the same machine; the only
 * assertion is that each run produced what was asked for.
 */
@EnabledIfSystemProperty(named = "attentionlab.bench", matches = ".+")
class EngineSpeedCheck {
    private static final Path DIR = Path.of(System.getProperty("attentionlab.bench", "."));

    @Test
    void gpt2GreedyDecodeAndForward() {
        Path dir = DIR.resolve("gpt2-124m");
        if (!Files.isDirectory(dir)) {
            return;
        }
        long l0 = System.nanoTime();
        try (Gpt2Model m = (Gpt2Model) Models.load(dir)) {
            System.out.printf("java gpt2 load: %.0f ms%n", (System.nanoTime() - l0) / 1e6);
            int[] prompt = new Random(1).ints(8, 0, 50000).toArray();
            for (int warm = 0; warm < 3; warm++) { // let the JIT compile the decode loop first
                m.generate(prompt, GenerationSettings.greedy(32).withStopAtEos(false), TokenListener.NONE, () -> false);
            }
            long t0 = System.nanoTime();
            Generation g = m.generate(prompt, GenerationSettings.greedy(64).withStopAtEos(false), TokenListener.NONE, () -> false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(64, g.newIds().length);
            System.out.printf("java gpt2 greedy: %.1f tok/s%n", 64 / seconds);
            Encoding in = Encodings.of(new Random(2).ints(128, 0, 50000).toArray());
            time("java gpt2 forward 128 + attentions", 3, () -> m.forward(in, EnumSet.of(TraceItem.ATTENTIONS)));
        }
    }

    @Test
    void bertForwardWithAttentions() {
        Path dir = DIR.resolve("bert-base");
        if (!Files.isDirectory(dir)) {
            return;
        }
        long l0 = System.nanoTime();
        try (BertModel m = (BertModel) Models.load(dir)) {
            System.out.printf("java bert load: %.0f ms%n", (System.nanoTime() - l0) / 1e6);
            for (int n : new int[] {128, 16}) {
                Encoding in = Encodings.of(new Random(n).ints(n, 1000, 30000).toArray());
                time("java bert forward " + n + " + attentions", 5, () -> m.forward(in, EnumSet.of(TraceItem.ATTENTIONS)));
            }
        }
    }

    @Test
    void tinyModelsForward() {
        try (BertModel bert = (BertModel) Models.load(Golden.path("bert/model"));
             Gpt2Model gpt2 = (Gpt2Model) Models.load(Golden.path("gpt2/model"))) {
            Encoding in = Encodings.of(new Random(3).ints(16, 5, 119).toArray());
            time("java tiny bert forward 16, all items", 200, () -> bert.forward(in, EnumSet.allOf(TraceItem.class)));
            time("java tiny gpt2 forward 16, all items", 200, () -> gpt2.forward(in, EnumSet.allOf(TraceItem.class)));
        }
    }

    private static void time(String what, int reps, Runnable run) {
        run.run(); // warm-up
        run.run();
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            run.run();
        }
        System.out.printf("%s: %.2f ms%n", what, (System.nanoTime() - t0) / 1e6 / reps);
    }
}
