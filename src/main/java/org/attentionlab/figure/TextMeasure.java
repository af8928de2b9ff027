package org.attentionlab.figure;

/** Measures text so a figure can lay out its labels before it paints. */
@FunctionalInterface
public interface TextMeasure {
    /** Advance width of {@code text} at {@code size} pixels in the figure's font. */
    double width(String text, double size, boolean bold);
}
