package org.attentionlab.domain;

import java.util.List;

/**
 * One word of a source sentence checked against the model's closed source vocabulary.
 *
 * @param word        the word as the tokenizer produced it
 * @param known       whether the vocabulary has it (unknown words become {@code <unk>})
 * @param suggestions for an unknown word, the nearest known words (fewest edits first); empty when known
 */
public record WordCheck(String word, boolean known, List<String> suggestions) {
    public WordCheck {
        suggestions = List.copyOf(suggestions);
    }
}
