package org.attentionlab.figure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelKind;
import org.junit.jupiter.api.Test;

class AttentionSlicesTest {
    private final Encoding bert = TestTraces.encoding(List.of("[CLS]", "the", "cat", "sat", "[SEP]"),
            new boolean[] {true, false, false, false, true}, null);
    private final ForwardTrace trace = TestTraces.trace(bert, 2, 3, false, 7);

    @Test
    void oneHeadIsTheTracesWeightsUnchanged() {
        AttentionMatrix m = AttentionSlices.select(trace, ModelKind.BERT, 1, 2, SliceOptions.ALL);
        for (int q = 0; q < 5; q++) {
            assertArrayEquals(trace.attentions()[1][2][q], m.weights()[q]);
        }
        assertEquals(bert.tokens(), m.rowTokens());
        assertEquals(bert.tokens(), m.colTokens());
    }

    @Test
    void meanOverHeadsAveragesEachCellAndRowsStillSumToOne() {
        AttentionMatrix m = AttentionSlices.select(trace, ModelKind.BERT, 0, AttentionSlices.MEAN_OF_HEADS, SliceOptions.ALL);
        float[][][] l0 = trace.attentions()[0];
        assertEquals((l0[0][2][3] + l0[1][2][3] + l0[2][2][3]) / 3, m.weights()[2][3], 1e-7);
        for (float[] row : m.weights()) {
            assertEquals(1f, TestTraces.rowSum(row), 1e-5);
        }
    }

    @Test
    void hidingSpecialTokensDropsThemFromBothAxesAndRenormalisesRows() {
        AttentionMatrix m = AttentionSlices.select(trace, ModelKind.BERT, 0, 1, new SliceOptions(true, 0));
        assertEquals(List.of("the", "cat", "sat"), m.rowTokens());
        assertArrayEquals(new int[] {1, 2, 3}, m.rowSource());
        float[] full = trace.attentions()[0][1][2]; // query "cat"
        double kept = full[1] + full[2] + full[3];
        for (int c = 0; c < 3; c++) {
            assertEquals(full[c + 1] / kept, m.weights()[1][c], 1e-6);
        }
        for (float[] row : m.weights()) {
            assertEquals(1f, TestTraces.rowSum(row), 1e-5);
        }
        assertEquals(-1, m.rowOf(0), "[CLS] is hidden");
        assertEquals(0, m.rowOf(1));
    }

    @Test
    void topKKeepsTheLargestWeightsUnscaledAndZeroesTheRest() {
        AttentionMatrix m = AttentionSlices.select(trace, ModelKind.BERT, 1, 0, new SliceOptions(false, 2));
        for (int q = 0; q < 5; q++) {
            float[] full = trace.attentions()[1][0][q];
            float[] sorted = full.clone();
            Arrays.sort(sorted);
            int nonZero = 0;
            for (int k = 0; k < 5; k++) {
                float v = m.weights()[q][k];
                if (v != 0) {
                    nonZero++;
                    assertEquals(full[k], v, "kept weights are the model's own");
                    assertTrue(v >= sorted[3], "only the two largest survive");
                }
            }
            assertEquals(2, nonZero);
        }
    }

    @Test
    void gpt2MapsMarkEveryLaterKeyAsMasked() {
        Encoding gpt = TestTraces.encoding(List.of("The", "Ġcat", "Ġsat"), null, null);
        ForwardTrace t = TestTraces.trace(gpt, 1, 1, true, 3);
        AttentionMatrix m = AttentionSlices.select(t, ModelKind.GPT2, 0, 0, SliceOptions.ALL);
        for (int q = 0; q < 3; q++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(k <= q, m.isAllowed(q, k), "q=" + q + " k=" + k);
            }
        }
        AttentionMatrix b = AttentionSlices.select(trace, ModelKind.BERT, 0, 0, SliceOptions.ALL);
        for (int q = 0; q < 5; q++) {
            for (int k = 0; k < 5; k++) {
                assertTrue(b.isAllowed(q, k));
            }
        }
    }

    @Test
    void aSentencePairKeepsItsSegments() {
        Encoding pair = TestTraces.encoding(List.of("[CLS]", "a", "[SEP]", "b", "[SEP]"),
                new boolean[] {true, false, true, false, true}, new int[] {0, 0, 0, 1, 1});
        ForwardTrace t = TestTraces.trace(pair, 1, 1, false, 5);
        AttentionMatrix m = AttentionSlices.select(t, ModelKind.BERT, 0, 0, new SliceOptions(true, 0));
        assertArrayEquals(new int[] {0, 1}, m.rowSegments());
        AttentionMatrix single = AttentionSlices.select(trace, ModelKind.BERT, 0, 0, SliceOptions.ALL);
        assertEquals(null, single.rowSegments());
    }

    @Test
    void aLayerOrHeadThatDoesNotExistIsAnInputError() {
        InputException e = assertThrows(InputException.class,
                () -> AttentionSlices.select(trace, ModelKind.BERT, 2, 0, SliceOptions.ALL));
        assertTrue(e.remedy().contains("0 to 1"));
        assertThrows(InputException.class, () -> AttentionSlices.select(trace, ModelKind.BERT, 0, 3, SliceOptions.ALL));
        assertFalse(e.problem().isEmpty());
    }
}
