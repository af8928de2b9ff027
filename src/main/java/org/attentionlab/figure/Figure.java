package org.attentionlab.figure;

/** A laid-out picture that can paint itself on any {@link Surface}. */
public interface Figure {
    /** Width in pixels at scale 1. */
    double width();

    /** Height in pixels at scale 1. */
    double height();

    /** The style it paints with (its background fills the whole figure). */
    FigureStyle style();

    void paint(Surface surface);
}
