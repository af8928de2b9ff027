package org.attentionlab.domain.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The printed percentage is the counts' ratio rounded half up, whatever floating point makes of it. */
class AccuracyPointTest {
    @ParameterizedTest
    @CsvSource({"23, 40, 58", "0, 40, 0", "40, 40, 100", "1, 3, 33", "2, 3, 67", "47, 120, 39", "0, 0, 0"})
    void percentRoundsTheCountsHalfUp(int correct, int total, long percent) {
        double share = total == 0 ? 0 : (double) correct / total;
        AccuracyPoint p = new AccuracyPoint(4, true, new double[] {share}, correct, total);
        assertEquals(percent, p.percent());
    }

    @ParameterizedTest
    @CsvSource({"23, 21, 40, 58, 53", "0, 40, 40, 0, 100", "1, 2, 3, 33, 67", "40, 40, 40, 100, 100"})
    void worstAndBestOrdersRoundTheirCountsHalfUp(int a, int b, int perOrder, long percentA, long percentB) {
        AccuracyPoint p = new AccuracyPoint(4, true, new double[] {(double) a / perOrder, (double) b / perOrder},
                a + b, 2 * perOrder);
        assertEquals(Math.max(percentA, percentB), p.maxPercent());
        assertEquals(Math.min(percentA, percentB), p.minPercent());
    }
}
