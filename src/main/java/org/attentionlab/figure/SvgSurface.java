package org.attentionlab.figure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Builds an SVG document from figure drawing calls. Heatmap cells become rectangles (so the
 * figure stays vector and editable in slides) up to {@link #MAX_VECTOR_CELLS}; bigger blocks
 * and thumbnails are embedded as pixel-exact PNG images.
 */
public final class SvgSurface implements Surface {
    /** Above this many cells in one block, rectangles would make the file too large to edit. */
    public static final int MAX_VECTOR_CELLS = 64 * 64;

    private final StringBuilder body = new StringBuilder(1 << 16);
    private final TextMeasure measure;
    private final String fontFamily;

    public SvgSurface(String fontFamily) {
        this.fontFamily = fontFamily;
        this.measure = new AwtSurface.AwtTextMeasure(fontFamily);
    }

    /** The complete document for a figure of the given size. */
    public String document(double width, double height) {
        StringBuilder sb = new StringBuilder(body.length() + 512);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
                .append(" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height)).append("\"")
                .append(" font-family=\"").append(escape(cssFamily())).append("\">\n");
        sb.append(body);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private String cssFamily() {
        String f = fontFamily;
        if (f.equalsIgnoreCase("SansSerif") || f.equalsIgnoreCase("System")) {
            return "DejaVu Sans, Helvetica, Arial, sans-serif";
        }
        return f + ", sans-serif";
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int argb) {
        body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append('"');
        fill(argb);
        body.append("/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double lineWidth, int argb) {
        body.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"none\"");
        stroke(argb, lineWidth);
        body.append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, double lineWidth, int argb) {
        body.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
                .append(num(x2)).append("\" y2=\"").append(num(y2)).append('"');
        stroke(argb, lineWidth);
        body.append(" stroke-linecap=\"round\"/>\n");
    }

    @Override
    public void cells(double x, double y, double cellW, double cellH, int[][] argb) {
        int rows = argb.length;
        int cols = argb[0].length;
        if ((long) rows * cols > MAX_VECTOR_CELLS) {
            image(x, y, cellW * cols, cellH * rows, argb);
            return;
        }
        body.append("<g class=\"cells\" shape-rendering=\"crispEdges\">\n");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                body.append("<rect x=\"").append(num(x + c * cellW)).append("\" y=\"").append(num(y + r * cellH))
                        .append("\" width=\"").append(num(cellW)).append("\" height=\"").append(num(cellH)).append('"');
                fill(argb[r][c]);
                body.append("/>\n");
            }
        }
        body.append("</g>\n");
    }

    @Override
    public void image(double x, double y, double w, double h, int[][] argb) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(AwtSurface.toImage(argb), "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        body.append("<image x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h))
                .append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, int argb, Align align, double degrees) {
        body.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"")
                .append(num(size)).append('"');
        if (bold) {
            body.append(" font-weight=\"bold\"");
        }
        if (align != Align.LEFT) {
            body.append(" text-anchor=\"").append(align == Align.CENTER ? "middle" : "end").append('"');
        }
        if (degrees != 0) {
            body.append(" transform=\"rotate(").append(num(degrees)).append(' ').append(num(x)).append(' ')
                    .append(num(y)).append(")\"");
        }
        fill(argb);
        body.append(" xml:space=\"preserve\">").append(escape(text)).append("</text>\n");
    }

    @Override
    public double width(String text, double size, boolean bold) {
        return measure.width(text, size, bold);
    }

    private void fill(int argb) {
        body.append(" fill=\"").append(hex(argb)).append('"');
        int a = argb >>> 24;
        if (a != 255) {
            body.append(" fill-opacity=\"").append(num(a / 255.0)).append('"');
        }
    }

    private void stroke(int argb, double width) {
        body.append(" stroke=\"").append(hex(argb)).append("\" stroke-width=\"").append(num(width)).append('"');
        int a = argb >>> 24;
        if (a != 255) {
            body.append(" stroke-opacity=\"").append(num(a / 255.0)).append('"');
        }
    }

    static String hex(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xffffff);
    }

    /** Coordinates with at most two decimals, no exponent, no trailing zeros. */
    static String num(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths % 100 == 0) {
            return Long.toString(hundredths / 100);
        }
        String s = String.format(Locale.ROOT, "%.2f", hundredths / 100.0);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 cannot hold most control characters, even escaped.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append('\ufffd');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
