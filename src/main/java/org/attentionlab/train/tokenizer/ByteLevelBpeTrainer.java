package org.attentionlab.train.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a GPT-2 style byte-level BPE vocabulary and writes it as HuggingFace's
 * {@code vocab.json} + {@code merges.txt}, so that {@code GPT2Tokenizer} (and the app's loader)
 * read it like GPT-2's own.
 *
 * <p>The procedure is GPT-2's: split the text with GPT-2's pre-tokenization pattern, map each
 * byte to a printable character (space becomes {@code Ġ}, newline {@code Ċ}), start from the
 * 256 byte symbols and repeatedly merge the most frequent adjacent pair. Ties go to the pair
 * that sorts first, so the result depends only on the text.
 *
 * <p>Vocabulary ids: the 256 byte symbols in byte order, then one id per merge in merge order,
 * then the special tokens.
 */
public final class ByteLevelBpeTrainer {
    /** GPT-2's pre-tokenizer: contractions, letter runs, digit runs, other runs, whitespace. */
    public static final Pattern GPT2_SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

    private static final String[] BYTE_TO_SYMBOL = byteSymbols();

    /** The trained vocabulary: token to id, and the merges in rank order. */
    public record Result(Map<String, Integer> vocab, List<String[]> merges) {
    }

    private ByteLevelBpeTrainer() {
    }

    /** GPT-2's reversible map from bytes to printable characters. */
    private static String[] byteSymbols() {
        String[] out = new String[256];
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable) {
                out[b] = String.valueOf((char) b);
            } else {
                out[b] = String.valueOf((char) (256 + next++));
            }
        }
        return out;
    }

    /** The printable symbol GPT-2 uses for a byte ({@code 0x20} is {@code Ġ}). */
    public static String symbolOf(int unsignedByte) {
        return BYTE_TO_SYMBOL[unsignedByte];
    }

    /** Splits text with {@link #GPT2_SPLIT} and maps every chunk's UTF-8 bytes to symbols. */
    public static List<String> pretokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = GPT2_SPLIT.matcher(text);
        while (m.find()) {
            out.add(toSymbols(m.group()));
        }
        return out;
    }

    private static String toSymbols(String chunk) {
        StringBuilder b = new StringBuilder();
        for (byte x : chunk.getBytes(StandardCharsets.UTF_8)) {
            b.append(BYTE_TO_SYMBOL[x & 0xFF]);
        }
        return b.toString();
    }

    /**
     * Learns merges until the vocabulary has {@code vocabSize} entries (including the special
     * tokens), or until no pair occurs twice.
     */
    public static Result train(Iterable<String> texts, int vocabSize, List<String> specialTokens) {
        return train(texts, vocabSize, specialTokens, List.of());
    }

    /**
     * As {@link #train(Iterable, int, List)}, then makes every word of {@code requiredWords}
     * a single token both preceded by a space, as inside a text ({@code Ġthen}), and without one, as
     * at the start of a text or a line ({@code then}): for each word in
     * order, the pieces the merges so far leave are joined left to right by new merges appended
     * at the end. Appending never changes how an earlier word or text encodes up to the point
     * where the new merges start, so every required word ends up whole. Special tokens come last.
     */
    public static Result train(Iterable<String> texts, int vocabSize, List<String> specialTokens,
            List<String> requiredWords) {
        if (vocabSize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("A byte-level vocabulary needs at least 256 entries plus the special tokens.");
        }
        // Word frequencies; a TreeMap keeps the iteration order independent of hashing.
        Map<String, Integer> wordCounts = new TreeMap<>();
        for (String text : texts) {
            for (String w : pretokenize(text)) {
                wordCounts.merge(w, 1, Integer::sum);
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : wordCounts.entrySet()) {
            List<String> symbols = new ArrayList<>();
            e.getKey().codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
            words.add(symbols);
            counts.add(e.getValue());
        }

        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(BYTE_TO_SYMBOL[b], b);
        }
        List<String[]> merges = new ArrayList<>();
        int target = vocabSize - specialTokens.size();
        while (vocab.size() < target) {
            // Pair counts over all words; few distinct words in our corpora, so a full recount is cheap.
            Map<String, Integer> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairCounts.merge(s.get(i) + "\u0000" + s.get(i + 1), counts.get(w), Integer::sum);
                }
            }
            String best = null;
            int bestCount = 1;
            for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null) {
                break; // nothing occurs twice: more merges would only memorise single words
            }
            String[] pair = best.split("\u0000", -1);
            String merged = pair[0] + pair[1];
            merges.add(pair);
            vocab.putIfAbsent(merged, vocab.size());
            for (List<String> s : words) {
                applyMerge(s, pair[0], pair[1], merged);
            }
        }
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            rank.put(merges.get(i)[0] + "\u0000" + merges.get(i)[1], i);
        }
        // First every word after a space (inside a text), then every word without one (at the
        // start of a text or a line: "lamp -> table"), so the ids of the first pass never move.
        for (String prefix : List.of(" ", "")) {
            for (String word : requiredWords) {
                List<String> pieces = encodeSymbols(toSymbols(prefix + word), merges, rank);
                while (pieces.size() > 1) {
                    String a = pieces.get(0);
                    String b = pieces.get(1);
                    merges.add(new String[] {a, b});
                    rank.put(a + "\u0000" + b, merges.size() - 1);
                    vocab.putIfAbsent(a + b, vocab.size());
                    pieces.set(0, a + b);
                    pieces.remove(1);
                }
            }
        }
        for (String special : specialTokens) {
            vocab.putIfAbsent(special, vocab.size());
        }
        return new Result(Collections.unmodifiableMap(vocab), Collections.unmodifiableList(merges));
    }

    private static void applyMerge(List<String> s, String a, String b, String merged) {
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).equals(a) && s.get(i + 1).equals(b)) {
                s.set(i, merged);
                s.remove(i + 1);
            }
        }
    }

    /**
     * Encodes text the way GPT-2's tokenizer does with these merges: pre-tokenize, then in each
     * chunk merge the pair of lowest rank until none applies. Used to check round trips.
     */
    public static List<Integer> encode(Result bpe, String text) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < bpe.merges().size(); i++) {
            rank.put(bpe.merges().get(i)[0] + "\u0000" + bpe.merges().get(i)[1], i);
        }
        List<Integer> ids = new ArrayList<>();
        for (String chunk : pretokenize(text)) {
            for (String token : encodeSymbols(chunk, bpe.merges(), rank)) {
                ids.add(bpe.vocab().get(token));
            }
        }
        return ids;
    }

    /** BPE of one pre-tokenized chunk (symbols) with the given merges and their ranks. */
    private static List<String> encodeSymbols(String chunk, List<String[]> merges, Map<String, Integer> rank) {
        List<String> s = new ArrayList<>();
        chunk.codePoints().forEach(cp -> s.add(new String(Character.toChars(cp))));
        while (s.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < s.size(); i++) {
                Integer r = rank.get(s.get(i) + "\u0000" + s.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            String[] m = merges.get(bestRank);
            applyMerge(s, m[0], m[1], m[0] + m[1]);
        }
        return s;
    }

    /** Decodes ids back to text (the inverse of the byte-to-symbol map). */
    public static String decode(Result bpe, List<Integer> ids) {
        Map<Integer, String> byId = new HashMap<>();
        bpe.vocab().forEach((k, v) -> byId.put(v, k));
        Map<Character, Integer> symbolToByte = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            symbolToByte.put(BYTE_TO_SYMBOL[b].charAt(0), b);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            for (char c : byId.get(id).toCharArray()) {
                bytes.write(symbolToByte.get(c));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code vocab.json} (token to id, in id order) and {@code merges.txt} ({@code #version: 0.2} header). */
    public static void write(Result bpe, Path dir) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(dir.resolve("vocab.json"), StandardCharsets.UTF_8);
                    JsonGenerator g = new JsonFactory().createGenerator(w)) {
                g.writeStartObject();
                for (Map.Entry<String, Integer> e : bpe.vocab().entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            try (Writer w = Files.newBufferedWriter(dir.resolve("merges.txt"), StandardCharsets.UTF_8)) {
                w.write("#version: 0.2\n");
                for (String[] m : bpe.merges()) {
                    w.write(m[0] + " " + m[1] + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the BPE vocabulary to " + dir, e);
        }
    }
}
