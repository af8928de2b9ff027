package org.attentionlab.figure;

import java.util.List;

/**
 * The newest token's row of causal attention as bars over the prefix: how much the new token
 * looked at each earlier token (and at itself), the largest in the highlight colour.
 */
public final class AttentionRowFigure implements Figure {
    private static final double PAD = 10;
    private static final int BAR = 0xff0072b2;

    private final List<String> labels;
    private final float[] weights;
    private final String title;
    private final FigureStyle style;
    private final double size;
    private final double barW;
    private final double plotH;
    private final double plotY;
    private final double labelH;
    private final double width;
    private final double height;
    private final int best;

    public AttentionRowFigure(List<String> labels, float[] weights, String title, FigureStyle style, TextMeasure measure) {
        this.labels = List.copyOf(labels);
        this.weights = weights.clone();
        this.title = title;
        this.style = style;
        this.size = style.fontSize();
        this.barW = Math.max(size * 1.2, Math.min(size * 2.6, 640.0 / Math.max(1, weights.length)));
        double lh = 0;
        for (String l : labels) {
            lh = Math.max(lh, measure.width(clip(l), size * 0.9, false));
        }
        this.labelH = lh + 8;
        this.plotH = size * 5;
        this.plotY = PAD + (title == null ? 0 : size * 2) + size * 1.2;
        int b = 0;
        for (int i = 1; i < weights.length; i++) {
            if (weights[i] > weights[b]) {
                b = i;
            }
        }
        this.best = b;
        this.width = Math.ceil(PAD * 2 + size * 3 + weights.length * barW);
        this.height = Math.ceil(plotY + plotH + labelH + PAD);
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
        s.fillRect(0, 0, width, height, style.background());
        if (title != null) {
            s.text(title, PAD, PAD + size * 1.2, size * 1.15, true, style.foreground(), Surface.Align.LEFT, 0);
        }
        double x0 = PAD + size * 3;
        double base = plotY + plotH;
        s.line(x0, base, x0 + weights.length * barW, base, 1, style.grid());
        s.text("1", x0 - 4, plotY + size * 0.4, size * 0.8, false, style.muted(), Surface.Align.RIGHT, 0);
        s.text("0", x0 - 4, base, size * 0.8, false, style.muted(), Surface.Align.RIGHT, 0);
        s.line(x0, plotY, x0 + weights.length * barW, plotY, 0.5, withAlpha(style.grid(), 0x60));
        for (int i = 0; i < weights.length; i++) {
            double h = Math.max(0, Math.min(1, weights[i])) * plotH;
            double x = x0 + i * barW;
            s.fillRect(x + barW * 0.12, base - h, barW * 0.76, h, i == best ? style.highlight() : BAR);
            boolean newest = i == weights.length - 1;
            s.text(clip(labels.get(i)), x + barW * 0.5 + size * 0.3, base + 6, size * 0.9, newest,
                    newest ? style.highlight() : style.foreground(), Surface.Align.RIGHT, -90);
        }
    }

    private static int withAlpha(int argb, int alpha) {
        return (alpha << 24) | (argb & 0xffffff);
    }

    private static String clip(String label) {
        return label.length() > 12 ? label.substring(0, 11) + "\u2026" : label;
    }
}
