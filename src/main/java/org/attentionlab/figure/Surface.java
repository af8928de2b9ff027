package org.attentionlab.figure;

/**
 * The few drawing operations the figures need, so one figure paints the same picture on a
 * JavaFX canvas, into a PNG (java.awt) and as SVG text. Colours are ARGB ints; coordinates are
 * pixels with y pointing down.
 */
public interface Surface extends TextMeasure {
    /** Where a text's anchor point sits horizontally on it. */
    enum Align { LEFT, CENTER, RIGHT }

    void fillRect(double x, double y, double w, double h, int argb);

    void strokeRect(double x, double y, double w, double h, double lineWidth, int argb);

    void line(double x1, double y1, double x2, double y2, double lineWidth, int argb);

    /**
     * Draws {@code argb[row][col]} as a block of equal cells with sharp edges, the top-left cell
     * at (x, y). A heatmap's cells; a surface may draw them as one image.
     */
    void cells(double x, double y, double cellW, double cellH, int[][] argb);

    /**
     * Draws {@code argb} scaled into the box (x, y, w, h), smoothed when shrunk: a thumbnail.
     */
    void image(double x, double y, double w, double h, int[][] argb);

    /**
     * Draws one line of text whose baseline passes through (x, y), aligned there per {@code align},
     * rotated by {@code degrees} about that point (negative turns counter-clockwise, so -90 reads
     * bottom-to-top).
     */
    void text(String text, double x, double y, double size, boolean bold, int argb, Align align, double degrees);
}
