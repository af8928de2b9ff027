package org.attentionlab.figure.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.ScoreBreakdown;
import org.attentionlab.domain.Translation;
import org.attentionlab.domain.WordProbability;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;

/**
 * One decoder step taken apart, in five parts: (1) the decoder state h_t and the word it read;
 * (2) the score of every source position, with the score function written out and its numbers
 * for the highlighted source word; (3) the softmax, scores to weights, as bars that sum to 1;
 * (4) the context vector c_t = sum_k a_k s_k as the encoder states scaled by their weights and
 * summed; (5) the output distribution's top 5 and the word chosen.
 */
public final class DecoderStepFigure implements Figure {
    private static final double PAD = 10;
    private final double ROW; // row height, 18 px at 12 px labels, scaled with the label size
    private final double STRIP_H;

    private final Translation t;
    private final int step;
    private final int source;
    private final ScoreBreakdown parts;
    private final FigureStyle style;
    private final TextMeasure measure;
    private final double colW;
    private final double labelW;
    private final double width;
    private final double height;

    /**
     * @param parts the score of (step, source) taken apart, or null for a model without attention
     */
    public DecoderStepFigure(Translation translation, int step, int source, ScoreBreakdown parts, FigureStyle style,
                             TextMeasure measure) {
        this.t = translation;
        this.step = step;
        this.source = source;
        this.parts = parts;
        this.style = style;
        this.measure = measure;
        this.ROW = 18 * Math.max(1, style.fontSize() / 12);
        this.STRIP_H = 12 * Math.max(1, style.fontSize() / 12);
        double fs = style.fontSize();
        double lw = measure.width("previous word", fs, false);
        for (String w : t.sourceTokens()) {
            lw = Math.max(lw, measure.width(w, fs, true));
        }
        labelW = lw + PAD;
        double scale = Math.max(1, fs / 12);
        colW = Math.max(380 * scale, labelW + 280 * scale);
        width = PAD * 3 + colW * 2;
        int s = t.hasAttention() ? t.sourceTokens().size() : 0;
        double left = header() + section(1) + section(s) + section(s);
        double right = header() + formulaHeight() + section(s + 1) + STRIP_H * 2 + section(7);
        height = PAD * 2 + Math.max(left, right);
    }

    private double header() {
        return ROW * 1.6;
    }

    private double section(int rows) {
        return ROW * 1.4 + rows * ROW + PAD;
    }

