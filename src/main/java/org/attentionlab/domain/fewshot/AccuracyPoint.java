package org.attentionlab.domain.fewshot;

import java.util.Arrays;

/**
 * Accuracy at one number of examples, with or without the description, over several example orders.
 *
 * @param shots           examples per prompt
 * @param withDescription whether the prompts started with the description line
 * @param byOrder         accuracy (0..1) for each example order
 * @param correct         right answers summed over the orders
 * @param total           prompts summed over the orders
 */
public record AccuracyPoint(int shots, boolean withDescription, double[] byOrder, int correct, int total) {
    public double mean() {
        return Arrays.stream(byOrder).average().orElse(0);
    }

    /**
     * The accuracy as a whole percentage, rounded half up from the counts, so every place that
     * prints it agrees: 23 of 40 is 58%, where formatting 100 * 0.575 (57.49999... in floating
     * point) printed 57%.
     */
    public long percent() {
        return total == 0 ? 0 : Math.round(100.0 * correct / total);
    }

    /** The worst example order's accuracy as a whole percentage, rounded half up like {@link #percent()}. */
    public long minPercent() {
        return orderPercent(min());
    }

    /** The best example order's accuracy as a whole percentage, rounded half up like {@link #percent()}. */
    public long maxPercent() {
        return orderPercent(max());
    }

    /**
     * Every order asks the same number of prompts (total / orders), so an order's count is its
     * share times that number; the percentage is then rounded from the count, not from the share.
     */
    private long orderPercent(double share) {
        if (byOrder.length == 0 || total == 0) {
            return 0;
        }
        double perOrder = (double) total / byOrder.length;
        long right = Math.round(share * perOrder);
        return Math.round(100.0 * right / perOrder);
    }

    public double min() {
        return Arrays.stream(byOrder).min().orElse(0);
    }

    public double max() {
        return Arrays.stream(byOrder).max().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccuracyPoint p && shots == p.shots && withDescription == p.withDescription
                && Arrays.equals(byOrder, p.byOrder) && correct == p.correct && total == p.total;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * shots + Boolean.hashCode(withDescription)) + Arrays.hashCode(byOrder);
    }

    @Override
    public String toString() {
        return "AccuracyPoint[k=" + shots + (withDescription ? " desc" : "") + " " + Arrays.toString(byOrder) + "]";
    }
}
