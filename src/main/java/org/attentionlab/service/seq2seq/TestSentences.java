package org.attentionlab.service.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TestSentence;

/**
 * Reads held-out seq2seq test sentences, in either of two layouts:
 * <ul>
 *   <li><b>TSV</b> ({@code .tsv}, {@code .txt}): one pair a line, {@code source<TAB>target[<TAB>alignment]}, words separated
 *       by spaces; the optional alignment has one entry per target word, separated by spaces: the 0-based source
 *       positions it translates joined by commas, or {@code -} for none (for example {@code 0 1 4 5,6 - 2}).
 *       Empty lines and lines starting with {@code #} are skipped.</li>
 *   <li><b>JSON lines</b> ({@code .jsonl}), the training corpus's layout:
 *       {@code {"source": [...], "target": [...], "alignment": [[...], ...]}} (source and target may also be strings).</li>
 * </ul>
 */
public final class TestSentences {
    /** The names a model folder's held-out sentences may have, in the order they are looked for. */
    public static final List<String> FILE_NAMES = List.of("test.tsv", "test.jsonl");

    private TestSentences() {
    }

    /** The held-out test file shipped in {@code modelDir}, if any. */
    public static Optional<Path> find(Path modelDir) {
        if (modelDir == null) {
            return Optional.empty();
        }
        return FILE_NAMES.stream().map(modelDir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /**
     * Reads every sentence pair of {@code file}.
     *
     * @throws InputException naming the file and line when it is missing, unreadable or malformed
     */
    public static List<TestSentence> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException("The test file " + file + " does not exist.", "Give a .tsv or .jsonl file of sentence pairs.");
        } catch (IOException e) {
            throw new InputException("The test file " + file + " is not readable: " + e.getMessage(),
                    "Give a UTF-8 .tsv or .jsonl file of sentence pairs.");
        }
        boolean json = file.getFileName().toString().endsWith(".jsonl");
        ObjectMapper mapper = new ObjectMapper();
        List<TestSentence> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(json ? fromJson(mapper.readTree(line)) : fromTsv(lines.get(i)));
            } catch (IOException | IllegalArgumentException e) {
                throw new InputException("Line " + (i + 1) + " of " + file + " is not a sentence pair: " + e.getMessage(),
                        json ? "Write one {\"source\", \"target\", \"alignment\"} object a line."
                             : "Write source<TAB>target[<TAB>alignment] a line (see TestSentences).");
            }
        }
        if (out.isEmpty()) {
            throw new InputException("The test file " + file + " has no sentence pairs.", "Give a file with at least one pair.");
        }
        return out;
    }

    static TestSentence fromTsv(String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length < 2 || cols.length > 3) {
            throw new IllegalArgumentException("expected 2 or 3 tab-separated columns, found " + cols.length);
        }
        List<String> source = words(cols[0]);
        List<String> target = words(cols[1]);
        if (source.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("the source or the target has no words");
        }
        List<List<Integer>> alignment = null;
        if (cols.length == 3 && !cols[2].isBlank()) {
            List<String> entries = words(cols[2]);
            if (entries.size() != target.size()) {
                throw new IllegalArgumentException("the alignment has " + entries.size() + " entries for " + target.size()
                        + " target words");
            }
            alignment = new ArrayList<>();
            for (String entry : entries) {
                List<Integer> span = new ArrayList<>();
                if (!entry.equals("-")) {
                    for (String p : entry.split(",")) {
                        span.add(position(p, source.size()));
                    }
                }
                alignment.add(span);
            }
        }
        return new TestSentence(source, target, alignment);
    }

    static TestSentence fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<String> source = jsonWords(node.get("source"), "source");
        List<String> target = jsonWords(node.get("target"), "target");
        List<List<Integer>> alignment = null;
        JsonNode a = node.get("alignment");
        if (a != null && !a.isNull()) {
            if (!a.isArray() || a.size() != target.size()) {
                throw new IllegalArgumentException("\"alignment\" must be an array with one entry per target word");
            }
            alignment = new ArrayList<>();
            for (JsonNode span : a) {
                List<Integer> positions = new ArrayList<>();
                for (JsonNode p : span) {
                    positions.add(position(p.asText(), source.size()));
                }
                alignment.add(positions);
            }
        }
        return new TestSentence(source, target, alignment);
    }

    private static List<String> jsonWords(JsonNode n, String key) {
        if (n == null) {
            throw new IllegalArgumentException("no \"" + key + "\"");
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.addAll(words(n.asText()));
        } else if (n.isArray()) {
            n.forEach(w -> out.add(w.asText()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("\"" + key + "\" has no words");
        }
        return out;
    }

    private static int position(String text, int sourceLength) {
        int p;
        try {
            p = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("alignment entry '" + text + "' is not a source position");
        }
        if (p < 0 || p >= sourceLength) {
            throw new IllegalArgumentException("alignment position " + p + " is outside the " + sourceLength + " source words");
        }
        return p;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
