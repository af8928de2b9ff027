package org.attentionlab.io.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Cuts text around special tokens typed literally ({@code [MASK]}, {@code <|endoftext|>}) before
 * anything else looks at it, as HF's added-tokens trie does: the earliest match wins, and the
 * longest of the tokens starting there. Matching is exact (case-sensitive), so {@code [mask]} is
 * ordinary text.
 */
final class LiteralTokenSplitter {
    /** A stretch of the text: ordinary text, or one literal token. */
    record Segment(int start, int end, String literal) {
        boolean isLiteral() {
            return literal != null;
        }
    }

    private final String[] literals; // longest first
    private final boolean[] firstChars = new boolean[Character.MAX_VALUE + 1];

    LiteralTokenSplitter(Set<String> literals) {
        this.literals = literals.stream().filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toArray(String[]::new);
        for (String s : this.literals) {
            firstChars[s.charAt(0)] = true;
        }
    }

    List<Segment> split(String text) {
        List<Segment> out = new ArrayList<>();
        int plainStart = 0;
        int i = 0;
        while (i < text.length()) {
            String hit = firstChars[text.charAt(i)] ? literalAt(text, i) : null;
            if (hit == null) {
                i++;
                continue;
            }
            if (plainStart < i) {
                out.add(new Segment(plainStart, i, null));
            }
            out.add(new Segment(i, i + hit.length(), hit));
            i += hit.length();
            plainStart = i;
        }
        if (plainStart < text.length()) {
            out.add(new Segment(plainStart, text.length(), null));
        }
        return out;
    }

    private String literalAt(String text, int i) {
        for (String s : literals) {
            if (text.startsWith(s, i)) {
                return s;
            }
        }
        return null;
    }
}
