package org.attentionlab.domain;

/** What a forward pass should record besides the final output. */
public enum TraceItem {
    /** Attention probabilities [layer][head][query][key]. */
    ATTENTIONS,
    /** Per layer: the mask applied, raw scores QK^T/sqrt(d) and scores after masking. */
    MASKS,
    /** Hidden states [layer+1][token][dim] (embeddings first). */
    HIDDEN,
    /** Output logits [token][vocab]. */
    LOGITS
}
