package org.attentionlab.figure;

import java.util.List;
import java.util.Locale;
import org.attentionlab.domain.ModelKind;

/**
 * One attention map as a grid of coloured cells: queries down the left, keys along the top,
 * a colour legend on the right. Masked cells (a GPT-2 query's future keys) are drawn in the
 * style's masked colour with a hatch, so causal structure is visible and never read as a
 * weight of 0. The layout is computed once; {@link #hit(double, double)} maps a pointer
 * position back to a token for hover and click.
 */
public final class HeatmapFigure implements Figure, StickyLabels {
    /**
     * @param cellSize  side of one cell in pixels
     * @param colorMap  maps weight / scaleMax to a colour
     * @param scaleMax  the weight drawn at the top of the scale; NaN uses the map's largest weight
     * @param labelKind how tokens are spelled on the axes (see {@link TokenLabels})
     * @param title     line above the map, or null
     * @param highlight encoding position of the token whose row and column are outlined, or -1
     */
    public record Options(double cellSize, ColorMap colorMap, double scaleMax, ModelKind labelKind,
                          String title, Captions captions, int highlight) {
        public static Options defaults(ModelKind kind) {
            return new Options(22, ColorMap.VIRIDIS, Double.NaN, kind, null, Captions.english(), -1);
        }

        public Options withCellSize(double size) {
            return new Options(size, colorMap, scaleMax, labelKind, title, captions, highlight);
        }

        public Options withTitle(String t) {
            return new Options(cellSize, colorMap, scaleMax, labelKind, t, captions, highlight);
        }

        public Options withHighlight(int token) {
            return new Options(cellSize, colorMap, scaleMax, labelKind, title, captions, token);
        }
    }

    /** What lies under a point: a cell, a row label, a column label, or nothing. */
    public record Hit(Kind kind, int row, int col) {
        public enum Kind { NONE, CELL, ROW_LABEL, COL_LABEL }

        static final Hit NONE = new Hit(Kind.NONE, -1, -1);
    }

    private static final double PAD = 10;
    private static final double LEGEND_GAP = 18;
    private static final double LEGEND_BAR = 14;

    private final AttentionMatrix matrix;
    private final Options options;
    private final FigureStyle style;
    private final List<String> rowLabels;
    private final List<String> colLabels;
    private final double labelSize;
    private final double scaleMax;
    private final double gridX;
    private final double gridY;
    private final double titleY;
    private final double bandTop;
    private final double colCaptionY;
    private final double legendX;
    private final double legendH;
    private final double width;
    private final double height;
    private final boolean anyMasked;

    public HeatmapFigure(AttentionMatrix matrix, Options options, FigureStyle style, TextMeasure measure) {
        this.matrix = matrix;
        this.options = options;
        this.style = style;
        this.rowLabels = TokenLabels.displayAll(matrix.rowTokens(), options.labelKind());
        this.colLabels = TokenLabels.displayAll(matrix.colTokens(), options.labelKind());
        double cell = options.cellSize();
        this.labelSize = Math.max(6, Math.min(style.fontSize(), cell * 0.8));
        double max = Double.isNaN(options.scaleMax()) ? matrix.maxWeight() : options.scaleMax();
        this.scaleMax = max > 0 ? max : 1;
        boolean masked = false;
        for (int r = 0; r < matrix.rows() && !masked; r++) {
            for (int c = 0; c < matrix.cols() && !masked; c++) {
                masked = !matrix.isAllowed(r, c);
            }
        }
        this.anyMasked = masked;

        double captionSize = style.fontSize();
        double rowLabelW = FigureText.widestLabel(rowLabels, labelSize, measure) + 6;
        double colLabelH = FigureText.widestLabel(colLabels, labelSize, measure) + 6;
        double titleH = options.title() == null ? 0 : captionSize * 1.8;
        this.titleY = PAD + captionSize * 1.2;
        this.bandTop = PAD + titleH;
        this.colCaptionY = PAD + titleH + captionSize * 1.1;
        this.gridX = PAD + captionSize * 1.6 + rowLabelW;
        this.gridY = PAD + titleH + captionSize * 1.6 + colLabelH;
        double gridW = matrix.cols() * cell;
        double gridH = matrix.rows() * cell;
        this.legendX = gridX + gridW + LEGEND_GAP;
        this.legendH = Math.max(120, Math.min(gridH, 320));
        double tickW = 0;
        for (double t : ticks()) {
            tickW = Math.max(tickW, measure.width(format(t), captionSize * 0.9, false));
        }
        double maskedW = anyMasked ? captionSize + 6 + measure.width(options.captions().masked(), captionSize * 0.9, false) : 0;
        double legendW = Math.max(LEGEND_BAR + 6 + tickW, maskedW);
        double titleW = options.title() == null ? 0 : PAD + measure.width(options.title(), captionSize * 1.15, true);
        double colCaptionW = gridX + FigureText.captionWidth(options.captions().key(), style, measure);
        this.width = Math.ceil(Math.max(Math.max(legendX + legendW, titleW), colCaptionW) + PAD);
        double legendBottom = gridY + legendH + (anyMasked ? captionSize * 2.4 : 0);
        double rowCaptionH = gridY + FigureText.captionWidth(options.captions().query(), style, measure);
        this.height = Math.ceil(Math.max(Math.max(gridY + gridH, legendBottom), rowCaptionH) + PAD);
    }

