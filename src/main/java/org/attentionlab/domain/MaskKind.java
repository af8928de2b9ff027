package org.attentionlab.domain;

/** Which mask an attention layer applied to its scores before the softmax. */
public enum MaskKind {
    /** Every query may attend to every key. */
    NONE,
    /** Keys that are padding are hidden (BERT with a padded batch). */
    PADDING,
    /** A query may attend only to itself and earlier keys (GPT-2). */
    CAUSAL,
    /** Both of the above. */
    CAUSAL_AND_PADDING
}
