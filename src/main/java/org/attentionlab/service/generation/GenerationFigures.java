package org.attentionlab.service.generation;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.engine.SamplingStages;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.AttentionRowFigure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.figure.LogitLensFigure;
import org.attentionlab.figure.NextTokenFigure;
import org.attentionlab.figure.TextMeasure;

/**
 * The generation lab's figures from a {@link GenerationState}: the next-token distribution with
 * its filter stages, the causal attention grown so far, the newest row as bars, and the logit
 * lens. The screen and the exports draw the same figures.
 */
public final class GenerationFigures {
    /** Heads averaged instead of one head. */
    public static final int MEAN_OF_HEADS = -1;

    private GenerationFigures() {
    }

    /**
     * The step shown: step {@code index} of the state, or the step to come when {@code index} is
     * the number of steps taken (null when the run has stopped there).
     */
    public static GenerationStep shown(GenerationState state, int index) {
        return index < state.steps().size() ? state.steps().get(index) : state.next();
    }

    /** The distribution figure of {@code step} under the settings {@code display}. */
    public static NextTokenFigure distribution(GenerationLab lab, GenerationState state, GenerationStep step, GenerationSettings display,
                                               int rows, FigureStyle style, TextMeasure measure) {
        String after = step.position() > 0 ? lab.label(state.ids().get(step.position() - 1)) : "";
        int index = step.position() - state.promptLength();
        String title = step.chosen() < 0
                ? "Next token (step " + (index + 1) + ") after " + after
                : "Step " + (index + 1) + ": after " + after + " the model chose " + lab.label(step.chosen())
                        + (step.forced() ? " (forced)" : "");
        SamplingStep stages = step.stages(display);
        int picked = display.sample() && !Double.isNaN(step.draw()) ? SamplingStages.pick(stages.renormalised(), step.draw()) : -1;
        NextTokenFigure.Data data = new NextTokenFigure.Data(stages, display.temperature(), display.topK(),
                display.topP(), display.sample(), rows, lab::label, title, step.chosen(), picked);
        return new NextTokenFigure(data, style, measure);
    }

    /** The attention of every position that has run so far, with the causal mask, newest row outlined. */
    public static HeatmapFigure heatmap(GenerationLab lab, GenerationState state, int layer, int head, int highlight, double cell,
                                        FigureStyle style, TextMeasure measure) {
        int n = state.attentionRows().size();
        float[][] w = new float[n][n];
        boolean[][] allowed = new boolean[n][n];
        for (int q = 0; q < n; q++) {
            float[] row = row(state, q, layer, head);
            System.arraycopy(row, 0, w[q], 0, row.length);
            for (int k = 0; k <= q; k++) {
                allowed[q][k] = true;
            }
        }
        List<String> labels = labels(lab, state, n);
        AttentionMatrix m = new AttentionMatrix(labels, labels, w, allowed, null, null, null, null);
        String title = (head == MEAN_OF_HEADS ? "Layer " + (layer + 1) + ", mean of heads" : "Layer " + (layer + 1) + ", head " + (head + 1))
                + " (grey: masked future)";
        HeatmapFigure.Options options = HeatmapFigure.Options.defaults(ModelKind.BERT).withCellSize(cell).withTitle(title)
                .withHighlight(highlight < 0 ? n - 1 : highlight);
        return new HeatmapFigure(m, options, style, measure);
    }

    /** One query row (its keys 0 .. q) of layer {@code layer}, one head or their mean. */
    public static float[] row(GenerationState state, int q, int layer, int head) {
        float[][] heads = state.attentionRows().get(q)[layer];
        if (head != MEAN_OF_HEADS) {
            return heads[head].clone();
        }
        float[] mean = new float[q + 1];
        for (float[] h : heads) {
            for (int k = 0; k <= q; k++) {
                mean[k] += h[k] / heads.length;
            }
        }
        return mean;
    }

    /** Row {@code q} as bars over the tokens it may see. */
    public static AttentionRowFigure rowBars(GenerationLab lab, GenerationState state, int q, int layer, int head, FigureStyle style,
                                             TextMeasure measure) {
        String title = "What " + lab.label(state.ids().get(q)) + " looked at (" + (head == MEAN_OF_HEADS ? "layer " + (layer + 1)
                + ", mean of heads" : "layer " + (layer + 1) + ", head " + (head + 1)) + ")";
        return new AttentionRowFigure(labels(lab, state, q + 1), row(state, q, layer, head), title, style, measure);
    }

    /** What each layer would say at {@code step}. */
    public static LogitLensFigure lens(GenerationLab lab, GenerationStep step, FigureStyle style, TextMeasure measure) {
        List<LogitLensFigure.Row> rows = new ArrayList<>();
        for (LensRow r : step.lens()) {
            List<String> labels = new ArrayList<>();
            boolean[] marked = new boolean[r.ids().length];
            for (int i = 0; i < r.ids().length; i++) {
                labels.add(lab.label(r.ids()[i]));
                marked[i] = r.ids()[i] == step.chosen();
            }
            String name = r.layer() == 0 ? "embeddings" : "layer " + r.layer() + (r.layer() == step.lens().size() - 1 ? " (output)" : "");
            rows.add(new LogitLensFigure.Row(name, labels, r.probs(), marked));
        }
        return new LogitLensFigure(rows, "What each layer would say next (logit lens)", style, measure);
    }

    private static List<String> labels(GenerationLab lab, GenerationState state, int n) {
        return lab.labels(state.ids().subList(0, n));
    }
}
