package org.attentionlab.domain.fewshot;

import java.util.Arrays;
import java.util.List;

/**
 * What the model answered to one prompt, decoding greedily.
 *
 * @param prompt             the prompt
 * @param promptIds          its token ids
 * @param answer             the answer: the continuation up to the stop (line break, end of text, or
 *                           the end of the first word), stripped of surrounding spaces
 * @param answerIds          the tokens that make up the answer (the stop token not included)
 * @param tokenProbabilities each answer token's probability when it was chosen
 * @param probability        the answer's probability: the product of {@code tokenProbabilities}
 * @param top                the most likely first tokens, best first (the chosen one first)
 * @param correct            right or wrong against the expected answer; null when there is none
 */
public record PromptAnswer(FewShotPrompt prompt, int[] promptIds, String answer, int[] answerIds,
                           float[] tokenProbabilities, double probability, List<Alternative> top, Boolean correct) {
    public PromptAnswer {
        top = List.copyOf(top);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptAnswer a && prompt.equals(a.prompt) && Arrays.equals(promptIds, a.promptIds)
                && answer.equals(a.answer) && Arrays.equals(answerIds, a.answerIds)
                && Arrays.equals(tokenProbabilities, a.tokenProbabilities) && probability == a.probability
                && top.equals(a.top) && java.util.Objects.equals(correct, a.correct);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(prompt, Arrays.hashCode(promptIds), answer, Arrays.hashCode(answerIds));
    }

    @Override
    public String toString() {
        return "PromptAnswer[" + answer + " p=" + probability + " correct=" + correct + "]";
    }
}
