package org.attentionlab.figure.masking;

import java.util.List;
import java.util.Locale;
import org.attentionlab.domain.masking.RunStats;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.Surface.Align;
import org.attentionlab.figure.TextMeasure;

/**
 * "Run 1,000 times": the measured fraction selected and the 80 / 10 / 10 split as bars beside
 * their targets, and a small table of the same fractions after 10, 30, 100, 300 and 1,000 runs,
 * so the student sees them converge.
 */
public final class RunStatsFigure implements Figure {
    private static final double[] TARGETS = {0.15, 0.8, 0.1, 0.1};
    private static final int[] COLOURS = {0, MaskingFigure.MASK_COLOUR, MaskingFigure.RANDOM_COLOUR, MaskingFigure.KEEP_COLOUR};

    private final List<RunStats> history;
    private final FigureStyle style;
    private final MaskingText text;
    private final double width;
    private final double size;
    private final double labelW;
    private final double valueW;
    private final double[] cols = new double[5];
    private final List<String> titleLines = new java.util.ArrayList<>();

    public RunStatsFigure(List<RunStats> history, FigureStyle style, TextMeasure measure, MaskingText text, double width) {
        this.history = List.copyOf(history);
        this.style = style;
        this.text = text;
        this.width = width;
        this.size = style.fontSize();
        double w = 0;
        for (int i = 0; i < 4; i++) {
            w = Math.max(w, measure.width(label(i), size, false));
        }
        this.labelW = w + size;
        this.valueW = measure.width("100.0%", size * 0.9, true) + size * 0.6;
        double x = size * 0.5;
        for (int c = 0; c < 5; c++) {
            cols[c] = x;
            double cw = Math.max(measure.width(header(c), size * 0.85, true), measure.width("100.0%", size * 0.85, false));
            x += cw + size * 0.8;
        }
        RunStats last = history.isEmpty() ? null : history.get(history.size() - 1);
        String title = last == null ? text.get("mask.figure.runs.none") : text.get("mask.figure.runs.title", last.runs());
        StringBuilder cur = new StringBuilder();
        for (String word : title.split(" ")) {
            String next = cur.length() == 0 ? word : cur + " " + word;
            if (measure.width(next, size, true) > width - size && cur.length() > 0) {
                titleLines.add(cur.toString());
                cur = new StringBuilder(word);
            } else {
                cur = new StringBuilder(next);
            }
        }
        titleLines.add(cur.toString());
    }

    private String header(int c) {
        return c == 0 ? text.get("mask.figure.runs.runs") : text.get("mask.figure.runs.col" + (c - 1));
    }

    private String label(int i) {
        return text.get("mask.figure.runs.row" + i);
    }

    @Override
    public double width() {
        return Math.ceil(Math.max(width, cols[4] + valueW));
    }

    @Override
    public double height() {
        return Math.ceil(size * (1 + 1.4 * titleLines.size() + 4 * 2.4 + 1.8 + 1.5 * (history.size() + 1)) + size);
    }

    @Override
    public FigureStyle style() {
        return style;
    }

    @Override
    public void paint(Surface s) {
        s.fillRect(0, 0, width(), height(), style.background());
        RunStats last = history.isEmpty() ? null : history.get(history.size() - 1);
        double y = size * 0.4;
        for (String line : titleLines) {
            y += size * 1.4;
            s.text(line, size * 0.5, y, size, true, style.foreground(), Align.LEFT, 0);
        }
        y += size;
        double barX = size * 0.5 + labelW;
        double barW = Math.max(size * 4, width - barX - valueW);
        for (int i = 0; i < 4; i++) {
            double v = last == null ? 0 : value(last, i);
            s.text(label(i), size * 0.5, y + size * 1.1, size, false, style.foreground(), Align.LEFT, 0);
            s.fillRect(barX, y + size * 0.2, barW, size * 1.2, style.masked());
            s.fillRect(barX, y + size * 0.2, barW * v, size * 1.2, i == 0 ? style.highlight() : COLOURS[i]);
            double tx = barX + barW * TARGETS[i];
            s.line(tx, y - size * 0.1, tx, y + size * 1.7, 2, style.foreground());
            s.text(pct(v), barX + barW + size * 0.3, y + size * 1.1, size * 0.9, true, style.foreground(), Align.LEFT, 0);
            s.text(text.get("mask.figure.runs.target", pct(TARGETS[i])), tx, y + size * 2.2, size * 0.75, false,
                    style.muted(), Align.CENTER, 0);
            y += size * 2.4;
        }
        y += size * 0.8;
        for (int c = 0; c < cols.length; c++) {
            s.text(header(c), cols[c], y, size * 0.85, true, style.muted(), Align.LEFT, 0);
        }
        for (RunStats r : history) {
            y += size * 1.5;
            s.text(String.format(Locale.ROOT, "%,d", r.runs()), cols[0], y, size * 0.85, false, style.foreground(), Align.LEFT, 0);
            for (int i = 0; i < 4; i++) {
                s.text(pct(value(r, i)), cols[i + 1], y, size * 0.85, false, style.foreground(), Align.LEFT, 0);
            }
        }
    }

    private static double value(RunStats r, int i) {
        return switch (i) {
            case 0 -> r.selectedFraction();
            case 1 -> r.maskFraction();
            case 2 -> r.randomFraction();
            default -> r.keepFraction();
        };
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
