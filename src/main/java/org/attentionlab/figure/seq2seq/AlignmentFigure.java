package org.attentionlab.figure.seq2seq;

import java.util.List;
import org.attentionlab.domain.Translation;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;

/**
 * The alignment matrix of a translation: one row per decoder step (its output word), one column
 * per source position, each cell's colour its attention weight. Optionally the argmax path (each
 * row's largest weight, joined), the gold alignment as outlined cells, and one highlighted step.
 */
public final class AlignmentFigure implements Figure {
    /**
     * @param cell         cell side in pixels
     * @param argmaxPath   draw each row's argmax, joined from row to row
     * @param gold         per target word the gold source positions, outlined; null for none
     * @param highlightRow the step to frame, or -1
     * @param title        a title line, or null
     */
    public record Options(double cell, boolean argmaxPath, List<List<Integer>> gold, int highlightRow, String title) {
        public static Options defaults() {
            return new Options(26, true, null, -1, null);
        }

        public Options withTitle(String t) {
            return new Options(cell, argmaxPath, gold, highlightRow, t);
        }

        public Options withGold(List<List<Integer>> g) {
            return new Options(cell, argmaxPath, g, highlightRow, title);
        }

        public Options withHighlightRow(int r) {
            return new Options(cell, argmaxPath, gold, r, title);
        }

        public Options withArgmaxPath(boolean on) {
            return new Options(cell, on, gold, highlightRow, title);
        }

        public Options withCell(double c) {
            return new Options(c, argmaxPath, gold, highlightRow, title);
        }
    }

    private static final double GAP = 8;

    private final Translation t;
    private final Options o;
    private final FigureStyle style;
    private final double left;
    private final double top;
    private final double width;
    private final double height;
    private final double titleHeight;

    public AlignmentFigure(Translation translation, Options options, FigureStyle style, TextMeasure measure) {
        this.t = translation;
        this.o = options;
        this.style = style;
        double fs = style.fontSize();
        double rowLabel = 0;
        for (int r = 0; r < t.steps(); r++) {
            rowLabel = Math.max(rowLabel, measure.width(rowLabel(r), fs, t.forced(r)));
        }
        double colLabel = 0;
        for (String s : t.sourceTokens()) {
            colLabel = Math.max(colLabel, measure.width(s, fs, false));
        }
        titleHeight = o.title() == null ? 0 : fs * 1.3 + GAP;
        left = rowLabel + GAP * 2;
        top = titleHeight + colLabel + GAP * 2;
        int cols = t.hasAttention() ? t.sourceTokens().size() : 0;
        double minWidth = o.title() == null ? 0 : measure.width(o.title(), fs * 1.1, true) + GAP * 2;
        width = Math.max(minWidth, left + Math.max(cols, 6) * o.cell() + GAP * 2);
        height = top + t.steps() * o.cell() + GAP * 2 + (t.hasAttention() ? 0 : fs * 2);
    }

    private String rowLabel(int r) {
        return (t.forced(r) ? "▸ " : "") + t.outputTokens().get(r);
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

    /** The (step, source position) under a point, or null. */
    public int[] cellAt(double x, double y) {
        if (!t.hasAttention()) {
            return null;
        }
        int c = (int) Math.floor((x - left) / o.cell());
        int r = (int) Math.floor((y - top) / o.cell());
        if (x < left || y < top || r >= t.steps() || c >= t.sourceTokens().size()) {
            return null;
        }
        return new int[] {r, c};
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        double cell = o.cell();
        s.fillRect(0, 0, width, height, style.background());
        if (o.title() != null) {
            s.text(o.title(), GAP, GAP + fs, fs * 1.1, true, style.foreground(), Surface.Align.LEFT, 0);
        }
        int cols = t.sourceTokens().size();
        for (int r = 0; r < t.steps(); r++) {
            double y = top + r * cell;
            s.text(rowLabel(r), left - GAP, y + cell / 2 + fs * 0.35, fs, t.forced(r),
                    r == o.highlightRow() ? style.highlight() : style.foreground(), Surface.Align.RIGHT, 0);
        }
        if (!t.hasAttention()) {
            s.text("no attention: the decoder sees only the encoder's final state", left, top + t.steps() * cell + fs * 1.5, fs,
                    false, style.muted(), Surface.Align.LEFT, 0);
            return;
        }
        for (int c = 0; c < cols; c++) {
            double x = left + c * cell + cell / 2 + fs * 0.35;
            s.text(t.sourceTokens().get(c), x, top - GAP, fs, false, style.foreground(), Surface.Align.LEFT, -90);
        }
        int[][] argb = new int[t.steps()][cols];
        for (int r = 0; r < t.steps(); r++) {
            for (int c = 0; c < cols; c++) {
                argb[r][c] = ColorMap.VIRIDIS.argb(t.alignment()[r][c]);
            }
        }
        s.cells(left, top, cell, cell, argb);
        if (o.gold() != null) {
            for (int r = 0; r < Math.min(t.steps(), o.gold().size()); r++) {
                for (int c : o.gold().get(r)) {
                    if (c < cols) {
                        s.strokeRect(left + c * cell + 2, top + r * cell + 2, cell - 4, cell - 4, 2.5, 0xffff3b30);
                    }
                }
            }
        }
        if (o.argmaxPath()) {
            double px = Double.NaN;
            double py = Double.NaN;
            for (int r = 0; r < t.steps(); r++) {
                int best = 0;
                for (int c = 1; c < cols; c++) {
                    best = t.alignment()[r][c] > t.alignment()[r][best] ? c : best;
                }
                double x = left + best * cell + cell / 2;
                double y = top + r * cell + cell / 2;
                if (!Double.isNaN(px)) {
                    s.line(px, py, x, y, 2, 0xffffffff);
                }
                s.fillRect(x - 3, y - 3, 6, 6, 0xffffffff);
                s.strokeRect(x - 3, y - 3, 6, 6, 1, 0xff000000);
                px = x;
                py = y;
            }
        }
        if (o.highlightRow() >= 0 && o.highlightRow() < t.steps()) {
            s.strokeRect(left - 1, top + o.highlightRow() * cell - 1, cols * cell + 2, cell + 2, 2, style.highlight());
        }
        s.strokeRect(left, top, cols * cell, t.steps() * cell, 1, style.grid());
    }
}
