package org.attentionlab.domain.fewshot;

/**
 * One prompt of an accuracy run.
 *
 * @param shots           examples in the prompt
 * @param withDescription whether the description line was in it
 * @param order           which example order (0-based)
 * @param prompt          the exact prompt text
 * @param query           the question
 * @param expected        the expected answer
 * @param got             the model's answer
 * @param probability     the answer's probability
 * @param correct         got equals expected
 */
public record EvalItem(int shots, boolean withDescription, int order, String prompt, String query, String expected,
                       String got, double probability, boolean correct) {
}
