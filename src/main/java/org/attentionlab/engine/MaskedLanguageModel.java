package org.attentionlab.engine;

import java.util.List;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.MaskPrediction;

/** A bidirectional model with a masked-language-model head (BERT's {@code cls.predictions}). */
public interface MaskedLanguageModel extends TransformerModel {
    /** True when the checkpoint has an MLM head, so that logits and predictions are available. */
    boolean hasLanguageModelHead();

    /**
     * For every position of {@code input} whose id is {@code maskTokenId}, the {@code k} most
     * likely tokens with their probabilities (softmax over the vocabulary), in input order.
     *
     * @throws org.attentionlab.domain.ModelFormatException when the checkpoint has no MLM head
     */
    List<MaskPrediction> predictMasks(Encoding input, int maskTokenId, int k);
}
