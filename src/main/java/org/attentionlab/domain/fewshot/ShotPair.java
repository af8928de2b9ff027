package org.attentionlab.domain.fewshot;

/**
 * A question and its answer, such as {@code hot} and {@code cold}.
 *
 * @param input  what the prompt asks about
 * @param output the expected answer, or null when nobody said what it should be
 */
public record ShotPair(String input, String output) {
    public ShotPair {
        if (input == null) {
            throw new IllegalArgumentException("a pair needs an input");
        }
    }

    /** True when this pair says what the answer should be. */
    public boolean hasOutput() {
        return output != null && !output.isBlank();
    }
}
