package org.attentionlab.domain;

import java.util.Arrays;

/**
 * What a masked language model predicts for one masked position: the most likely tokens, best
 * first, with their probabilities (softmax over the whole vocabulary).
 *
 * @param position index of the masked token in the input
 * @param ids      token ids, most likely first
 * @param probs    their probabilities, same order
 */
public record MaskPrediction(int position, int[] ids, float[] probs) {
    public MaskPrediction {
        if (ids.length != probs.length) {
            throw new IllegalArgumentException("ids and probs differ in length");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskPrediction m && position == m.position && Arrays.equals(ids, m.ids)
                && Arrays.equals(probs, m.probs);
    }

    @Override
    public int hashCode() {
        return position * 31 + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "MaskPrediction@" + position + Arrays.toString(ids);
    }
}
