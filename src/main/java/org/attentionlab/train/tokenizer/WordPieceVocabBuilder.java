package org.attentionlab.train.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.attentionlab.io.tokenizer.UnicodeRules;

/**
 * Builds a WordPiece {@code vocab.txt} for an uncased BERT from a corpus whose words are few:
 * every word seen at least {@code minCount} times is a token of its own, so a student sees
 * whole words, and single characters (plain and {@code ##}-continued) let any other word be
 * spelled out instead of becoming {@code [UNK]}.
 *
 * <p>Words are found the way BERT's basic tokenizer finds them: lower-cased, split at
 * whitespace, and every punctuation character a token of its own.
 *
 * <p>Layout: {@code [PAD] [UNK] [CLS] [SEP] [MASK]} at ids 0 to 4, then the characters, then the
 * {@code ##} characters, then the words from most to least frequent (ties alphabetical).
 */
public final class WordPieceVocabBuilder {
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private WordPieceVocabBuilder() {
    }

    /** BERT's basic tokenization of a text: lower case, split at spaces, punctuation alone. */
    public static List<String> basicTokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isWhitespace(c)) {
                flush(word, out);
            } else if (UnicodeRules.isBertPunctuation(c)) {
                flush(word, out);
                out.add(String.valueOf(c));
            } else {
                word.append(c);
            }
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    /** The vocabulary, in id order. */
    public static List<String> build(Iterable<String> texts, int minCount) {
        return build(texts, minCount, List.of());
    }

    /**
     * The vocabulary, in id order, with every word of {@code requiredWords} a token of its own
     * (after the corpus words, in the given order, when the corpus did not already add it).
     */
    public static List<String> build(Iterable<String> texts, int minCount, List<String> requiredWords) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String t : texts) {
            for (String w : basicTokens(t)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        Set<String> vocab = new LinkedHashSet<>(SPECIALS);
        // Characters: ASCII printables plus any other character the corpus uses.
        Set<Character> chars = new java.util.TreeSet<>();
        for (char c = '!'; c <= '~'; c++) {
            if (!Character.isUpperCase(c)) {
                chars.add(c);
            }
        }
        counts.keySet().forEach(w -> w.chars().forEach(c -> chars.add((char) c)));
        chars.forEach(c -> vocab.add(String.valueOf(c)));
        for (char c : chars) {
            if (Character.isLetterOrDigit(c)) {
                vocab.add("##" + c);
            }
        }
        List<Map.Entry<String, Integer>> words = new ArrayList<>(counts.entrySet());
        words.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        for (Map.Entry<String, Integer> e : words) {
            if (e.getValue() >= minCount) {
                vocab.add(e.getKey());
            }
        }
        vocab.addAll(requiredWords);
        return new ArrayList<>(vocab);
    }

    /** Writes {@code vocab.txt}: one token per line, line number = id. */
    public static void write(List<String> vocab, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("vocab.txt"), vocab, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write vocab.txt to " + dir, e);
        }
    }
}
