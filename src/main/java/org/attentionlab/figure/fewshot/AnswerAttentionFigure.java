package org.attentionlab.figure.fewshot;

import java.util.Locale;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.PromptLine;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;
import org.attentionlab.figure.TokenLabels;

/**
 * What the answer's first token looked at: for the prompt's last token (the position that chooses
 * it), a bar per prompt line with the attention mass on that line, then the token-level row as
 * one strip of cells with the token labels under it. Tokens where the query word appeared before
 * are underlined and the token right after each is framed, in the highlight colour: an induction
 * head puts its weight on the framed tokens.
 */
public final class AnswerAttentionFigure implements Figure {
    private static final double PAD = 16;
    private static final double BAR_H = 16;
    private static final double CELL = 26;

    private final AnswerAttention attention;
    private final int layer;
    private final int head;
    private final String title;
    private final FigureStyle style;
    private final TextMeasure measure;
    private final ColorMap colors;
    private final double labelW;
    private final double width;
    private final double height;
    private final double rowTop;

    /**
     * @param layer the layer, or -1 for the mean over layers
     * @param head  the head, or -1 for the mean over heads
     */
    public AnswerAttentionFigure(AnswerAttention attention, int layer, int head, String title, FigureStyle style,
                                 TextMeasure measure, ColorMap colors) {
        this.attention = attention;
        this.layer = layer;
        this.head = head;
        this.title = title;
        this.style = style;
        this.measure = measure;
        this.colors = colors;
        double fs = style.fontSize();
        double lw = 0;
        for (int i = 0; i < attention.lines().size(); i++) {
            lw = Math.max(lw, measure.width(lineLabel(i), fs, false));
        }
        this.labelW = Math.min(360, lw + 12);
        double barsH = attention.lines().size() * (BAR_H + 3);
        this.rowTop = PAD + 2 * fs + barsH + 2 * fs + 10;
        int n = attention.tokens().size();
        double labelsH = 0;
        for (String t : TokenLabels.displayAll(attention.tokens(), ModelKind.GPT2)) {
            labelsH = Math.max(labelsH, measure.width(t, fs, false));
        }
        this.width = Math.max(PAD * 2 + labelW + 320, PAD * 2 + n * CELL);
        this.height = rowTop + CELL + 8 + Math.min(140, labelsH) + fs + 36;
    }

    private String lineLabel(int i) {
        PromptLine l = attention.lines().get(i);
        String text = l.text().length() > 40 ? l.text().substring(0, 39) + "…" : l.text();
        return l.label(i) + ": " + text;
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

    /** The token index under (x, y) in the token row, or -1. */
    public int tokenAt(double x, double y) {
        if (y < rowTop || y > rowTop + CELL) {
            return -1;
        }
        int i = (int) Math.floor((x - PAD) / CELL);
        return i >= 0 && i < attention.tokens().size() && x >= PAD ? i : -1;
    }

    /** The weight the row puts on token {@code i}. */
    public float weight(int i) {
        return attention.row(layer, head)[i];
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        s.fillRect(0, 0, width, height, style.background());
        s.text(title, PAD, PAD + fs, fs + 1, true, style.foreground(), Surface.Align.LEFT, 0);
        float[] mass = attention.lineMass(layer, head);
        double barX = PAD + labelW;
        double barW = width - barX - PAD - 56;
        double y = PAD + 2 * fs;
        for (int i = 0; i < mass.length; i++) {
            PromptLine l = attention.lines().get(i);
            int color = l.kind() == PromptLine.Kind.QUERY ? style.highlight()
                    : l.kind() == PromptLine.Kind.DESCRIPTION ? style.muted() : style.segmentB();
            s.text(lineLabel(i), barX - 8, y + BAR_H * 0.7, fs, false, style.foreground(), Surface.Align.RIGHT, 0);
            s.fillRect(barX, y, barW, BAR_H, style.masked());
            s.fillRect(barX, y, barW * Math.max(0, Math.min(1, mass[i])), BAR_H, color);
            s.text(String.format(Locale.ROOT, "%.1f%%", 100 * mass[i]), barX + barW + 6, y + BAR_H * 0.7, fs, false,
                    style.foreground(), Surface.Align.LEFT, 0);
            y += BAR_H + 3;
        }
        float[] row = attention.row(layer, head);
        float max = 0;
        for (float v : row) {
            max = Math.max(max, v);
        }
        s.text("token by token (colour: weight, scaled to the largest, " + String.format(Locale.ROOT, "%.2f", max)
                + "); underlined: the query word earlier; framed: the token after it", PAD, rowTop - 8, fs - 1, false,
                style.muted(), Surface.Align.LEFT, 0);
        int n = row.length;
        int[][] cells = new int[1][n];
        for (int i = 0; i < n; i++) {
            cells[0][i] = colors.argb(max > 0 ? row[i] / max : 0);
        }
        s.cells(PAD, rowTop, CELL, CELL, cells);
        for (int i = 0; i < n; i++) {
            double x = PAD + i * CELL;
            if (i > 0 && attention.tokenLine()[i] != attention.tokenLine()[i - 1]) {
                s.line(x, rowTop - 4, x, rowTop + CELL + 4, 1, style.grid());
            }
            if (attention.afterEarlier()[i]) {
                s.strokeRect(x + 1, rowTop + 1, CELL - 2, CELL - 2, 2.5, style.highlight());
            }
            if (attention.queryEarlier()[i]) {
                s.line(x + 2, rowTop + CELL + 3, x + CELL - 2, rowTop + CELL + 3, 3, style.highlight());
            }
        }
        String[] labels = TokenLabels.displayAll(attention.tokens(), ModelKind.GPT2).toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            boolean mark = attention.queryEarlier()[i] || attention.afterEarlier()[i] || i == n - 1;
            s.text(labels[i], PAD + i * CELL + CELL / 2 + fs / 3, rowTop + CELL + 10, fs, mark,
                    mark ? style.highlight() : style.foreground(), Surface.Align.RIGHT, -90);
        }
    }
}
