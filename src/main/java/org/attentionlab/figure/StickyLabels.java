package org.attentionlab.figure;

/**
 * A figure whose axis labels can be painted on their own, so that a view can keep them in sight
 * while a large body of cells scrolls under them (a 128-token heatmap). Coordinates are the
 * figure's own: column labels lie in the band from {@link #columnBandTop()} down to
 * {@link #bodyY()}, row labels left of {@link #bodyX()}.
 */
public interface StickyLabels {
    /** Left edge of the body; the row labels lie left of it. */
    double bodyX();

    /** Top edge of the body; the column labels lie above it. */
    double bodyY();

    /** Top edge of the band holding the column labels (below the title). */
    double columnBandTop();

    /** Paints the column-label band, its background included, where it lies in the figure. */
    void paintColumnLabels(Surface s);

    /** Paints the row labels from {@link #columnBandTop()} down, background included, where they lie in the figure. */
    void paintRowLabels(Surface s);
}
