package org.attentionlab.domain.masking;

import java.util.List;

/**
 * How to select and corrupt tokens.
 *
 * @param seed       seed of the one generator that draws the selection and then the replacements
 * @param mode       exact 15% or "as in training" (each token with probability 0.15)
 * @param wholeWords select all pieces of a word together
 * @param positions  positions chosen by hand (replacing the drawn selection), or null to draw them
 */
public record MaskingSettings(long seed, SelectionMode mode, boolean wholeWords, List<Integer> positions) {
    /** BERT's selection rate. */
    public static final double RATE = 0.15;

    public MaskingSettings {
        positions = positions == null ? null : List.copyOf(positions);
    }

    /** Draws an exact 15% selection, token by token, from {@code seed}. */
    public static MaskingSettings exact(long seed) {
        return new MaskingSettings(seed, SelectionMode.EXACT, false, null);
    }

    public MaskingSettings withSeed(long newSeed) {
        return new MaskingSettings(newSeed, mode, wholeWords, positions);
    }

    public MaskingSettings withPositions(List<Integer> hand) {
        return new MaskingSettings(seed, mode, wholeWords, hand);
    }

    /** True when the selection was made by hand. */
    public boolean byHand() {
        return positions != null;
    }
}
