package org.attentionlab.engine.seq2seq;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seq2seq models' word-level tokenizer. Text is NFC-normalised and (if configured)
 * lower-cased with {@link Locale#ROOT}; then a token is either a maximal run of letters and
 * digits ({@link Character#isLetterOrDigit(int)}), or one other non-whitespace character
 * (punctuation and symbols stand alone). Whitespace only separates. With {@code splitDigits}
 * every digit is a token of its own, so "2024" becomes "2", "0", "2", "4".
 *
 * <p>Examples: {@code "The cat's hat."} gives {@code the, cat, ', s, hat, .};
 * {@code "5 May, 2024"} with split digits gives {@code 5, may, ",", 2, 0, 2, 4}.
 */
public final class WordTokenizer {
    private final boolean lowercase;
    private final boolean splitDigits;

    public WordTokenizer(boolean lowercase, boolean splitDigits) {
        this.lowercase = lowercase;
        this.splitDigits = splitDigits;
    }

    /** Splits {@code text} into word tokens; an empty list for blank text. */
    public List<String> tokenize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        if (lowercase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean digitAlone = splitDigits && Character.isDigit(cp);
            if (Character.isLetterOrDigit(cp) && !digitAlone) {
                word.appendCodePoint(cp);
                continue;
            }
            flush(word, tokens);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                tokens.add(new String(Character.toChars(cp)));
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }

    public boolean lowercase() {
        return lowercase;
    }

    public boolean splitDigits() {
        return splitDigits;
    }
}
