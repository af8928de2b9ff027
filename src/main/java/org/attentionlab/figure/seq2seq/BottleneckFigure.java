package org.attentionlab.figure.seq2seq;

import java.util.List;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.HeadPalette;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;

/**
 * Exact-match accuracy against source length, one line per model: with attention the line stays
 * up as sentences grow; without it, everything must squeeze through one final encoder state.
 */
public final class BottleneckFigure implements Figure {
    private static final double PAD = 12;

    private final List<LengthAccuracy> curves;
    private final String title;
    private final FigureStyle style;
    private final double width;
    private final double height;
    private final int minLen;
    private final int maxLen;
    /** Width of the legend column right of the plot: as wide as its longest line. */
    private final double legendWidth;

    public BottleneckFigure(List<LengthAccuracy> curves, String title, double width, double height, FigureStyle style,
                            TextMeasure measure) {
        this.curves = List.copyOf(curves);
        this.title = title;
        this.style = style;
        this.width = width;
        this.height = height;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (LengthAccuracy c : curves) {
            for (LengthAccuracy.Bucket b : c.buckets()) {
                lo = Math.min(lo, b.sourceLength());
                hi = Math.max(hi, b.sourceLength());
            }
        }
        minLen = lo == Integer.MAX_VALUE ? 1 : lo;
        maxLen = hi == Integer.MIN_VALUE ? 10 : Math.max(hi, minLen + 1);
        double widest = 0;
        for (LengthAccuracy c : curves) {
            widest = Math.max(widest, measure.width(legendName(c), style.fontSize(), true));
            widest = Math.max(widest, measure.width(legendFigure(c), style.fontSize(), false));
        }
        legendWidth = Math.max(160, widest + 40 + PAD);
    }

    private static String legendName(LengthAccuracy c) {
        return c.model() + (c.attention() ? "" : " (no attention)");
    }

    private static String legendFigure(LengthAccuracy c) {
        return String.format(java.util.Locale.ROOT, "%.1f%% of %d", 100 * c.exactMatch(), c.sentences());
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

    /** Line colour of the i-th model. */
    public static int colour(int i) {
        return HeadPalette.argb(i);
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        s.fillRect(0, 0, width, height, style.background());
        s.text(title, PAD, PAD + fs, fs * 1.1, true, style.foreground(), Surface.Align.LEFT, 0);
        double left = PAD + 50;
        double top = PAD + fs * 2 + PAD;
        double right = width - legendWidth;
        double bottom = height - PAD - fs * 3;
        s.strokeRect(left, top, right - left, bottom - top, 1, style.grid());
        for (int p = 0; p <= 100; p += 20) {
            double y = bottom - (bottom - top) * p / 100.0;
            s.line(left, y, right, y, 0.5, style.grid());
            s.text(p + "%", left - 6, y + fs * 0.35, fs, false, style.muted(), Surface.Align.RIGHT, 0);
        }
        int span = maxLen - minLen;
        int stepTick = span > 12 ? 2 : 1;
        for (int len = minLen; len <= maxLen; len += stepTick) {
            double x = left + (right - left) * (len - minLen) / (double) span;
            s.line(x, bottom, x, bottom + 4, 1, style.grid());
            s.text(Integer.toString(len), x, bottom + fs + 4, fs, false, style.muted(), Surface.Align.CENTER, 0);
        }
        s.text("source length (words)", (left + right) / 2, bottom + fs * 2 + 8, fs, false, style.foreground(),
                Surface.Align.CENTER, 0);
        s.text("exact match", PAD + 4, (top + bottom) / 2, fs, false, style.foreground(), Surface.Align.CENTER, -90);
        for (int i = 0; i < curves.size(); i++) {
            LengthAccuracy c = curves.get(i);
            int colour = colour(i);
            // earlier lines are drawn wider, so lines that coincide (three models at 100%) stay
            // visible as stacked bands instead of the last one hiding the others
            double extra = 2.5 * (curves.size() - 1 - i);
            double lineWidth = 2.5 + extra;
            double marker = 6 + extra;
            double px = Double.NaN;
            double py = Double.NaN;
            for (LengthAccuracy.Bucket b : c.buckets()) {
                double x = left + (right - left) * (b.sourceLength() - minLen) / (double) span;
                double y = bottom - (bottom - top) * b.exactMatch();
                if (!Double.isNaN(px)) {
                    s.line(px, py, x, y, lineWidth, colour);
                }
                s.fillRect(x - marker / 2, y - marker / 2, marker, marker, colour);
                px = x;
                py = y;
            }
            double ly = top + 10 + i * (fs * 2.6);
            s.fillRect(right + 16, ly - 4, 18, 4, colour);
            s.text(legendName(c), right + 40, ly, fs, true, style.foreground(), Surface.Align.LEFT, 0);
            s.text(legendFigure(c), right + 40, ly + fs * 1.2, fs, false, style.muted(), Surface.Align.LEFT, 0);
        }
        if (curves.isEmpty()) {
            s.text("Run the measurement to draw the curves.", (left + right) / 2, (top + bottom) / 2, fs, false, style.muted(),
                    Surface.Align.CENTER, 0);
        }
    }
}
