package org.attentionlab.domain.masking;

/** How the tokens to predict are chosen. */
public enum SelectionMode {
    /** Exactly round(15% of the eligible tokens), at least one, drawn without replacement. */
    EXACT,
    /**
     * Each eligible token independently with probability 0.15, as HuggingFace's
     * {@code DataCollatorForLanguageModeling} does, so the count varies from run to run (it can be 0).
     */
    TRAINING
}
