package org.attentionlab.domain.fewshot;

/**
 * A candidate for the answer's first token.
 *
 * @param id          token id
 * @param text        the token as text (decoded, spaces visible as they are)
 * @param probability its probability after the prompt
 */
public record Alternative(int id, String text, float probability) {
}
