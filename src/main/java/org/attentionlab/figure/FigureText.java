package org.attentionlab.figure;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The text the figures share: token labels along a side of a figure's body and the captions
 * naming its axes, so every figure sizes, colours and places them alike.
 */
final class FigureText {
    /** A label's baseline lies this many type sizes below the centre of its row, which centres it by eye. */
    private static final double BASELINE_DROP = 0.35;

    private FigureText() {
    }

    /** Width of the widest label, in bold (a highlighted label is drawn bold and must still fit). */
    static double widestLabel(List<String> labels, double size, TextMeasure measure) {
        double w = 0;
        for (String l : labels) {
            w = Math.max(w, measure.width(l, size, true));
        }
        return w;
    }

    /**
     * Paints one label per row (or per column, when {@code rotated}) of a figure's body: label i
     * centred on {@code start + (i + 0.5) * step} along the body, anchored at {@code across} on
     * the other axis. A highlighted label is bold in the highlight colour; the labels of a pair's
     * second sentence are drawn in the second segment's colour.
     *
     * @param segments    segment of each label (see {@link AttentionMatrix#rowSegments()}), or null
     * @param rotated     true for labels reading bottom-to-top in a row above the body; false for
     *                    level labels stacked in a column beside it
     */
    static void paintTokenLabels(Surface s, FigureStyle style, List<String> labels, int[] segments,
                                 IntPredicate highlighted, double size, double start, double step, double across,
                                 Surface.Align align, boolean rotated) {
        double baseline = size * BASELINE_DROP;
        for (int i = 0; i < labels.size(); i++) {
            boolean hl = highlighted.test(i);
            int colour = hl ? style.highlight() : segmentColour(style, segments, i);
            double along = start + (i + 0.5) * step + baseline;
            if (rotated) {
                s.text(labels.get(i), along, across, size, hl, colour, align, -90);
            } else {
                s.text(labels.get(i), across, along, size, hl, colour, align, 0);
            }
        }
    }

    private static int segmentColour(FigureStyle style, int[] segments, int i) {
        return segments != null && segments[i] != 0 ? style.segmentB() : style.foreground();
    }

    /** Width of a caption as {@link #paintCaption} draws it. */
    static double captionWidth(String caption, FigureStyle style, TextMeasure measure) {
        return measure.width(caption, style.fontSize(), false);
    }

    /** Paints a caption (an axis name, a layer or head number): the figure's type size, muted, not bold. */
    static void paintCaption(Surface s, FigureStyle style, String caption, double x, double y, Surface.Align align,
                             double degrees) {
        s.text(caption, x, y, style.fontSize(), false, style.muted(), align, degrees);
    }
}
