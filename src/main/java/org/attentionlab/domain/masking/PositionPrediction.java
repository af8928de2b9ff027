package org.attentionlab.domain.masking;

import java.util.List;

/**
 * Steps 4 and 5 for one selected position: what the model predicts there on the corrupted input.
 *
 * @param replacement  what happened to the position in step 3
 * @param top          the top-k guesses, most likely first
 * @param originalProb probability of the original token (NaN for a typed [MASK])
 * @param originalRank its rank among all vocabulary entries, 1 = most likely (-1 for a typed [MASK])
 * @param loss         cross-entropy -ln p(original) (NaN for a typed [MASK])
 */
public record PositionPrediction(Replacement replacement, List<Candidate> top, double originalProb, int originalRank,
                                 double loss) {
    public PositionPrediction {
        top = List.copyOf(top);
    }

    public int position() {
        return replacement.position();
    }

    /** True when the model's first guess is the original token. */
    public boolean correct() {
        return originalRank == 1;
    }

    /** True when there is an original token to score against (not a typed [MASK]). */
    public boolean scored() {
        return !replacement.typed();
    }
}
