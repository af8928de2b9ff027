package org.attentionlab.figure.masking;

/** The six steps of the masked-word lesson, in order. */
public enum MaskingStep {
    TOKENS, SELECT, REPLACE, PREDICT, LOSS, ATTENTION;

    /** 1-based number shown in the step indicator. */
    public int number() {
        return ordinal() + 1;
    }

    public MaskingStep next() {
        return values()[Math.min(ordinal() + 1, values().length - 1)];
    }

    public MaskingStep previous() {
        return values()[Math.max(ordinal() - 1, 0)];
    }
}
