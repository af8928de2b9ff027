package org.attentionlab.io.tokenizer;

/**
 * The part of the original text a token came from, as UTF-16 indices ({@code text.substring(start, end)}).
 * Tokens the tokenizer added ({@code [CLS]}, {@code [SEP]}) have the empty span {@link #NONE}.
 *
 * @param start first index, inclusive
 * @param end   last index, exclusive
 */
public record TokenSpan(int start, int end) {
    /** The span of a token that does not come from the text. */
    public static final TokenSpan NONE = new TokenSpan(0, 0);

    public TokenSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** True when the span covers no text. */
    public boolean isEmpty() {
        return start == end;
    }
}
