package org.attentionlab.ui.explorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.AttentionSlices;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.Captions;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.HeadLinesFigure;
import org.attentionlab.figure.HeadPalette;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.figure.ModelGridFigure;
import org.attentionlab.figure.TextMeasure;
import org.attentionlab.ui.Messages;

/**
 * Builds the explorer's figures from a snapshot of its state, for the screen (JavaFX text
 * measure) and for files (java.awt measure), so that an export shows what the screen shows.
 */
public final class ExplorerFigures {
    /** PNG exports are drawn at twice the screen size, crisp on a projector. */
    static final double PNG_SCALE = 2;

    /**
     * What the views draw, copied so a background export cannot see later changes.
     *
     * @param head       selected head, or {@link AttentionSlices#MEAN_OF_HEADS}
     * @param headIds    heads drawn in the head view (selected first), empty for the mean
     * @param headMaps   their maps, in the same order
     * @param allMaps    [layer][head] maps for the model view (empty unless it is shown)
     * @param headCount  heads per layer in the model
     * @param fitWidth   width the figure fills at zoom 1; NaN for a fixed default size
     * @param fitHeight  height the figure fills at zoom 1; NaN for a fixed default size
     * @param text       the text the maps were computed for (exports show it)
     * @param fixedScale colours on the fixed 0-1 scale (true) or up to the map's largest weight
     */
    public record Snapshot(ViewMode mode, ModelKind kind, AttentionMatrix matrix, int layer, int head,
                           List<Integer> headIds, List<AttentionMatrix> headMaps, List<List<AttentionMatrix>> allMaps,
                           ColorMap colorMap, int selectedToken, double zoom, boolean hideSpecial, int topK,
                           int headCount, double fitWidth, double fitHeight, String text, boolean fixedScale) {
    }

    private ExplorerFigures() {
    }

    public static Captions captions() {
        return new Captions(Messages.get("figure.query"), Messages.get("figure.key"), Messages.get("figure.masked"),
                Messages.get("figure.layerPrefix"), Messages.get("figure.headPrefix"));
    }

    /** The title over a heatmap: which layer and head, and which options shape the numbers. */
    public static String title(Snapshot s) {
        StringBuilder t = new StringBuilder(s.head() == AttentionSlices.MEAN_OF_HEADS
                ? Messages.get("figure.title.mean", s.layer(), s.headCount())
                : Messages.get("figure.title.head", s.layer(), s.head()));
        if (s.hideSpecial()) {
            t.append(Messages.get("figure.title.hideSpecial"));
        }
        if (s.topK() > 0) {
            t.append(Messages.get("figure.title.topK", s.topK()));
        }
        return t.toString();
    }

    /**
     * Cell side that fits {@code n} tokens in {@code room} pixels, kept between a size whose
     * labels stay legible (long inputs then scroll) and three label heights (short inputs do not
     * balloon); then zoomed. The map is capped at 6000 pixels a side.
     */
    public static double cellSize(int n, double room, double fontSize, double zoom) {
        double fit = Double.isNaN(room) ? 620.0 / Math.max(1, n) : room / Math.max(1, n);
        double base = Math.max(fontSize * 0.85, Math.min(fontSize * 3, fit));
        return Math.max(3, Math.min(base * zoom, 6000.0 / Math.max(1, n)));
    }

    public static HeatmapFigure heatmap(Snapshot s, FigureStyle style, TextMeasure measure) {
        AttentionMatrix m = s.matrix();
        int n = Math.max(1, Math.max(m.rows(), m.cols()));
        HeatmapFigure.Options options = new HeatmapFigure.Options(10, s.colorMap(), s.fixedScale() ? 1.0 : Double.NaN, s.kind(), title(s),
                captions(), s.selectedToken());
        double room = Double.NaN;
        if (!Double.isNaN(s.fitHeight())) {
            // Lay out once to learn how much the labels, title and legend take, then fit the grid.
            HeatmapFigure probe = new HeatmapFigure(m, options.withCellSize(style.fontSize()), style, measure);
            double gridSide = n * style.fontSize();
            double roomH = s.fitHeight() - (probe.height() - m.rows() * style.fontSize());
            double roomW = s.fitWidth() - (probe.width() - m.cols() * style.fontSize());
            room = Math.min(roomH * n / Math.max(1, m.rows()), roomW * n / Math.max(1, m.cols()));
            room = Math.max(room, gridSide * 0.5);
        }
        return new HeatmapFigure(m, options.withCellSize(cellSize(n, room, style.fontSize(), s.zoom())), style, measure);
    }

