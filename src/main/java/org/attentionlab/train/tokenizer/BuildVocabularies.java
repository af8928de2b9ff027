package org.attentionlab.train.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.attentionlab.train.corpus.LmDocument;

/**
 * Trains the sample models' tokenizers from a generated corpus folder:
 *
 * <ul>
 *   <li>tiny-gpt: byte-level BPE ({@code vocab.json}, {@code merges.txt}) on all of
 *       {@code lm/train.jsonl}, with {@code <|endoftext|>} as the last id;
 *   <li>tiny-bert: WordPiece {@code vocab.txt} on the stories and facts.
 * </ul>
 *
 * <p>It also writes {@code tokenizer-check.jsonl} beside the GPT vocabulary: texts with the ids
 * this class's encoder gives them, which the training script compares with HuggingFace's
 * tokenizer on the same files before training starts.
 *
 * <p>Usage: {@code BuildVocabularies --corpus DIR --gpt-out DIR --bert-out DIR [--gpt-vocab N]
 * [--required-words FILE]}; every word of the file (one a line, {@code #} comments) becomes a
 * single token in both vocabularies.
 */
public final class BuildVocabularies {
    public static final String END_OF_TEXT = "<|endoftext|>";

    private BuildVocabularies() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (!opts.containsKey("--corpus") || !opts.containsKey("--gpt-out") || !opts.containsKey("--bert-out")) {
            System.err.println("usage: BuildVocabularies --corpus DIR --gpt-out DIR --bert-out DIR [--gpt-vocab N]"
                    + " [--required-words FILE]");
            System.exit(2);
        }
        Path corpus = Path.of(opts.get("--corpus"));
        int gptVocab = Integer.parseInt(opts.getOrDefault("--gpt-vocab", "1000"));
        List<String> required = new ArrayList<>();
        if (opts.containsKey("--required-words")) {
            for (String line : Files.readAllLines(Path.of(opts.get("--required-words")), StandardCharsets.UTF_8)) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    required.add(w);
                }
            }
        }
        List<LmDocument> train = readLm(corpus.resolve("lm/train.jsonl"));
        List<String> all = new ArrayList<>();
        List<String> prose = new ArrayList<>();
        for (LmDocument d : train) {
            all.add(d.text());
            if (!LmDocument.TASK.equals(d.kind())) {
                prose.add(d.text());
            }
        }
        long start = System.nanoTime();
        ByteLevelBpeTrainer.Result bpe = ByteLevelBpeTrainer.train(all, gptVocab, List.of(END_OF_TEXT),
                gptWords(required, all));
        Path gptOut = Path.of(opts.get("--gpt-out"));
        ByteLevelBpeTrainer.write(bpe, gptOut);
        writeCheck(bpe, readLm(corpus.resolve("lm/valid.jsonl")), gptOut.resolve("tokenizer-check.jsonl"));
        List<String> wordPiece = WordPieceVocabBuilder.build(prose, 5, required);
        WordPieceVocabBuilder.write(wordPiece, Path.of(opts.get("--bert-out")));
        System.err.printf("BPE: %d tokens, %d merges; WordPiece: %d tokens (%.1f s)%n", bpe.vocab().size(),
                bpe.merges().size(), wordPiece.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * The words GPT's vocabulary keeps whole: the required list, then every other word of the
     * corpus (letters only; most frequent first, ties alphabetically), so that no word a
     * training text or an evaluation prompt uses is spelled in pieces, at a line start or after
     * a space. WordPiece keeps only the required list (tiny-bert's vocabulary is unchanged).
     */
    static List<String> gptWords(List<String> required, List<String> texts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String t : texts) {
            for (String w : t.split("\\s+")) {
                if (w.matches("[a-z]+")) {
                    counts.merge(w, 1, Integer::sum);
                }
            }
        }
        Set<String> have = new HashSet<>(required);
        List<String> extra = new ArrayList<>();
        for (String w : counts.keySet()) {
            if (!have.contains(w)) {
                extra.add(w);
            }
        }
        extra.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(w -> w));
        List<String> out = new ArrayList<>(required);
        out.addAll(extra);
        return out;
    }

    static List<LmDocument> readLm(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<LmDocument> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = json.readTree(line);
                out.add(new LmDocument(n.get("kind").asText(), n.get("task").isNull() ? null : n.get("task").asText(),
                        n.get("text").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }

    private static void writeCheck(ByteLevelBpeTrainer.Result bpe, List<LmDocument> docs, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < Math.min(200, docs.size()); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("text", docs.get(i).text());
                row.put("ids", ByteLevelBpeTrainer.encode(bpe, docs.get(i).text()));
                w.write(json.writeValueAsString(row));
                w.write('\n');
            }
        }
    }
}
