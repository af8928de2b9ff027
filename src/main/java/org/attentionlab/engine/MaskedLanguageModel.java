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

    /** True when the checkpoint has a next-sentence head ({@code BertForPreTraining}'s {@code cls.seq_relationship}). */
    default boolean hasNextSentenceHead() {
        return false;
    }

    /**
     * For a pair encoding ({@code [CLS] A [SEP] B [SEP]}, segment ids 0 then 1), the probabilities
     * {@code [is_next, not_next]} that B is the sentence that follows A (softmax of the head's two logits).
     *
     * @throws org.attentionlab.domain.ModelFormatException when the checkpoint has no next-sentence head
     */
    default float[] nextSentence(Encoding input) {
        throw new org.attentionlab.domain.ModelFormatException("This model has no next-sentence head.",
                "Load a BertForPreTraining checkpoint, such as the sample tiny-bert.");
    }
}