    public AttentionMatrix matrix() {
        return matrix;
    }

    public Options options() {
        return options;
    }

    /** The weight drawn at the top of the colour scale. */
    public double scaleMax() {
        return scaleMax;
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

    /** Left edge of the cell grid. */
    public double gridX() {
        return gridX;
    }

    /** Top edge of the cell grid. */
    public double gridY() {
        return gridY;
    }

    /** The colour a cell is painted with. */
    public int cellColour(int row, int col) {
        if (!matrix.isAllowed(row, col)) {
            return style.masked();
        }
        return options.colorMap().argb(matrix.weights()[row][col] / scaleMax);
    }

    /** What lies at (x, y) in figure coordinates. */
    public Hit hit(double x, double y) {
        double cell = options.cellSize();
        int col = (int) Math.floor((x - gridX) / cell);
        int row = (int) Math.floor((y - gridY) / cell);
        boolean inCols = x >= gridX && col < matrix.cols();
        boolean inRows = y >= gridY && row < matrix.rows();
        if (inCols && inRows) {
            return new Hit(Hit.Kind.CELL, row, col);
        }
        if (inRows && x < gridX && x >= PAD) {
            return new Hit(Hit.Kind.ROW_LABEL, row, -1);
        }
        if (inCols && y < gridY && y >= colCaptionY) {
            return new Hit(Hit.Kind.COL_LABEL, -1, col);
        }
        return Hit.NONE;
    }

    @Override
    public void paint(Surface s) {
        double cell = options.cellSize();
        int rows = matrix.rows();
        int cols = matrix.cols();
        double gridW = cols * cell;
        double gridH = rows * cell;
        double cap = style.fontSize();
        s.fillRect(0, 0, width, height, style.background());
        if (options.title() != null) {
            s.text(options.title(), PAD, titleY, cap * 1.15, true, style.foreground(), Surface.Align.LEFT, 0);
        }

        int[][] colours = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                colours[r][c] = cellColour(r, c);
            }
        }
        if (rows > 0 && cols > 0) {
            s.cells(gridX, gridY, cell, cell, colours);
        }
        if (anyMasked && cell >= 9) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (!matrix.isAllowed(r, c)) {
                        double x = gridX + c * cell;
                        double y = gridY + r * cell;
                        s.line(x + cell * 0.25, y + cell * 0.75, x + cell * 0.75, y + cell * 0.25, 1, style.grid());
                    }
                }
            }
        }
        int rowSplit = firstOfSegmentB(matrix.rowSegments());
        if (rowSplit > 0) {
            s.line(gridX, gridY + rowSplit * cell, gridX + gridW, gridY + rowSplit * cell, 2, style.background());
        }
        int colSplit = firstOfSegmentB(matrix.colSegments());
        if (colSplit > 0) {
            s.line(gridX + colSplit * cell, gridY, gridX + colSplit * cell, gridY + gridH, 2, style.background());
        }
        s.strokeRect(gridX, gridY, gridW, gridH, 1, style.grid());

        int hr = options.highlight() < 0 ? -1 : matrix.rowOf(options.highlight());
        int hc = options.highlight() < 0 ? -1 : matrix.colOf(options.highlight());
        if (hr >= 0) {
            s.strokeRect(gridX, gridY + hr * cell, gridW, cell, 2, style.highlight());
        }
        if (hc >= 0) {
            s.strokeRect(gridX + hc * cell, gridY, cell, gridH, 2, style.highlight());
        }

        rowLabels(s);
        columnLabels(s);
        paintLegend(s, cap);
    }

    @Override
    public double bodyX() {
        return gridX;
    }

    @Override
    public double bodyY() {
        return gridY;
    }

    @Override
    public double columnBandTop() {
        return bandTop;
    }

    @Override
    public void paintColumnLabels(Surface s) {
        s.fillRect(0, bandTop, width, gridY - bandTop, style.background());
        columnLabels(s);
    }

    @Override
    public void paintRowLabels(Surface s) {
        s.fillRect(0, bandTop, gridX, height - bandTop, style.background());
        rowLabels(s);
    }

    /** The query labels left of the grid and their caption. */
    private void rowLabels(Surface s) {
        int hr = options.highlight() < 0 ? -1 : matrix.rowOf(options.highlight());
        FigureText.paintTokenLabels(s, style, rowLabels, matrix.rowSegments(), r -> r == hr, labelSize,
                gridY, options.cellSize(), gridX - 5, Surface.Align.RIGHT, false);
        FigureText.paintCaption(s, style, options.captions().query(), PAD + style.fontSize(), gridY,
                Surface.Align.RIGHT, -90);
    }

    /** The key labels above the grid and their caption. */
    private void columnLabels(Surface s) {
        int hc = options.highlight() < 0 ? -1 : matrix.colOf(options.highlight());
        FigureText.paintTokenLabels(s, style, colLabels, matrix.colSegments(), c -> c == hc, labelSize,
                gridX, options.cellSize(), gridY - 5, Surface.Align.LEFT, true);
        FigureText.paintCaption(s, style, options.captions().key() + " \u2192", gridX, colCaptionY,
                Surface.Align.LEFT, 0);
    }

    private void paintLegend(Surface s, double cap) {
        int steps = 128;
        int[][] bar = new int[steps][1];
        for (int i = 0; i < steps; i++) {
            bar[i][0] = options.colorMap().argb(1 - (i + 0.5) / steps);
        }
        s.cells(legendX, gridY, LEGEND_BAR, legendH / steps, bar);
        s.strokeRect(legendX, gridY, LEGEND_BAR, legendH, 1, style.grid());
        for (double t : ticks()) {
            double y = gridY + legendH * (1 - t / scaleMax);
            s.line(legendX + LEGEND_BAR, y, legendX + LEGEND_BAR + 4, y, 1, style.grid());
            s.text(format(t), legendX + LEGEND_BAR + 6, y + cap * 0.3, cap * 0.9, false, style.muted(),
                    Surface.Align.LEFT, 0);
        }
        if (anyMasked) {
            double y = gridY + legendH + cap * 0.9;
            s.fillRect(legendX, y, cap, cap, style.masked());
            s.strokeRect(legendX, y, cap, cap, 1, style.grid());
            s.line(legendX + cap * 0.25, y + cap * 0.75, legendX + cap * 0.75, y + cap * 0.25, 1, style.grid());
            s.text(options.captions().masked(), legendX + cap + 6, y + cap * 0.8, cap * 0.9, false, style.muted(),
                    Surface.Align.LEFT, 0);
        }
    }

    private double[] ticks() {
        return legendTicks();
    }

    /** The legend's tick values: quarters on the fixed 0-1 scale, else 0, half and the top. */
    public double[] legendTicks() {
        if (scaleMax == 1) {
            return new double[] {0, 0.25, 0.5, 0.75, 1};
        }
        return new double[] {0, scaleMax / 2, scaleMax};
    }

    /** A legend number: enough digits to tell 0.05 from 0.5 without noise. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        return v >= 0.1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static int firstOfSegmentB(int[] segments) {
        if (segments == null) {
            return -1;
        }
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