    public static HeadLinesFigure headLines(Snapshot s, FigureStyle style, TextMeasure measure) {
        return headLines(s, style, measure, 0, -1);
    }

    /**
     * The head view with only the lines of one token: its outgoing lines for {@code focusSide} 0
     * (a query), incoming for 1 (a key); {@code focus} -1 draws all.
     */
    public static HeadLinesFigure headLines(Snapshot s, FigureStyle style, TextMeasure measure, int focusSide,
                                            int focus) {
        List<HeadLinesFigure.HeadLines> lines = new ArrayList<>();
        if (s.headIds().isEmpty()) {
            lines.add(new HeadLinesFigure.HeadLines(Messages.get("figure.meanHeads", s.layer()), s.matrix(),
                    HeadPalette.argb(0)));
        } else {
            for (int i = 0; i < s.headIds().size(); i++) {
                int h = s.headIds().get(i);
                lines.add(new HeadLinesFigure.HeadLines(Messages.get("figure.headName", s.layer(), h),
                        s.headMaps().get(i), HeadPalette.argb(h)));
            }
        }
        int n = Math.max(1, s.matrix().rows());
        double min = Math.max(14, style.fontSize() * 1.3);
        double fit = Double.isNaN(s.fitHeight()) ? style.fontSize() * 1.7 : (s.fitHeight() - style.fontSize() * 4.5) / n;
        double rowHeight = Math.max(min, Math.min(style.fontSize() * 2.2, fit)) * s.zoom();
        HeadLinesFigure.Options options = new HeadLinesFigure.Options(rowHeight, s.kind(), captions(),
                Math.max(0, focusSide), focus, s.selectedToken());
        return new HeadLinesFigure(lines, options, style, measure);
    }

    public static ModelGridFigure grid(Snapshot s, FigureStyle style, TextMeasure measure) {
        return grid(s, style, measure, s.layer(), s.head());
    }

    /** The model view with thumbnail (selectedLayer, selectedHead) framed; -1, -1 frames none. */
    static ModelGridFigure grid(Snapshot s, FigureStyle style, TextMeasure measure, int selectedLayer, int selectedHead) {
        int layers = s.allMaps().size();
        int heads = layers == 0 ? 0 : s.allMaps().get(0).size();
        double fit = Double.isNaN(s.fitHeight()) ? 760.0 / Math.max(1, Math.max(layers, heads))
                : Math.min((s.fitWidth() - style.fontSize() * 4) / Math.max(1, heads),
                        (s.fitHeight() - style.fontSize() * 2.5) / Math.max(1, layers)) - 6;
        double thumb = Math.max(40, Math.min(240, fit)) * s.zoom();
        ModelGridFigure.Options options = new ModelGridFigure.Options(thumb, s.colorMap(), captions(), selectedLayer,
                selectedHead);
        return new ModelGridFigure(s.allMaps(), options, style, measure);
    }

    /** The figure of the snapshot's view. */
    public static Figure figure(Snapshot s, FigureStyle style, TextMeasure measure) {
        return switch (s.mode()) {
            case HEATMAP -> heatmap(s, style, measure);
            case HEADS -> headLines(s, style, measure);
            case MODEL -> grid(s, style, measure);
        };
    }

    /**
     * Writes the snapshot's view (PNG, SVG) or its weights (CSV) to {@code out}. The model view
     * writes every layer and head: a CSV with layer and head columns, a picture with the text,
     * labels and a colour bar and without the selection frame.
     */
    public static void write(Snapshot s, FigureExport.Format format, Path out, FigureStyle screenStyle)
            throws IOException {
        if (format == FigureExport.Format.CSV) {
            if (s.mode() == ViewMode.MODEL) {
                ModelViewExport.writeCsv(s.allMaps(), s.kind(), out);
            } else {
                ModelViewExport.writeMatrixCsv(s.matrix(), s.kind(), out);
            }
            return;
        }
        // java.awt does not know JavaFX's "System" family; its logical sans-serif is the match.
        FigureStyle style = new FigureStyle(screenStyle.background(), screenStyle.foreground(), screenStyle.muted(),
                screenStyle.grid(), screenStyle.highlight(), screenStyle.masked(), screenStyle.segmentB(), "SansSerif",
                screenStyle.fontSize());
        TextMeasure measure = new AwtSurface.AwtTextMeasure(style.fontFamily());
        Figure f = s.mode() == ViewMode.MODEL
                ? ModelViewExport.figure(grid(s, style, measure, -1, -1), s.text(), s.colorMap(), style, measure)
                : figure(s, style, measure);
        FigureExport.writePicture(f, format, PNG_SCALE, out);
    }
}
