package org.attentionlab.domain;

/**
 * What a forward pass should record besides the final output. Each item costs nothing when it is
 * not asked for; the last three are for the labs and are never part of the explorer's fast path.
 */
public enum TraceItem {
    /** Attention probabilities [layer][head][query][key]. */
    ATTENTIONS,
    /** Per layer: the mask applied, raw scores QK^T/sqrt(d) and scores after masking. */
    MASKS,
    /** Hidden states [layer+1][token][dim] (embeddings first). */
    HIDDEN,
    /** Output logits [token][vocab]. */
    LOGITS,
    /**
     * The parts of the embedding of each token (token, position and, for BERT, segment) and their
     * sum before any LayerNorm: {@link EmbeddingParts}.
     */
    EMBEDDINGS,
    /**
     * Per layer and head: q, k, v of every token and the head's weighted sum of the values before
     * the output projection: {@link HeadProjections}. With {@link #MASKS} and {@link #ATTENTIONS}
     * this is every step of attention (scores, mask, softmax).
     */
    PROJECTIONS,
    /**
     * The model's output head applied to every layer's hidden state (the "logit lens"):
     * {@link LogitLens}. Costs one output-head product per layer, [layer+1][token][vocab] floats.
     */
    LOGIT_LENS
}
