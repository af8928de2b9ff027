package org.attentionlab.domain.masking;

/** What BERT's pre-training does to a selected token (the 80 / 10 / 10 rule). */
public enum Fate {
    /** Replaced by [MASK] (draw in [0, 0.8)). */
    MASK(0.0, 0.8),
    /** Replaced by a random vocabulary token that is not a special token (draw in [0.8, 0.9)). */
    RANDOM(0.8, 0.9),
    /** Left unchanged, but still predicted and scored (draw in [0.9, 1)). */
    KEEP(0.9, 1.0);

    private final double low;
    private final double high;

    Fate(double low, double high) {
        this.low = low;
        this.high = high;
    }

    /** Start of this fate's interval of the uniform draw, inclusive. */
    public double low() {
        return low;
    }

    /** End of this fate's interval of the uniform draw, exclusive. */
    public double high() {
        return high;
    }

    /** The fate a uniform draw in [0, 1) decides. */
    public static Fate of(double draw) {
        if (draw < MASK.high) {
            return MASK;
        }
        return draw < RANDOM.high ? RANDOM : KEEP;
    }

    /** The word used in JSON and CSV ("mask", "random", "keep"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
