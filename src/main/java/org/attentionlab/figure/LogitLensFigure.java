package org.attentionlab.figure;

import java.util.List;

/**
 * What each layer would say (the logit lens): one row per hidden state, from the embeddings up
 * to the last layer, with its top tokens when the final LayerNorm and the LM head are applied
 * to it; each cell is shaded by the probability. The last row is the model's own prediction.
 */
public final class LogitLensFigure implements Figure {
    /**
     * One row.
     *
     * @param name   "embeddings", "layer 1", ...
     * @param labels the top tokens' labels, most likely first
     * @param probs  their probabilities
     * @param marked for each, whether it is the token the step took
     */
    public record Row(String name, List<String> labels, float[] probs, boolean[] marked) {
    }

    private static final double PAD = 10;
    private static final int SHADE = 0xff0072b2;

    private final List<Row> rows;
    private final String title;
    private final FigureStyle style;
    private final double size;
    private final double rowH;
    private final double nameW;
    private final double cellW;
    private final double tableY;
    private final int cols;
    private final double width;
    private final double height;

    public LogitLensFigure(List<Row> rows, String title, FigureStyle style, TextMeasure measure) {
        this.rows = List.copyOf(rows);
        this.title = title;
        this.style = style;
        this.size = style.fontSize();
        this.rowH = Math.round(size * 1.9);
        double nw = 0;
        double cw = size * 9.5;
        int c = 0;
        for (Row r : rows) {
            nw = Math.max(nw, measure.width(r.name(), size, true));
            c = Math.max(c, r.labels().size());
            for (String l : r.labels()) {
                cw = Math.max(cw, measure.width(l, size, false) + measure.width(" 0.000", size * 0.85, false) + 16);
            }
        }
        this.cols = c;
        this.nameW = nw + 14;
        this.cellW = Math.min(cw, size * 16);
        this.tableY = PAD + (title == null ? 0 : size * 2) + size * 1.4;
        this.width = Math.ceil(PAD * 2 + nameW + cols * (cellW + 4));
        this.height = Math.ceil(tableY + rows.size() * rowH + PAD);
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
        for (int c = 0; c < cols; c++) {
            s.text(c == 0 ? "top 1" : "top " + (c + 1), PAD + nameW + c * (cellW + 4), tableY - size * 0.4, size * 0.85, false,
                    style.muted(), Surface.Align.LEFT, 0);
        }
        // the deepest layer on top, as the prediction forms going up
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(rows.size() - 1 - i);
            double y = tableY + i * rowH;
            s.text(r.name(), PAD + nameW - 10, y + rowH * 0.64, size, i == 0, style.foreground(), Surface.Align.RIGHT, 0);
            for (int c = 0; c < r.labels().size(); c++) {
                double x = PAD + nameW + c * (cellW + 4);
                float p = r.probs()[c];
                int alpha = (int) Math.round(30 + 200 * Math.min(1, Math.sqrt(p)));
                s.fillRect(x, y + 2, cellW, rowH - 4, NextTokenFigure.withAlpha(SHADE, alpha));
                if (r.marked()[c]) {
                    s.strokeRect(x, y + 2, cellW, rowH - 4, 2.5, style.highlight());
                }
                int ink = alpha > 140 ? 0xffffffff : style.foreground();
                s.text(clip(r.labels().get(c)), x + 6, y + rowH * 0.64, size, r.marked()[c], ink, Surface.Align.LEFT, 0);
                s.text(NextTokenFigure.fmt(p, 3), x + cellW - 5, y + rowH * 0.64, size * 0.85, false, ink, Surface.Align.RIGHT, 0);
            }
        }
    }

    private static String clip(String label) {
        return label.length() > 14 ? label.substring(0, 13) + "\u2026" : label;
    }
}
