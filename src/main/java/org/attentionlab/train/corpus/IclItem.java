package org.attentionlab.train.corpus;

import java.util.List;

/**
 * One in-context evaluation question with its examples; the k-shot prompt uses the first k
 * examples, so the prompts for 0, 1, 2, 4 and 8 shots are nested.
 *
 * @param task the task name ("opposite", "plural", ...)
 * @param query the word asked about
 * @param answer the expected answer
 * @param examples {@link IclTasks#MAX_SHOTS} pairs [input, output] from the task's training pairs
 * @param heldOut true when the query pair never appears in a training block
 */
public record IclItem(String task, String query, String answer, List<List<String>> examples, boolean heldOut) {
}
