package org.attentionlab.figure;

import java.util.List;
import org.attentionlab.domain.ModelKind;

/**
 * The head view: every token twice, queries on the left and keys on the right, with a line
 * from each query to each key it attends to, as thick and opaque as the weight. Several heads
 * draw at once, each in its own colour. Hovering a token keeps only its lines.
 */
public final class HeadLinesFigure implements Figure {
    /** One head's map and the colour its lines are drawn in. */
    public record HeadLines(String name, AttentionMatrix matrix, int argb) {
    }

    /**
     * @param rowHeight  vertical space per token in pixels
     * @param labelKind  how tokens are spelled
     * @param focusSide  0 to keep only lines from query {@code focus}, 1 for lines into key {@code focus}
     * @param focus      row (side 0) or column (side 1) index whose lines alone are drawn, or -1 for all
     * @param highlight  encoding position of a selected token drawn in the highlight colour, or -1
     */
    public record Options(double rowHeight, ModelKind labelKind, Captions captions, int focusSide, int focus,
                          int highlight) {
        public static Options defaults(ModelKind kind) {
            return new Options(22, kind, Captions.english(), 0, -1, -1);
        }

        public Options withFocus(int side, int index) {
            return new Options(rowHeight, labelKind, captions, side, index, highlight);
        }

        public Options withRowHeight(double h) {
            return new Options(h, labelKind, captions, focusSide, focus, highlight);
        }

        public Options withHighlight(int token) {
            return new Options(rowHeight, labelKind, captions, focusSide, focus, token);
        }
    }

    /** A token under the pointer: side 0 is the query column, side 1 the key column. */
    public record Hit(int side, int index) {
    }

    /** Weights below this draw nothing visible; skipping them keeps long inputs fast. */
    private static final float MIN_WEIGHT = 0.005f;
    private static final double PAD = 10;

    private final List<HeadLines> heads;
    private final Options options;
    private final FigureStyle style;
    private final List<String> rowLabels;
    private final List<String> colLabels;
    private final double labelSize;
    private final double top;
    private final double leftTextRight;
    private final double linesStart;
    private final double linesEnd;
    private final double rightTextLeft;
    private final double width;
    private final double height;
    private final double maxLineWidth;

    public HeadLinesFigure(List<HeadLines> heads, Options options, FigureStyle style, TextMeasure measure) {
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("the head view needs at least one head");
        }
        this.heads = List.copyOf(heads);
        this.options = options;
        this.style = style;
        AttentionMatrix first = heads.get(0).matrix();
        this.rowLabels = TokenLabels.displayAll(first.rowTokens(), options.labelKind());
        this.colLabels = TokenLabels.displayAll(first.colTokens(), options.labelKind());
        this.labelSize = Math.max(7, Math.min(style.fontSize(), options.rowHeight() * 0.72));
        double cap = style.fontSize();
        double leftW = FigureText.widestLabel(rowLabels, labelSize, measure);
        double rightW = FigureText.widestLabel(colLabels, labelSize, measure);
        double legendW = PAD;
        for (HeadLines h : heads) {
            legendW += cap + 4 + measure.width(h.name(), cap * 0.9, false) + 12;
        }
        this.top = PAD + cap * 3.4;
        this.leftTextRight = PAD + Math.max(leftW, FigureText.captionWidth(options.captions().query(), style, measure));
        this.linesStart = leftTextRight + 8;
        int n = Math.max(first.rows(), first.cols());
        this.linesEnd = linesStart + Math.max(220, Math.min(420, n * 6.0));
        this.rightTextLeft = linesEnd + 8;
        double byLabels = rightTextLeft + Math.max(rightW, FigureText.captionWidth(options.captions().key(), style, measure)) + PAD;
        this.width = Math.ceil(Math.max(byLabels, legendW));
        this.height = Math.ceil(top + n * options.rowHeight() + PAD);
        this.maxLineWidth = Math.max(2, Math.min(6, options.rowHeight() * 0.25));
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

    /** The heads drawn, the selected one first. */
    public List<HeadLines> heads() {
        return heads;
    }

    public Options options() {
        return options;
    }

    /** The token at (x, y), or null. */
    public Hit hit(double x, double y) {
        int i = (int) Math.floor((y - top) / options.rowHeight());
        if (y < top) {
            return null;
        }
        if (x >= PAD && x <= linesStart && i < rowLabels.size()) {
            return new Hit(0, i);
        }
        if (x >= linesEnd && x <= width && i < colLabels.size()) {
            return new Hit(1, i);
        }
        return null;
    }

    @Override
    public void paint(Surface s) {
        double cap = style.fontSize();
        double rowH = options.rowHeight();
        s.fillRect(0, 0, width, height, style.background());

        double lx = PAD;
        double ly = PAD + cap;
        for (HeadLines h : heads) {
            s.fillRect(lx, ly - cap * 0.8, cap, cap * 0.8, h.argb());
            lx += cap + 4;
            s.text(h.name(), lx, ly, cap * 0.9, false, style.foreground(), Surface.Align.LEFT, 0);
            lx += s.width(h.name(), cap * 0.9, false) + 12;
        }
        FigureText.paintCaption(s, style, options.captions().query(), leftTextRight, top - cap * 0.6, Surface.Align.RIGHT, 0);
        FigureText.paintCaption(s, style, options.captions().key(), rightTextLeft, top - cap * 0.6, Surface.Align.LEFT, 0);

        int focus = options.focus();
        for (HeadLines h : heads) {
            AttentionMatrix m = h.matrix();
            float[][] w = m.weights();
            for (int q = 0; q < m.rows(); q++) {
                if (focus >= 0 && options.focusSide() == 0 && q != focus) {
                    continue;
                }
                double y1 = top + (q + 0.5) * rowH;
                for (int k = 0; k < m.cols(); k++) {
                    if (focus >= 0 && options.focusSide() == 1 && k != focus) {
                        continue;
                    }
                    float v = w[q][k];
                    if (v < MIN_WEIGHT || !m.isAllowed(q, k)) {
                        continue;
                    }
                    // width and opacity follow the weight itself, so heads compare fairly
                    double rel = Math.min(1, v);
                    int alpha = (int) Math.round(255 * (0.1 + 0.9 * rel));
                    int argb = alpha << 24 | (h.argb() & 0xffffff);
                    double y2 = top + (k + 0.5) * rowH;
                    s.line(linesStart, y1, linesEnd, y2, Math.max(0.6, rel * maxLineWidth), argb);
                }
            }
        }

        AttentionMatrix m = heads.get(0).matrix();
        int hr = options.highlight() < 0 ? -1 : m.rowOf(options.highlight());
        int hc = options.highlight() < 0 ? -1 : m.colOf(options.highlight());
        FigureText.paintTokenLabels(s, style, rowLabels, m.rowSegments(),
                q -> q == hr || (focus == q && options.focusSide() == 0), labelSize, top, rowH, leftTextRight,
                Surface.Align.RIGHT, false);
        FigureText.paintTokenLabels(s, style, colLabels, m.colSegments(),
                k -> k == hc || (focus == k && options.focusSide() == 1), labelSize, top, rowH, rightTextLeft,
                Surface.Align.LEFT, false);
    }
}
