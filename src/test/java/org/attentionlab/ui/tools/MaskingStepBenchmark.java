package org.attentionlab.ui.tools;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionlab.domain.masking.Corruption;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.masking.MaskingFigure;
import org.attentionlab.figure.masking.MaskingStep;
import org.attentionlab.figure.masking.MaskingText;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.masking.MaskingService;

/**
 * How long each step of the masked-word lesson takes to redraw, and how long a new selection
 * takes end to end (steps 2-3 and the model run of steps 4-6), median and p90.
 *
 * <pre>java -cp $CP -Dbench.model=tiny-bert -Dbench.tokens=64 -Dbench.reps=30 org.attentionlab.ui.tools.MaskingStepBenchmark</pre>
 *
 * A step redraw is what Back / Next costs: laying out the step's figure and painting it (here on
 * a java.awt image at 1100 px, what the PNG export does; the screen paints the same operations).
 * A "new selection" is what Roll again or a click on a token costs: corrupt + predict (the
 * forward pass with attentions and the MLM head) + the redraw.
 */
public final class MaskingStepBenchmark {
    private MaskingStepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String model = System.getProperty("bench.model", "tiny-bert");
        int tokens = Integer.getInteger("bench.tokens", 64);
        int reps = Integer.getInteger("bench.reps", 30);
        String[] words = "the sky is blue and the grass is green . a cow says moo and a duck says quack .".split(" ");
        try (ModelSession session = ModelSessions.open(ModelCatalog.system().resolve(model))) {
            MaskingService service = new MaskingService(session);
            StringBuilder text = new StringBuilder();
            MaskTokens t = null;
            for (int i = 0; t == null || t.length() < tokens; i++) {
                text.append(i == 0 ? "" : " ").append(words[i % words.length]);
                MaskTokens next = service.tokens(text.toString(), null);
                if (next.length() > tokens) {
                    break;
                }
                t = next;
            }
            FigureStyle style = FigureStyle.print();
            AwtSurface.AwtTextMeasure measure = new AwtSurface.AwtTextMeasure(style.fontFamily());
            MaskingText labels = MaskingText.bundle();
            BufferedImage img = new BufferedImage(1100, 2000, BufferedImage.TYPE_INT_ARGB);
            MaskingResult r = null;
            double[] rerun = new double[reps];
            for (int i = -3; i < reps; i++) {            // 3 warm-up runs
                long t0 = System.nanoTime();
                Corruption c = service.corrupt(t, MaskingSettings.exact(100 + i));
                r = service.predict(c, MaskingService.MAX_TOP_K);
                paint(new MaskingFigure(r, MaskingFigure.View.of(MaskingStep.PREDICT), style, measure, labels), img);
                if (i >= 0) {
                    rerun[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "model %s, %d tokens, %d reps%n", model, t.length(), reps);
            System.out.printf(Locale.ROOT, "%-24s median %8.2f ms   p90 %8.2f ms%n", "new selection (2-6)", median(rerun), p90(rerun));
            for (MaskingStep step : MaskingStep.values()) {
                double[] ms = new double[reps];
                MaskingFigure.View v = new MaskingFigure.View(step, Integer.MAX_VALUE, -1, 0, -1, true, 1100, 5, null, false);
                for (int i = -3; i < reps; i++) {
                    long t0 = System.nanoTime();
                    paint(new MaskingFigure(r, v, style, measure, labels), img);
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "step %d %-17s median %8.2f ms   p90 %8.2f ms%n", step.number(),
                        step.name().toLowerCase(Locale.ROOT), median(ms), p90(ms));
            }
        }
    }

    private static void paint(MaskingFigure f, BufferedImage img) {
        Graphics2D g = img.createGraphics();
        try {
            f.paint(new AwtSurface(g, f.style().fontFamily()));
        } finally {
            g.dispose();
        }
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double p90(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(0.9 * s.length) - 1];
    }
}
