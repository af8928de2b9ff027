package org.attentionlab.service.generation;

import java.util.List;

/**
 * A snapshot of a generation in the lab, immutable: the sequence so far, every step taken, the
 * step to come, and the causal attention grown so far.
 *
 * @param ids            prompt followed by the generated tokens
 * @param texts          each token as text (end-of-text as {@link GenerationLab#END_OF_TEXT})
 * @param promptLength   how many of {@code ids} are the prompt
 * @param attentionRows  per position that has run through the model: [layer][head][key 0 .. position]
 * @param steps          the steps taken, in order (step i chose the token at promptLength + i)
 * @param next           the step to come (its distribution, nothing chosen), or null when the run has stopped
 * @param stop           why no further step can be taken, or null
 */
public record GenerationState(List<Integer> ids, List<String> texts, int promptLength, List<float[][][]> attentionRows,
                              List<GenerationStep> steps, GenerationStep next, Stop stop) {
    /** Why the run cannot go on. */
    public enum Stop {
        /** The model chose its end-of-text token. */
        END_OF_TEXT,
        /** The model's context window is full. */
        CONTEXT_FULL
    }

    public int length() {
        return ids.size();
    }

    /** The last step taken, or null before the first. */
    public GenerationStep lastStep() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }

    /** The generated token ids (without the prompt). */
    public int[] newIds() {
        return ids.subList(promptLength, ids.size()).stream().mapToInt(Integer::intValue).toArray();
    }
}
