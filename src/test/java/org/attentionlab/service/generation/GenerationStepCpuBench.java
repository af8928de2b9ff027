package org.attentionlab.service.generation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;

/**
 * Development tool: the CPU time of one lab step (model thread) and of building the step's
 * figures, on one compute thread ({@code -Dattentionlab.threads=1}), so that the figures hold on a
 * machine that other jobs keep busy: {@code GenerationStepCpuBench MODEL_FOLDER [STEPS]}. The
 * prompt is 64 GPT-2 tokens; every 16 steps the lab returns to it.
 */
public final class GenerationStepCpuBench {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String prompt = "the quick brown fox jumps over the lazy dog . ".repeat(6) + "the quick brown fox";
        FigureStyle style = FigureStyle.print();
        var measure = new AwtSurface.AwtTextMeasure(style.fontFamily());
        try (ModelSession s = ModelSessions.open(new ModelRef(folder.getFileName().toString(), folder, ModelRef.Origin.FOLDER));
             GenerationLab lab = new GenerationLab(s, prompt, 3)) {
            GenerationSettings set = GenerationSettings.sampling(1000, 1.0, 40, 0.95, 1);
            GenerationSettings other = GenerationSettings.sampling(1000, 1.4, 40, 0.95, 1);
            double[] step = new double[steps];
            double[] figures = new double[steps];
            double[] slider = new double[steps];
            for (int i = 0; i < steps + 4; i++) {
                if (i % 16 == 15 || lab.state().stop() != null) {
                    lab.reset();
                }
                long c0 = mx.getCurrentThreadCpuTime();
                GenerationState st = lab.step(set);
                long c1 = mx.getCurrentThreadCpuTime();
                GenerationStep last = st.lastStep();
                GenerationFigures.distribution(lab, st, last, set, 10, style, measure);
                GenerationFigures.lens(lab, last, style, measure);
                GenerationFigures.heatmap(lab, st, 0, -1, -1, 12, style, measure);
                GenerationFigures.rowBars(lab, st, st.attentionRows().size() - 1, 0, -1, style, measure);
                long c2 = mx.getCurrentThreadCpuTime();
                GenerationFigures.distribution(lab, st, last, other, 10, style, measure);
                long c3 = mx.getCurrentThreadCpuTime();
                if (i >= 4) {
                    step[i - 4] = (c1 - c0) / 1e6;
                    figures[i - 4] = (c2 - c1) / 1e6;
                    slider[i - 4] = (c3 - c2) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "%s, prompt %d tokens, CPU ms on one thread%n", folder.getFileName(),
                    lab.state().promptLength());
            report("lab step (model)", step);
            report("step's figures", figures);
            report("distribution at another temperature", slider);
        }
    }

    private static void report(String what, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "  %s: median %.1f, p90 %.1f, max %.1f%n", what, s[s.length / 2],
                s[(int) Math.ceil(0.9 * s.length) - 1], s[s.length - 1]);
    }
}
