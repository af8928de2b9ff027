package org.attentionlab.figure;

/**
 * How to cut a readable map out of a trace.
 *
 * @param hideSpecial drop [CLS], [SEP] and other special tokens from both axes and renormalise
 *                    each remaining row so it sums to 1 again
 * @param topK        keep only each query's k largest weights (0 keeps all); the kept weights
 *                    are not rescaled, so a number read off the map is still the model's
 */
public record SliceOptions(boolean hideSpecial, int topK) {
    public static final SliceOptions ALL = new SliceOptions(false, 0);

    public SliceOptions {
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, not " + topK);
        }
    }
}
