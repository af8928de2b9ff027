package org.attentionlab.domain;

import java.util.Arrays;

/**
 * The result of continuing a prompt.
 *
 * @param promptIds   the prompt as given
 * @param newIds      generated token ids, in order (the end-of-text token included when it stopped the run)
 * @param newProbs    for each generated token, its probability in the distribution it was chosen
 *                    from (after temperature, top-k and top-p when sampling)
 * @param stopReason  why generation ended
 * @param settings    the settings used, so that the run can be replayed
 */
public record Generation(int[] promptIds, int[] newIds, float[] newProbs, StopReason stopReason,
                         GenerationSettings settings) {
    /** Why a generation ended. */
    public enum StopReason {
        /** {@code maxNewTokens} tokens were generated. */
        MAX_TOKENS,
        /** The model produced its end-of-text token. */
        END_OF_TEXT,
        /** The model's context window (n_positions) is full. */
        CONTEXT_FULL,
        /** The caller cancelled the run. */
        CANCELLED
    }

    /** Prompt followed by the new tokens. */
    public int[] allIds() {
        int[] all = Arrays.copyOf(promptIds, promptIds.length + newIds.length);
        System.arraycopy(newIds, 0, all, promptIds.length, newIds.length);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Generation g && Arrays.equals(promptIds, g.promptIds) && Arrays.equals(newIds, g.newIds)
                && Arrays.equals(newProbs, g.newProbs) && stopReason == g.stopReason && settings.equals(g.settings);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(promptIds) * 31 + Arrays.hashCode(newIds);
    }

    @Override
    public String toString() {
        return "Generation" + Arrays.toString(newIds) + " (" + stopReason + ")";
    }
}
