package org.attentionlab.figure;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.attentionlab.domain.InputException;

/**
 * Writes figures and weights to files: PNG and SVG of any {@link Figure}, CSV of an
 * {@link AttentionMatrix}. Plain functions without JavaFX, shared by the app's Export menu and
 * the CLI {@code export} command.
 */
public final class FigureExport {
    /** The file formats. */
    public enum Format {
        PNG, SVG, CSV;

        /** Parses {@code png}, {@code svg} or {@code csv} in any case. */
        public static Format parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private FigureExport() {
    }

    /**
     * Writes one head's map (or the layer's mean, for head {@link AttentionSlices#MEAN_OF_HEADS})
     * as a heatmap figure (PNG at twice its size, SVG) or as CSV weights, in print style: what
     * the CLI {@code export} command needs.
     *
     * @throws org.attentionlab.domain.InputException when the layer or head does not exist
     */
    public static void exportHead(org.attentionlab.domain.ForwardTrace trace, org.attentionlab.domain.ModelKind kind,
                                  int layer, int head, SliceOptions options, Format format, Path out) throws IOException {
        AttentionMatrix m = AttentionSlices.select(trace, kind, layer, head, options);
        if (format == Format.CSV) {
            writeCsv(m, out);
            return;
        }
        String title = head == AttentionSlices.MEAN_OF_HEADS
                ? "Layer " + layer + ", mean of " + trace.heads() + " heads"
                : "Layer " + layer + ", head " + head;
        FigureStyle style = FigureStyle.print();
        int n = Math.max(m.rows(), m.cols());
        double cell = Math.max(10, Math.min(28, 640.0 / Math.max(1, n)));
        HeatmapFigure fig = new HeatmapFigure(m, HeatmapFigure.Options.defaults(kind).withCellSize(cell).withTitle(title),
                style, new AwtSurface.AwtTextMeasure(style.fontFamily()));
        if (format == Format.PNG) {
            writePng(fig, 2, out);
        } else {
            writeSvg(fig, out);
        }
    }

    /** Renders {@code figure} at {@code scale} (2 for crisp slides) into an image. */
    public static BufferedImage toImage(Figure figure, double scale) {
        int w = (int) Math.ceil(figure.width() * scale);
        int h = (int) Math.ceil(figure.height() * scale);
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(scale, scale);
            figure.paint(new AwtSurface(g, figure.style().fontFamily()));
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void writePng(Figure figure, double scale, Path out) throws IOException {
        requireFileTarget(out);
        // ImageIO.write(..., File) deletes what is at the path first, which would delete an
        // empty folder: write through a stream to the file checked above instead
        byte[] png;
        try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream()) {
            if (!ImageIO.write(toImage(figure, scale), "png", bytes)) {
                throw new IOException("no PNG writer available");
            }
            png = bytes.toByteArray();
        }
        Files.write(out, png);
    }

    /**
     * Writes {@code figure} as a picture: PNG at {@code pngScale} times its size, or SVG.
     *
     * @throws IllegalArgumentException for {@link Format#CSV}, which is data, not a picture
     */
    public static void writePicture(Figure figure, Format format, double pngScale, Path out) throws IOException {
        switch (format) {
            case PNG -> writePng(figure, pngScale, out);
            case SVG -> writeSvg(figure, out);
            default -> throw new IllegalArgumentException(format + " is not a picture format");
        }
    }

    /** The SVG document of {@code figure}. */
    public static String toSvg(Figure figure) {
        SvgSurface svg = new SvgSurface(figure.style().fontFamily());
        figure.paint(svg);
        return svg.document(figure.width(), figure.height());
    }

    public static void writeSvg(Figure figure, Path out) throws IOException {
        requireFileTarget(out);
        Files.writeString(out, toSvg(figure), StandardCharsets.UTF_8);
    }

    /**
     * Refuses to write where a folder is: an export never replaces or deletes a folder, empty or
     * not. An existing file is overwritten, as a save dialog's answer asks.
     */
    static void requireFileTarget(Path out) {
        if (Files.isDirectory(out)) {
            throw new InputException("The path " + out + " is a folder; an export writes a file and never replaces a folder.",
                    "Give a file name, for example " + out.resolve("attention.png") + ".");
        }
    }

    /**
     * The weights as CSV: a header row with an empty corner cell and then the key tokens, then
     * one row per query token, its token first and then its weight for each key. Tokens are
     * written exactly as the tokenizer produced them; weights as the shortest decimal that reads
     * back as the same float. Masked cells hold their weight (0). Fields are quoted per RFC 4180.
     */
    public static void writeCsv(AttentionMatrix m, Writer out) throws IOException {
        for (String key : m.colTokens()) {
            out.write(',');
            out.write(csvField(key));
        }
        out.write("\r\n");
        List<String> rows = m.rowTokens();
        for (int r = 0; r < rows.size(); r++) {
            out.write(csvField(rows.get(r)));
            for (float w : m.weights()[r]) {
                out.write(',');
                out.write(Float.toString(w));
            }
            out.write("\r\n");
        }
    }

    public static String toCsv(AttentionMatrix m) {
        java.io.StringWriter sw = new java.io.StringWriter();
        try {
            writeCsv(m, sw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return sw.toString();
    }

    public static void writeCsv(AttentionMatrix m, Path out) throws IOException {
        requireFileTarget(out);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writeCsv(m, w);
        }
    }

    static String csvField(String s) {
        boolean quote = s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || !s.strip().equals(s);
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
