package org.attentionlab.domain.fewshot;

import java.util.List;

/**
 * The four prompts of the GPT-3 paper's figure, each with the model's answer.
 *
 * @param columns zero-shot, one-shot, few-shot, and examples without the description, in that order
 * @param checksumBefore the weights' checksum before the four runs
 * @param checksumAfter  the weights' checksum after them (equal: no gradient update)
 */
public record SideBySide(List<Column> columns, long checksumBefore, long checksumAfter) {
    public SideBySide {
        columns = List.copyOf(columns);
    }

    /** What a column shows. */
    public enum Kind { ZERO_SHOT, ONE_SHOT, FEW_SHOT, EXAMPLES_ONLY }

    /** One column: its kind, the prompt and the answer. */
    public record Column(Kind kind, PromptAnswer answer) {
        public FewShotPrompt prompt() {
            return answer.prompt();
        }
    }

    public Column column(Kind kind) {
        return columns.stream().filter(c -> c.kind() == kind).findFirst().orElseThrow();
    }
}
