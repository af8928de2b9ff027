package org.attentionlab.domain.fewshot;

import java.util.List;
import java.util.Optional;

/**
 * Accuracy against the number of examples for one task.
 *
 * @param task           the task's name
 * @param shots          the numbers of examples asked for, in order
 * @param orders         how many example orders were run
 * @param points         one point per (shots, with/without description), each over the orders
 * @param items          every prompt that was run, with what the model answered
 * @param checksumBefore the weights' checksum before the run
 * @param checksumAfter  the weights' checksum after it (equal: no weight changed)
 * @param millis         wall-clock time of the run
 */
public record AccuracyReport(String task, List<Integer> shots, int orders, List<AccuracyPoint> points,
                             List<EvalItem> items, long checksumBefore, long checksumAfter, long millis) {
    public AccuracyReport {
        shots = List.copyOf(shots);
        points = List.copyOf(points);
        items = List.copyOf(items);
    }

    public Optional<AccuracyPoint> point(int k, boolean withDescription) {
        return points.stream().filter(p -> p.shots() == k && p.withDescription() == withDescription).findFirst();
    }

    /** The items behind one point (all orders). */
    public List<EvalItem> itemsOf(int k, boolean withDescription) {
        return items.stream().filter(i -> i.shots() == k && i.withDescription() == withDescription).toList();
    }
}
