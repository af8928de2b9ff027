package org.attentionlab.domain.fewshot;

import java.util.List;

/**
 * A task the model can be prompted with: a description line, pairs to draw examples from, and
 * queries to evaluate on.
 *
 * @param name        short name ({@code opposite})
 * @param description the line that describes the task ({@code opposites :}); empty when the task has none
 * @param pairs       where examples are drawn from
 * @param queries     what the accuracy run asks, each with its expected answer
 * @param arrow       what separates a question from its answer on a line ({@code ->})
 * @param promptOnly  the answer is only in the prompt (a fresh word mapping): a query's own pair,
 *                    when it is one of {@code pairs}, is the first example, so that with k examples
 *                    the answer stands k lines back and with none it cannot be known
 */
public record FewShotTask(String name, String description, List<ShotPair> pairs, List<ShotPair> queries, String arrow,
                          boolean promptOnly) {
    /** The separator of today's sample models: {@code hot -> cold}. */
    public static final String DEFAULT_ARROW = "->";

    public FewShotTask {
        description = description == null ? "" : description;
        pairs = List.copyOf(pairs);
        queries = List.copyOf(queries);
        arrow = arrow == null || arrow.isBlank() ? DEFAULT_ARROW : arrow;
    }

    /** A task whose answers the model may know (look-ups, spelling rules). */
    public FewShotTask(String name, String description, List<ShotPair> pairs, List<ShotPair> queries, String arrow) {
        this(name, description, pairs, queries, arrow, false);
    }

    public boolean hasDescription() {
        return !description.isBlank();
    }
}
