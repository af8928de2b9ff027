package org.attentionlab.engine;

import org.attentionlab.domain.InputException;

/** Checks shared by the engines before a forward pass, each failure an {@link InputException}. */
public final class InputChecks {
    private InputChecks() {
    }

    /**
     * Refuses an empty input, one longer than {@code maxPositions}, and ids outside
     * {@code [0, vocab)}.
     *
     * @param modelName for the message, e.g. "This BERT model"
     */
    public static void tokens(int[] ids, int maxPositions, int vocab, String modelName) {
        if (ids.length == 0) {
            throw new InputException("The input has no tokens.", "Type some text first.");
        }
        if (ids.length > maxPositions) {
            throw new InputException("The input has " + ids.length + " tokens, but " + modelName + " accepts at most "
                    + maxPositions + " (its position embeddings end there).",
                    "Shorten the text to " + maxPositions + " tokens or fewer.");
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new InputException("Token id " + ids[i] + " at position " + i + " is outside the vocabulary of "
                        + vocab + " entries.", "Use the tokenizer that belongs to this model.");
            }
        }
    }
}
