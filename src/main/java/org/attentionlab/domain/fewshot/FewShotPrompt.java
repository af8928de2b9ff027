package org.attentionlab.domain.fewshot;

import java.util.ArrayList;
import java.util.List;

/**
 * A prompt as in the GPT-3 paper's figure: an optional description line, k example lines
 * {@code input ARROW output}, and the query line {@code input ARROW}, joined by line breaks; or,
 * for a prompt typed as is, free text whose last line is the query.
 *
 * @param description the description line, or empty for none
 * @param examples    the examples in the order they appear
 * @param query       the question asked last, with its expected answer when known
 * @param arrow       separator between question and answer ({@code ->}, {@code =>})
 * @param freeText    the whole prompt when typed as is (then the other fields only name the query); null otherwise
 */
public record FewShotPrompt(String description, List<ShotPair> examples, ShotPair query, String arrow, String freeText) {
    public FewShotPrompt {
        description = description == null ? "" : description.strip();
        examples = List.copyOf(examples);
        arrow = arrow == null || arrow.isBlank() ? FewShotTask.DEFAULT_ARROW : arrow.strip();
    }

    /** A structured prompt. */
    public static FewShotPrompt of(String description, List<ShotPair> examples, ShotPair query, String arrow) {
        return new FewShotPrompt(description, examples, query, arrow, null);
    }

    /**
     * A prompt typed as is. The query word (marked in the attention view) is the last word of
     * the last line that has a letter or digit in it ({@code cheese} in {@code cheese =>}).
     */
    public static FewShotPrompt freeText(String text, String expected) {
        String[] lines = text.split("\n", -1);
        String query = "";
        for (String w : lines[lines.length - 1].trim().split("\\s+")) {
            if (w.codePoints().anyMatch(Character::isLetterOrDigit)) {
                query = w;
            }
        }
        return new FewShotPrompt("", List.of(), new ShotPair(query, expected), null, text);
    }

    public boolean isFreeText() {
        return freeText != null;
    }

    public int shots() {
        return examples.size();
    }

    /** The same prompt without its description line. */
    public FewShotPrompt withoutDescription() {
        return new FewShotPrompt("", examples, query, arrow, freeText);
    }

    /** The exact text the model reads; the query line ends with the arrow (no trailing space). */
    public String text() {
        if (freeText != null) {
            return freeText;
        }
        StringBuilder b = new StringBuilder();
        for (PromptLine line : lines()) {
            b.append(line.text());
            if (line.kind() != PromptLine.Kind.QUERY) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The lines of {@link #text()}, with where each starts and ends. */
    public List<PromptLine> lines() {
        List<PromptLine> out = new ArrayList<>();
        if (freeText != null) {
            String[] parts = freeText.split("\n", -1);
            int at = 0;
            for (int i = 0; i < parts.length; i++) {
                int end = at + parts[i].length() + (i < parts.length - 1 ? 1 : 0);
                out.add(new PromptLine(i == parts.length - 1 ? PromptLine.Kind.QUERY : PromptLine.Kind.TEXT, -1,
                        parts[i], at, end));
                at = end;
            }
            return out;
        }
        int at = 0;
        if (!description.isEmpty()) {
            out.add(new PromptLine(PromptLine.Kind.DESCRIPTION, -1, description, at, at + description.length() + 1));
            at += description.length() + 1;
        }
        for (int i = 0; i < examples.size(); i++) {
            String line = exampleLine(examples.get(i));
            out.add(new PromptLine(PromptLine.Kind.EXAMPLE, i, line, at, at + line.length() + 1));
            at += line.length() + 1;
        }
        String q = query.input().strip() + " " + arrow;
        out.add(new PromptLine(PromptLine.Kind.QUERY, -1, q, at, at + q.length()));
        return out;
    }

    /** {@code input ARROW output}. */
    public String exampleLine(ShotPair p) {
        return p.input().strip() + " " + arrow + " " + (p.output() == null ? "" : p.output().strip());
    }
}
