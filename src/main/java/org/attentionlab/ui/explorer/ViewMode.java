package org.attentionlab.ui.explorer;

/** The three ways the Attention Explorer draws attention. */
public enum ViewMode {
    /** One head (or the mean of a layer's heads) as a query-by-key grid. */
    HEATMAP,
    /** Lines from each query to the keys it attends to, for one or more heads. */
    HEADS,
    /** Every layer by every head as thumbnails. */
    MODEL
}
