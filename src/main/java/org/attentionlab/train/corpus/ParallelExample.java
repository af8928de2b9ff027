package org.attentionlab.train.corpus;

import java.util.List;

/**
 * A source sentence, its target, and the gold word alignment.
 *
 * @param source source words
 * @param target target words
 * @param alignment for each target position, the source positions it translates (ascending);
 *     empty for a target word with no source counterpart (the "-" of a date)
 */
public record ParallelExample(List<String> source, List<String> target, List<List<Integer>> alignment) {
}