    private double formulaHeight() {
        return parts == null ? 0 : ROW * 4 + 4 * (STRIP_H + 4) + PAD;
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public FigureStyle style() {
        return style;
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        s.fillRect(0, 0, width, height, style.background());
        double x = PAD;
        double y = PAD;
        String read = step == 0 ? "<s>" : t.outputTokens().get(step - 1);
        String head = "Step " + (step + 1) + " of " + t.steps() + ": the decoder reads \"" + read + "\", source word in focus \""
                + t.sourceTokens().get(Math.max(0, Math.min(source, t.sourceTokens().size() - 1))) + "\""
                + (t.forced(step) ? " and is forced to emit \"" + t.outputTokens().get(step) + "\"" : "");
        s.text(head, x, y + fs, fs * 1.15, true, style.foreground(), Surface.Align.LEFT, 0);
        y += header();

        // 1. decoder state
        y = title(s, "1  decoder state h_t (" + t.decoderStates()[step].length + " values), after reading \"" + read + "\"", x, y);
        strip(s, t.decoderStates()[step], x + labelW, y + 3, colW - labelW, STRIP_H, Paint.maxAbs(t.decoderStates()[step]));
        s.text("h_t", x + labelW - 6, y + STRIP_H, fs, true, style.foreground(), Surface.Align.RIGHT, 0);
        y += ROW + PAD;

        if (!t.hasAttention()) {
            s.text("This model has no attention: no scores, no weights, no context. The output layer reads h_t,",
                    x, y + fs, fs, false, style.muted(), Surface.Align.LEFT, 0);
            s.text("and the whole source reaches it only through the encoder's final state.",
                    x, y + fs + ROW, fs, false, style.muted(), Surface.Align.LEFT, 0);
            topFive(s, x + colW + PAD, PAD + header());
            return;
        }
        int n = t.sourceTokens().size();
        float[] scores = t.scores()[step];
        float[] weights = t.alignment()[step];

        // 2. scores
        y = title(s, "2  scores e_k = " + formulaName(), x, y);
        double maxScore = Paint.maxAbs(scores);
        for (int k = 0; k < n; k++) {
            signedBar(s, t.sourceTokens().get(k), scores[k], maxScore, x, y + k * ROW, k == source);
        }
        y += n * ROW + PAD;

        // 3. softmax
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        y = title(s, "3  softmax a_k = exp(e_k) / Σ_j exp(e_j)   (Σ a_k = " + String.format(java.util.Locale.ROOT, "%.3f", sum) + ")", x, y);
        for (int k = 0; k < n; k++) {
            double by = y + k * ROW;
            label(s, t.sourceTokens().get(k), x, by, k == source);
            double bw = (colW - labelW - 70) * weights[k];
            s.fillRect(x + labelW, by + 3, Math.max(1, bw), ROW - 6, k == source ? style.highlight() : style.foreground());
            s.text(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * weights[k]), x + labelW + bw + 6, by + ROW - 5, fs, false,
                    style.muted(), Surface.Align.LEFT, 0);
        }

        // the highlighted score written out, then 4. context (right column)
        double rx = x + colW + PAD;
        double ry = formula(s, rx, PAD + header());
        ry = title(s, "4  context c_t = Σ a_k s_k (states scaled, summed)", rx, ry);
        float[] ctx = t.contexts()[step];
        double max = 0;
        for (float[] h : t.encoderStates()) {
            max = Math.max(max, Paint.maxAbs(h));
        }
        for (int k = 0; k < n; k++) {
            float[] scaled = new float[ctx.length];
            for (int i = 0; i < ctx.length; i++) {
                scaled[i] = weights[k] * t.encoderStates()[k][i];
            }
            double by = ry + k * ROW;
            label(s, String.format(java.util.Locale.ROOT, "%.2f×%s", weights[k], t.sourceTokens().get(k)), rx, by, k == source);
            strip(s, scaled, rx + labelW + 30, by + 3, colW - labelW - 30, STRIP_H, max);
        }
        ry += n * ROW + 4;
        s.line(rx + labelW + 30, ry, rx + colW, ry, 1, style.grid());
        ry += 4;
        s.text("= c_t", rx + labelW + 24, ry + STRIP_H, fs, true, style.foreground(), Surface.Align.RIGHT, 0);
        strip(s, ctx, rx + labelW + 30, ry + 1, colW - labelW - 30, STRIP_H, max);
        ry += STRIP_H * 2 + PAD;
        topFive(s, rx, ry);
    }

    private String formulaName() {
        return switch (parts.scoreFunction()) {
            case "dot" -> "h_t · s_k";
            case "bilinear" -> "h_t^T W s_k";
            case "mlp" -> "v^T tanh(W1 s_k + b1 + W2 h_t)";
            default -> "score(h_t, s_k)";
        };
    }

    /** The score function written out with its numbers for the highlighted source word. */
    private double formula(Surface s, double x, double y) {
        double fs = style.fontSize();
        String word = t.sourceTokens().get(source);
        List<String> lines = new ArrayList<>();
        List<float[]> strips = new ArrayList<>();
        List<String> names = new ArrayList<>();
        switch (parts.scoreFunction()) {
            case "dot" -> {
                lines.add("dot, \"" + word + "\": e = h_t · s = Σ_i h_t[i] s[i]");
                names.addAll(List.of("h_t", "s", "h_t[i] s[i]"));
                strips.addAll(List.of(parts.query(), parts.key(), parts.terms()));
            }
            case "bilinear" -> {
                lines.add("bilinear, \"" + word + "\": e = h_t^T (W s) = Σ_i h_t[i] (W s)[i]");
                names.addAll(List.of("h_t", "W s", "h_t[i](Ws)[i]"));
                strips.addAll(List.of(parts.query(), parts.key(), parts.terms()));
            }
            default -> {
                lines.add("mlp, \"" + word + "\": e = Σ_a v[a] tanh(W1 s + b1 + W2 h_t)[a]");
                names.addAll(List.of("W1 s + b1", "W2 h_t", "tanh(…)", "v[a] tanh[a]"));
                strips.addAll(List.of(parts.key(), parts.query(), parts.hidden(), parts.terms()));
            }
        }
        lines.add("= " + firstTerms(parts.terms()) + " = " + Paint.fmt(parts.score()));
        for (int i = 0; i < lines.size(); i++) {
            s.text(lines.get(i), x + 4, y + fs + i * ROW, fs, i == 0, i == 0 ? style.foreground() : style.muted(),
                    Surface.Align.LEFT, 0);
        }
        double sy = y + lines.size() * ROW + 2;
        for (int i = 0; i < strips.size(); i++) {
            s.text(names.get(i), x + labelW - 6, sy + STRIP_H - 1, fs * 0.9, false, style.muted(), Surface.Align.RIGHT, 0);
            strip(s, strips.get(i), x + labelW, sy, colW - labelW, STRIP_H, Paint.maxAbs(strips.get(i)));
            sy += STRIP_H + 4;
        }
        return y + formulaHeight();
    }

