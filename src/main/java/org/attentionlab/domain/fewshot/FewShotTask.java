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
 */
public record FewShotTask(String name, String description, List<ShotPair> pairs, List<ShotPair> queries, String arrow) {
    /** The separator of today's sample models: {@code hot -> cold}. */
    public static final String DEFAULT_ARROW = "->";

    public FewShotTask {
        description = description == null ? "" : description;
        pairs = List.copyOf(pairs);
        queries = List.copyOf(queries);
        arrow = arrow == null || arrow.isBlank() ? DEFAULT_ARROW : arrow;
    }

    public boolean hasDescription() {
        return !description.isBlank();
    }
}
