package org.attentionlab.figure;

import java.util.List;

/**
 * The model view: every layer (rows) by every head (columns) as a thumbnail heatmap, each
 * scaled to its own largest weight so that a head's pattern shows even when it is diffuse.
 * Maps longer than a thumbnail is wide are max-pooled, so a sharp diagonal stays visible.
 */
public final class ModelGridFigure implements Figure {
    /**
     * @param thumbSize     side of one thumbnail in pixels
     * @param colorMap      thumbnail colours
     * @param selectedLayer layer of the thumbnail framed as selected, or -1
     * @param selectedHead  head of the thumbnail framed as selected, or -1
     */
    public record Options(double thumbSize, ColorMap colorMap, Captions captions, int selectedLayer, int selectedHead) {
        public static Options defaults() {
            return new Options(64, ColorMap.VIRIDIS, Captions.english(), -1, -1);
        }

        public Options withThumbSize(double size) {
            return new Options(size, colorMap, captions, selectedLayer, selectedHead);
        }

        public Options withSelection(int layer, int head) {
            return new Options(thumbSize, colorMap, captions, layer, head);
        }
    }

    private static final double PAD = 10;
    private static final double GAP = 6;

    private final List<List<AttentionMatrix>> maps;
    private final Options options;
    private final FigureStyle style;
    private final int layers;
    private final int heads;
    private final double x0;
    private final double y0;
    private final double width;
    private final double height;

    /** @param maps [layer][head] maps, all over the same tokens */
    public ModelGridFigure(List<List<AttentionMatrix>> maps, Options options, FigureStyle style, TextMeasure measure) {
        this.maps = maps;
        this.options = options;
        this.style = style;
        this.layers = maps.size();
        this.heads = layers == 0 ? 0 : maps.get(0).size();
        double cap = style.fontSize();
        double rowLabelW = FigureText.captionWidth(options.captions().layer() + (layers - 1), style, measure) + 8;
        this.x0 = PAD + rowLabelW;
        this.y0 = PAD + cap * 1.6;
        double t = options.thumbSize();
        this.width = Math.ceil(x0 + heads * (t + GAP) - GAP + PAD);
        this.height = Math.ceil(y0 + layers * (t + GAP) - GAP + PAD);
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

    /** {layer, head} of the thumbnail at (x, y), or null. */
    public int[] hit(double x, double y) {
        double step = options.thumbSize() + GAP;
        int h = (int) Math.floor((x - x0) / step);
        int l = (int) Math.floor((y - y0) / step);
        if (x < x0 || y < y0 || h >= heads || l >= layers) {
            return null;
        }
        if (x - x0 - h * step > options.thumbSize() || y - y0 - l * step > options.thumbSize()) {
            return null; // in the gap
        }
        return new int[] {l, h};
    }

    /** Top-left corner of thumbnail (layer, head). */
    public double[] origin(int layer, int head) {
        double step = options.thumbSize() + GAP;
        return new double[] {x0 + head * step, y0 + layer * step};
    }

    @Override
    public void paint(Surface s) {
        double cap = style.fontSize();
        double t = options.thumbSize();
        s.fillRect(0, 0, width, height, style.background());
        for (int h = 0; h < heads; h++) {
            double[] o = origin(0, h);
            FigureText.paintCaption(s, style, options.captions().head() + h, o[0] + t / 2, y0 - cap * 0.5,
                    Surface.Align.CENTER, 0);
        }
        for (int l = 0; l < layers; l++) {
            double[] o = origin(l, 0);
            FigureText.paintCaption(s, style, options.captions().layer() + l, x0 - 8, o[1] + t / 2 + cap * 0.35,
                    Surface.Align.RIGHT, 0);
            for (int h = 0; h < heads; h++) {
                double[] p = origin(l, h);
                s.image(p[0], p[1], t, t, thumbnail(maps.get(l).get(h), (int) Math.max(1, Math.floor(t))));
                boolean selected = l == options.selectedLayer() && h == options.selectedHead();
                if (selected) {
                    s.strokeRect(p[0] - 2, p[1] - 2, t + 4, t + 4, 3, style.highlight());
                } else {
                    s.strokeRect(p[0], p[1], t, t, 1, style.grid());
                }
            }
        }
    }

    /** Colours of one thumbnail, max-pooled to at most {@code size} cells a side. */
    int[][] thumbnail(AttentionMatrix m, int size) {
        int rows = m.rows();
        int cols = m.cols();
        int outR = Math.max(1, Math.min(rows, size));
        int outC = Math.max(1, Math.min(cols, size));
        double max = Math.max(1e-6, m.maxWeight());
        int[][] argb = new int[outR][outC];
        if (rows == 0 || cols == 0) {
            for (int[] row : argb) {
                java.util.Arrays.fill(row, style.masked());
            }
            return argb;
        }
        for (int r = 0; r < outR; r++) {
            int r0 = r * rows / outR;
            int r1 = Math.max(r0 + 1, (r + 1) * rows / outR);
            for (int c = 0; c < outC; c++) {
                int c0 = c * cols / outC;
                int c1 = Math.max(c0 + 1, (c + 1) * cols / outC);
                float best = -1;
                for (int i = r0; i < r1; i++) {
                    for (int j = c0; j < c1; j++) {
                        if (m.isAllowed(i, j) && m.weights()[i][j] > best) {
                            best = m.weights()[i][j];
                        }
                    }
                }
                argb[r][c] = best < 0 ? style.masked() : options.colorMap().argb(best / max);
            }
        }
        return argb;
    }
}
