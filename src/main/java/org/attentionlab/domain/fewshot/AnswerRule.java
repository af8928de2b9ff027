package org.attentionlab.domain.fewshot;

/**
 * Where a greedy answer ends.
 *
 * @param firstWord     end at the end of the first word (otherwise at {@code stop})
 * @param stop          the stop string when not {@code firstWord} (a line break by default)
 * @param maxNewTokens  at most this many tokens are generated
 */
public record AnswerRule(boolean firstWord, String stop, int maxNewTokens) {
    /** Up to the end of the line, at most 8 tokens: the sample models' evaluation. */
    public static final AnswerRule LINE = new AnswerRule(false, "\n", 8);
    /** The first word, at most 8 tokens. */
    public static final AnswerRule FIRST_WORD = new AnswerRule(true, "\n", 8);

    public AnswerRule {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1");
        }
        stop = stop == null || stop.isEmpty() ? "\n" : stop;
    }

    /** Where the answer ends in {@code text} (the continuation so far), or -1 when it has not ended yet. */
    public int cut(String text) {
        int at = text.indexOf(stop);
        if (firstWord) {
            int i = 0;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            boolean inWord = false;
            for (; i < text.length(); i++) {
                if (Character.isWhitespace(text.charAt(i))) {
                    if (inWord) {
                        return at >= 0 ? Math.min(at, i) : i;
                    }
                } else {
                    inWord = true;
                }
            }
        }
        return at;
    }
}
