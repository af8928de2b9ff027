package org.attentionlab.ui.figure;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;

/** Paints figures on a JavaFX canvas; cell blocks go in as one image, so 128 x 128 maps stay fast. */
public final class FxSurface implements Surface {
    private final GraphicsContext g;
    private final FxTextMeasure measure;

    public FxSurface(GraphicsContext g, FxTextMeasure measure) {
        this.g = g;
        this.measure = measure;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        g.setFill(colour(argb));
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        g.setStroke(colour(argb));
        g.setLineWidth(lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        g.setStroke(colour(argb));
        g.setLineWidth(lineWidth);
        g.setLineCap(StrokeLineCap.ROUND);
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void cells(double x, double y, double cellW, double cellH, int[][] argb) {
        draw(x, y, cellW * argb[0].length, cellH * argb.length, argb);
    }

    @Override
    public void image(double x, double y, double w, double h, int[][] argb) {
        draw(x, y, w, h, argb);
    }

    private void draw(double x, double y, double w, double h, int[][] argb) {
        int rows = argb.length;
        int cols = argb[0].length;
        int[] pixels = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(argb[r], 0, pixels, r * cols, cols);
        }
        WritableImage img = new WritableImage(cols, rows);
        img.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), pixels, 0, cols);
        boolean smooth = g.isImageSmoothing();
        g.setImageSmoothing(false);
        g.drawImage(img, x, y, w, h);
        g.setImageSmoothing(smooth);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, int argb, Align align, double degrees) {
        g.setFont(measure.font(size, bold));
        g.setFill(colour(argb));
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(align == Align.LEFT ? TextAlignment.LEFT : align == Align.CENTER ? TextAlignment.CENTER : TextAlignment.RIGHT);
        if (degrees == 0) {
            g.fillText(text, x, y);
            return;
        }
        g.save();
        g.translate(x, y);
        g.rotate(degrees);
        g.fillText(text, 0, 0);
        g.restore();
    }

    @Override
    public double width(String text, double size, boolean bold) {
        return measure.width(text, size, bold);
    }

    static Color colour(int argb) {
        return Color.rgb(argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff, (argb >>> 24) / 255.0);
    }

    /** Text widths in a JavaFX font family, cached: labels repeat on every redraw. */
    public static final class FxTextMeasure implements TextMeasure {
        private final String family;
        private final Text probe = new Text();
        private final Map<String, Double> cache = new HashMap<>();
        private final Map<Long, Font> fonts = new HashMap<>();

        public FxTextMeasure(String family) {
            this.family = family;
        }

        public String family() {
            return family;
        }

        Font font(double size, boolean bold) {
            long key = Double.doubleToLongBits(size) * 31 + (bold ? 1 : 0);
            return fonts.computeIfAbsent(key, k -> Font.font(family, bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
        }

        @Override
        public double width(String text, double size, boolean bold) {
            String key = (bold ? "b" : "n") + size + '\u0000' + text;
            Double w = cache.get(key);
            if (w == null) {
                if (cache.size() > 20_000) {
                    cache.clear();
                }
                probe.setFont(font(size, bold));
                probe.setText(text);
                w = probe.getLayoutBounds().getWidth();
                cache.put(key, w);
            }
            return w;
        }
    }
}
