package org.attentionlab.figure;

/**
 * The words a figure prints besides tokens and numbers. The app passes them from its resource
 * bundle; {@link #english()} serves headless exports.
 *
 * @param query  names the axis of tokens that attend (rows, left column)
 * @param key    names the axis of tokens attended to (columns, right column)
 * @param masked labels the legend swatch of masked cells
 * @param layer  prefix of layer labels in the model grid, e.g. "L"
 * @param head   prefix of head labels, e.g. "H"
 */
public record Captions(String query, String key, String masked, String layer, String head) {
    public static Captions english() {
        return new Captions("Query (attends from)", "Key (attended to)", "masked", "L", "H");
    }
}
