package org.attentionlab.domain;

/**
 * A model computed NaN or infinite values: its weights hold such values or overflow. Raised
 * instead of showing or returning garbage (NaN attention, every token id 0).
 */
public class NonFiniteValuesException extends LabException {
    /** The usual cause and what to do about it. */
    public static final String REMEDY = "The checkpoint probably holds NaN or infinite weights: download the model again,"
            + " or re-save it from a copy that works.";

    public NonFiniteValuesException(String problem) {
        super(problem, REMEDY);
    }
}
