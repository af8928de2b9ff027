package org.attentionlab.io.tokenizer;

/**
 * The character classes HuggingFace's Python BERT tokenizer uses, written for Java code points.
 *
 * <p>Python's {@code unicodedata} and Java's {@link Character} follow different Unicode versions
 * (Python 3.11: 14.0, Java 17: 13.0). The one place where that matters in practice is newer emoji,
 * which Java 17 still sees as unassigned: {@link #isBertControl} therefore does not count
 * unassigned code points as control characters, so that such an emoji becomes {@code [UNK]} as it
 * does in Python rather than vanishing.
 */
public final class UnicodeRules {
    private UnicodeRules() {
    }

    /** BERT's {@code _is_whitespace}: space, tab, newline, carriage return, or category Zs. */
    static boolean isBertWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'
                || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** BERT's {@code _is_control}: any category C* (except tab, newline, carriage return). */
    static boolean isBertControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    /** BERT's {@code _is_punctuation}: all non-alphanumeric ASCII symbols, or category P*. */
    public static boolean isBertPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** BERT's {@code _is_chinese_char}: the CJK Unified/Compatibility Ideograph blocks (not kana, not Hangul). */
    static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** Python's {@code str.isspace()}, which {@code str.split()} and {@code str.strip()} split on. */
    static boolean isPythonSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Category Mn: what BERT's accent stripping removes after NFD. */
    static boolean isNonSpacingMark(int cp) {
        return Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    /**
     * True if {@code cp} may combine with the character before it under NFC: combining marks
     * (Mn, Mc, Me) and the Hangul medial vowel and final consonant jamo.
     */
    static boolean attachesToPrevious(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || (cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF);
    }

    /**
     * Python's {@code str.lower()} for the code point at {@code i} of {@code word}: the full
     * lower-case mapping, so 'İ' gives two code points, and capital sigma becomes final 'ς' when
     * it ends a word (Unicode's Final_Sigma context, as CPython implements it).
     *
     * @return the lower-case code points (one, or two for 'İ')
     */
    static int[] pythonLower(int[] word, int length, int i) {
        int cp = word[i];
        if (cp == 0x130) {
            return new int[] {'i', 0x307};
        }
        if (cp == 0x3A3) {
            return new int[] {isFinalSigma(word, length, i) ? 0x3C2 : 0x3C3};
        }
        return new int[] {Character.toLowerCase(cp)};
    }

    /** Final_Sigma: a cased letter before (skipping case-ignorables) and none after. */
    private static boolean isFinalSigma(int[] word, int length, int i) {
        int j = i - 1;
        while (j >= 0 && isCaseIgnorable(word[j])) {
            j--;
        }
        if (j < 0 || !isCased(word[j])) {
            return false;
        }
        int k = i + 1;
        while (k < length && isCaseIgnorable(word[k])) {
            k++;
        }
        return k == length || !isCased(word[k]);
    }

    /** Unicode's Cased property: upper, lower or title case (including Other_Lowercase/Uppercase). */
    static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable property: Mn, Me, Cf, Lm, Sk, and the word-internal apostrophes and dots. */
    static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            // Word_Break = MidLetter, MidNumLet or Single_Quote
            case 0x27: case 0x2E: case 0x3A: case 0xB7: case 0x387: case 0x55F: case 0x5F4:
            case 0x2018: case 0x2019: case 0x2024: case 0x2027: case 0xFE13: case 0xFE52:
            case 0xFE55: case 0xFF07: case 0xFF0E: case 0xFF1A:
                return true;
            default:
                return false;
        }
    }
}
