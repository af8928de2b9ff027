package org.attentionlab.figure;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/** Paints a figure with java.awt onto a Graphics2D (a PNG's BufferedImage); works headless. */
public final class AwtSurface implements Surface {
    private final Graphics2D g;
    private final AwtTextMeasure measure;

    public AwtSurface(Graphics2D g, String fontFamily) {
        this.g = g;
        this.measure = new AwtTextMeasure(fontFamily);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        g.setColor(new Color(argb, true));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        g.setColor(new Color(argb, true));
        g.setStroke(new BasicStroke((float) lineWidth));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        g.setColor(new Color(argb, true));
        g.setStroke(new BasicStroke((float) lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void cells(double x, double y, double cellW, double cellH, int[][] argb) {
        drawScaled(x, y, cellW * argb[0].length, cellH * argb.length, argb);
    }

    @Override
    public void image(double x, double y, double w, double h, int[][] argb) {
        drawScaled(x, y, w, h, argb);
    }

    private void drawScaled(double x, double y, double w, double h, int[][] argb) {
        BufferedImage img = toImage(argb);
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        AffineTransform at = new AffineTransform(w / img.getWidth(), 0, 0, h / img.getHeight(), x, y);
        g.drawImage(img, at, null);
        if (old != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
    }

    static BufferedImage toImage(int[][] argb) {
        int rows = argb.length;
        int cols = argb[0].length;
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_ARGB);
        for (int r = 0; r < rows; r++) {
            img.setRGB(0, r, cols, 1, argb[r], 0, cols);
        }
        return img;
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, int argb, Align align, double degrees) {
        Font font = measure.font(size, bold);
        double w = measure.width(text, size, bold);
        double dx = align == Align.LEFT ? 0 : align == Align.CENTER ? -w / 2 : -w;
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (degrees != 0) {
            g.rotate(Math.toRadians(degrees));
        }
        g.setFont(font);
        g.setColor(new Color(argb, true));
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }

    @Override
    public double width(String text, double size, boolean bold) {
        return measure.width(text, size, bold);
    }

    /** Text widths from java.awt fonts, without a display; SVG exports lay out with it too. */
    public static final class AwtTextMeasure implements TextMeasure {
        private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
        private final String family;
        private final Map<Long, Font> fonts = new HashMap<>();

        public AwtTextMeasure(String family) {
            this.family = family;
        }

        Font font(double size, boolean bold) {
            long key = Double.doubleToLongBits(size) * 31 + (bold ? 1 : 0);
            return fonts.computeIfAbsent(key, k -> new Font(family, bold ? Font.BOLD : Font.PLAIN, 1)
                    .deriveFont((float) size));
        }

        @Override
        public double width(String text, double size, boolean bold) {
            return font(size, bold).getStringBounds(text, FRC).getWidth();
        }
    }
}
