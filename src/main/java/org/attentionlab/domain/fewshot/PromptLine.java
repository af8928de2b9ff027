package org.attentionlab.domain.fewshot;

/**
 * One line of a prompt and where it is in the prompt's text.
 *
 * @param kind    what the line is
 * @param example for an example line, its index among the examples (0-based); otherwise -1
 * @param text    the line without its line break
 * @param start   first character in the prompt text
 * @param end     one past the last character, the line break included when there is one
 */
public record PromptLine(Kind kind, int example, String text, int start, int end) {
    /** What a prompt line is. */
    public enum Kind { DESCRIPTION, EXAMPLE, QUERY, TEXT }

    /** A short label: "description", "example 2", "query", "line 3". */
    public String label(int index) {
        return switch (kind) {
            case DESCRIPTION -> "description";
            case EXAMPLE -> "example " + (example + 1);
            case QUERY -> "query";
            case TEXT -> "line " + (index + 1);
        };
    }
}