    private static String firstTerms(float[] terms) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(3, terms.length); i++) {
            b.append(i == 0 ? "" : " + ").append(Paint.fmt(terms[i]));
        }
        if (terms.length > 3) {
            b.append(" + … (").append(terms.length).append(" terms)");
        }
        return b.toString();
    }

    private void topFive(Surface s, double x, double y) {
        double fs = style.fontSize();
        y = title(s, "5  output: the 5 most probable words", x, y);
        List<WordProbability> top = t.topWords().get(step);
        String chosen = t.outputTokens().get(step);
        for (int i = 0; i < top.size(); i++) {
            WordProbability w = top.get(i);
            double by = y + i * ROW;
            boolean isChosen = w.word().equals(chosen);
            label(s, w.word(), x, by, isChosen);
            double bw = (colW - labelW - 70) * w.probability();
            s.fillRect(x + labelW, by + 3, Math.max(1, bw), ROW - 6, isChosen ? style.highlight() : style.foreground());
            s.text(String.format(java.util.Locale.ROOT, "%.1f%%", 100 * w.probability()), x + labelW + bw + 6, by + ROW - 5, fs,
                    false, style.muted(), Surface.Align.LEFT, 0);
        }
        boolean inTop = top.stream().anyMatch(w -> w.word().equals(chosen));
        String line = t.forced(step) ? "forced: \"" + chosen + "\"" + (inTop ? "" : " (not among the 5 most probable)")
                : "chosen (the most probable): \"" + chosen + "\"";
        s.text(line, x, y + top.size() * ROW + fs + 4, fs, true, style.highlight(), Surface.Align.LEFT, 0);
    }

    private double title(Surface s, String text, double x, double y) {
        s.text(text, x, y + style.fontSize(), style.fontSize(), true, style.foreground(), Surface.Align.LEFT, 0);
        return y + ROW * 1.4;
    }

    private void label(Surface s, String text, double x, double y, boolean strong) {
        s.text(text, x + labelW - 6, y + ROW - 5, style.fontSize(), strong, strong ? style.highlight() : style.foreground(),
                Surface.Align.RIGHT, 0);
    }

    private void signedBar(Surface s, String word, double v, double max, double x, double y, boolean strong) {
        label(s, word, x, y, strong);
        double zero = x + labelW + (colW - labelW - 70) / 2;
        double half = (colW - labelW - 70) / 2;
        double w = max > 0 ? half * v / max : 0;
        s.fillRect(Math.min(zero, zero + w), y + 3, Math.max(1, Math.abs(w)), ROW - 6, strong ? style.highlight() : style.foreground());
        s.line(zero, y, zero, y + ROW, 1, style.grid());
        s.text(Paint.fmt(v), x + colW - 4, y + ROW - 5, style.fontSize(), strong, style.muted(), Surface.Align.RIGHT, 0);
    }

    private void strip(Surface s, float[] values, double x, double y, double w, double h, double max) {
        int n = values.length;
        int[][] argb = new int[1][n];
        for (int i = 0; i < n; i++) {
            argb[0][i] = Paint.signed(values[i], max, style);
        }
        s.cells(x, y, w / Math.max(1, n), h, argb);
        s.strokeRect(x, y, w, h, 0.5, style.grid());
    }
}
