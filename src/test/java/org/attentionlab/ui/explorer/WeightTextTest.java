package org.attentionlab.ui.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pointer readout shows a weight with three significant digits, not a float's eight. */
class WeightTextTest {
    @Test
    void threeSignificantDigits() {
        assertEquals("0.259", AttentionExplorerView.weight(0.25887221f));
        assertEquals("0.0123", AttentionExplorerView.weight(0.012345678f));
        assertEquals("1", AttentionExplorerView.weight(1.0f));
        assertEquals("0.5", AttentionExplorerView.weight(0.5f));
        assertEquals("0.000157", AttentionExplorerView.weight(1.5678e-4f));
        assertEquals("0", AttentionExplorerView.weight(0f));
    }
}
