package org.attentionlab.figure;

/**
 * The non-data colours and type of a figure. The app fills one from its current theme's CSS;
 * {@link #print()} is what headless exports use.
 *
 * @param background figure background
 * @param foreground labels and titles
 * @param muted      secondary text (legend ticks, axis captions)
 * @param grid       segment dividers and frames
 * @param highlight  the selected or hovered token's row, column and lines
 * @param masked     cells a mask hid from the query
 * @param segmentB   labels of the second sentence of a pair
 * @param fontFamily font family name
 * @param fontSize   label size in pixels
 */
public record FigureStyle(int background, int foreground, int muted, int grid, int highlight, int masked,
                          int segmentB, String fontFamily, double fontSize) {

    /** Black on white with an orange highlight, for slides and printouts. */
    public static FigureStyle print() {
        return new FigureStyle(0xffffffff, 0xff1a1a1a, 0xff5f5f5f, 0xff9a9a9a, 0xffd55e00, 0xffe3e3e3,
                0xff0072b2, "SansSerif", 12);
    }

    /** A copy with labels at {@code size} pixels. */
    public FigureStyle withFontSize(double size) {
        return new FigureStyle(background, foreground, muted, grid, highlight, masked, segmentB, fontFamily, size);
    }
}
