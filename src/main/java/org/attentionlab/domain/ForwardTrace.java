package org.attentionlab.domain;

import java.util.List;

/**
 * Everything one forward pass computed that a lesson may show. Items that were not requested
 * (see {@link TraceItem}) are null.
 *
 * @param input       the encoding that was run
 * @param attentions  [layer][head][query][key] attention probabilities; each row sums to 1
 * @param maskSteps   one entry per layer
 * @param hidden      [layer + 1][token][dim]; index 0 is the embedding output
 * @param logits      [token][vocab]; for BERT the MLM head's output (null when the checkpoint has no head);
 *                    when only some rows were asked for, the other rows are null
 * @param embeddings  the parts of each token's embedding and their sum ({@link TraceItem#EMBEDDINGS})
 * @param projections one entry per layer: q, k, v and each head's output ({@link TraceItem#PROJECTIONS})
 * @param logitLens   the output head on every hidden state ({@link TraceItem#LOGIT_LENS}); null
 *                    also when the checkpoint has no output head
 */
public record ForwardTrace(Encoding input, float[][][][] attentions, List<MaskStep> maskSteps,
                           float[][][] hidden, float[][] logits, EmbeddingParts embeddings,
                           List<HeadProjections> projections, LogitLens logitLens) {
    /** A trace of the first four items only (the ones every lesson had before the labs). */
    public ForwardTrace(Encoding input, float[][][][] attentions, List<MaskStep> maskSteps, float[][][] hidden,
                        float[][] logits) {
        this(input, attentions, maskSteps, hidden, logits, null, null, null);
    }

    public int layers() {
        return attentions == null ? 0 : attentions.length;
    }

    public int heads() {
        return attentions == null || attentions.length == 0 ? 0 : attentions[0].length;
    }
}
