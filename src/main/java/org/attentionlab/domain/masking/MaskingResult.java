package org.attentionlab.domain.masking;

import java.util.List;

/**
 * The masked-word lesson on one input: tokens, selection, corrupted input, predictions and loss.
 *
 * @param corruption  steps 1-3
 * @param canPredict  false when the checkpoint has no masked-language-model head
 * @param note        why predictions are missing (null when {@code canPredict})
 * @param predictions one per selected position, in position order (empty without an MLM head)
 * @param meanLoss    mean cross-entropy over the scored selected positions (NaN when there are none)
 * @param attentions  [layer][head][query][key] attention on the corrupted input
 */
public record MaskingResult(Corruption corruption, boolean canPredict, String note,
                            List<PositionPrediction> predictions, double meanLoss, float[][][][] attentions) {
    public MaskingResult {
        predictions = List.copyOf(predictions);
    }

    public MaskTokens tokens() {
        return corruption.tokens();
    }

    /** The prediction at {@code position}, or null when it was not selected. */
    public PositionPrediction at(int position) {
        return predictions.stream().filter(p -> p.position() == position).findFirst().orElse(null);
    }
}
