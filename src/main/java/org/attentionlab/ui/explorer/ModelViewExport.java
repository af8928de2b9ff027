package org.attentionlab.ui.explorer;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.ModelGridFigure;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;
import org.attentionlab.figure.TokenLabels;
import org.attentionlab.ui.Messages;

/**
 * What the model view exports: every layer and head. The CSV has one row per (layer, head,
 * query token) with a layer and a head column; the picture is the grid under the sentence it
 * was computed for, with a colour bar, and without the on-screen selection frame.
 */
final class ModelViewExport {
    private ModelViewExport() {
    }

    /** CSV: {@code layer,head,query,<key tokens...>}, then the weights of every head of every layer. */
    static void writeCsv(List<List<AttentionMatrix>> maps, ModelKind kind, Writer out) throws IOException {
        if (maps.isEmpty() || maps.get(0).isEmpty()) {
            return;
        }
        AttentionMatrix first = maps.get(0).get(0);
        out.write("layer,head,query");
        for (String key : TokenLabels.displayAll(first.colTokens(), kind)) {
            out.write(',');
            out.write(field(key));
        }
        out.write("\r\n");
        for (int l = 0; l < maps.size(); l++) {
            for (int h = 0; h < maps.get(l).size(); h++) {
                AttentionMatrix m = maps.get(l).get(h);
                List<String> rows = TokenLabels.displayAll(m.rowTokens(), kind);
                for (int r = 0; r < m.rows(); r++) {
                    out.write(l + "," + h + "," + field(rows.get(r)));
                    for (float w : m.weights()[r]) {
                        out.write(',');
                        out.write(Float.toString(w));
                    }
                    out.write("\r\n");
                }
            }
        }
    }

    static void writeCsv(List<List<AttentionMatrix>> maps, ModelKind kind, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writeCsv(maps, kind, w);
        }
    }

    /**
     * One map as CSV in the screen's token spelling (GPT-2's leading space as ␣, not Ġ): a
     * header with an empty corner and the key tokens, then a row per query token.
     */
    static void writeMatrixCsv(AttentionMatrix m, ModelKind kind, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (String key : TokenLabels.displayAll(m.colTokens(), kind)) {
                w.write(',');
                w.write(field(key));
            }
            w.write("\r\n");
            List<String> rows = TokenLabels.displayAll(m.rowTokens(), kind);
            for (int r = 0; r < m.rows(); r++) {
                w.write(field(rows.get(r)));
                for (float x : m.weights()[r]) {
                    w.write(',');
                    w.write(Float.toString(x));
                }
                w.write("\r\n");
            }
        }
    }

    private static String field(String s) {
        boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || !s.strip().equals(s);
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The grid with a title line (the sentence), layer and head labels, and a colour bar. */
    static Figure figure(ModelGridFigure grid, String sentence, ColorMap colours, FigureStyle style, TextMeasure measure) {
        return new Framed(grid, sentence, colours, style, measure);
    }

    /** The grid drawn below a title and beside a colour bar. */
    private static final class Framed implements Figure {
        private static final double PAD = 10;
        private static final double BAR = 14;
        private final ModelGridFigure grid;
        private final String title;
        private final ColorMap colours;
        private final FigureStyle style;
        private final double top;
        private final double barX;
        private final double width;
        private final double height;
        private final String low;
        private final String high;

        Framed(ModelGridFigure grid, String sentence, ColorMap colours, FigureStyle style, TextMeasure measure) {
            this.grid = grid;
            this.colours = colours;
            this.style = style;
            double cap = style.fontSize();
            String t = sentence.replace('\n', ' ').strip();
            this.title = t.length() > 120 ? t.substring(0, 119) + "\u2026" : t;
            this.low = Messages.get("figure.grid.scaleLow");
            this.high = Messages.get("figure.grid.scaleHigh");
            this.top = PAD + cap * 1.8;
            this.barX = grid.width() + PAD;
            double labelW = Math.max(measure.width(low, cap * 0.9, false), measure.width(high, cap * 0.9, false));
            double titleW = PAD * 2 + measure.width(title, cap, true);
            this.width = Math.ceil(Math.max(barX + BAR + 6 + labelW + PAD, titleW));
            this.height = Math.ceil(top + Math.max(grid.height(), 160));
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
            double cap = style.fontSize();
            s.fillRect(0, 0, width, height, style.background());
            s.text(title, PAD, PAD + cap, cap, true, style.foreground(), Surface.Align.LEFT, 0);
            grid.paint(new Offset(s, 0, top));
            double y0 = top + PAD + cap * 1.6;
            double h = Math.max(100, Math.min(grid.height() - (PAD + cap * 1.6) - PAD, 320));
            int steps = 128;
            int[][] bar = new int[steps][1];
            for (int i = 0; i < steps; i++) {
                bar[i][0] = colours.argb(1 - (i + 0.5) / steps);
            }
            s.cells(barX, y0, BAR, h / steps, bar);
            s.strokeRect(barX, y0, BAR, h, 1, style.grid());
            s.text(high, barX + BAR + 6, y0 + cap * 0.7, cap * 0.9, false, style.muted(), Surface.Align.LEFT, 0);
            s.text(low, barX + BAR + 6, y0 + h, cap * 0.9, false, style.muted(), Surface.Align.LEFT, 0);
        }
    }

    /** A surface that draws everything shifted by (dx, dy). */
    private record Offset(Surface s, double dx, double dy) implements Surface {
        @Override
        public double width(String text, double size, boolean bold) {
            return s.width(text, size, bold);
        }

        @Override
        public void fillRect(double x, double y, double w, double h, int argb) {
            s.fillRect(x + dx, y + dy, w, h, argb);
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
            s.strokeRect(x + dx, y + dy, w, h, lineWidth, argb);
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
            s.line(x1 + dx, y1 + dy, x2 + dx, y2 + dy, lineWidth, argb);
        }

        @Override
        public void cells(double x, double y, double cellW, double cellH, int[][] argb) {
            s.cells(x + dx, y + dy, cellW, cellH, argb);
        }

        @Override
        public void image(double x, double y, double w, double h, int[][] argb) {
            s.image(x + dx, y + dy, w, h, argb);
        }

        @Override
        public void text(String text, double x, double y, double size, boolean bold, int argb, Align align,
                         double degrees) {
            s.text(text, x + dx, y + dy, size, bold, argb, align, degrees);
        }
    }
}
