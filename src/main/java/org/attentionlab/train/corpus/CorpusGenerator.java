package org.attentionlab.train.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates the whole training corpus of the sample models from one seed, and writes it to a
 * folder (layout in sample-models/README.md):
 *
 * <pre>
 *   manifest.json                    seed and counts
 *   lm/{train,valid,test}.jsonl      {"kind","task","text"}: stories, facts, task blocks
 *   lm/episodes-{train,test}.jsonl   stories made of episodes, for tiny-bert only (same layout)
 *   icl/tasks.json                   per task: train pairs, held-out pairs
 *   icl/eval.jsonl                   {"task","query","answer","examples","heldOut"}
 *   translate/{train,valid,test}.jsonl  {"source","target","alignment"}
 *   dates/{train,valid,test}.jsonl      same layout
 *   toy-dictionary.json              English word to Toy word
 * </pre>
 *
 * <p>Each part draws from its own random stream derived from the seed, so changing one count
 * leaves the other parts unchanged. Held-out splits are made first and the training split skips
 * anything equal to a held-out item, so no test text is ever a training text.
 */
public final class CorpusGenerator {

    /** How much to generate; {@link #defaults(long)} is what the sample models train on. */
    public record Spec(long seed, int lmTrain, int lmValid, int lmTest, int translateTrain, int translateValid,
            int translateTest, int datesTrain, int datesValid, int datesTest, int iclRepeats, int iclSeenPerTask,
            int episodesTrain, int episodesTest) {

        public static Spec defaults(long seed) {
            return new Spec(seed, 80_000, 1_000, 2_000, 30_000, 500, 1_000, 20_000, 500, 1_000, 4, 40, 40_000, 1_000);
        }

        /** A small corpus for tests. */
        public static Spec small(long seed) {
            return new Spec(seed, 2_000, 100, 200, 1_000, 50, 100, 1_000, 50, 100, 2, 5, 1_000, 100);
        }
    }

    /** The generated corpus, in memory. */
    public record Corpus(Spec spec, List<LmDocument> lmTrain, List<LmDocument> lmValid, List<LmDocument> lmTest,
            IclTasks tasks, List<IclItem> iclEval, List<IclItem> promptOnlyEval, List<ParallelExample> translateTrain,
            List<ParallelExample> translateValid, List<ParallelExample> translateTest, List<ParallelExample> datesTrain,
            List<ParallelExample> datesValid, List<ParallelExample> datesTest, List<LmDocument> episodesTrain,
            List<LmDocument> episodesTest) {
    }

    private CorpusGenerator() {
    }

    /** Generates everything from {@code spec.seed()}; the same spec gives the same corpus. */
    public static Corpus generate(Spec spec) {
        Lexicon lexicon = Lexicon.standard();
        ToyLanguage toy = ToyLanguage.standard();

        IclTasks tasks = new IclTasks(lexicon, toy, stream(spec.seed(), 1));
        List<IclItem> iclEval = tasks.evaluationItems(spec.iclRepeats(), spec.iclSeenPerTask(), stream(spec.seed(), 2));
        List<IclItem> promptOnlyEval = tasks.promptOnlyItems(Math.max(spec.iclSeenPerTask(), 5) + 8,
                stream(spec.seed(), 6));

        Random lmRandom = stream(spec.seed(), 3);
        StoryGenerator stories = new StoryGenerator(lexicon, toy, lmRandom);
        Supplier<LmDocument> heldOutDocument = () -> {
            double p = lmRandom.nextDouble();
            if (p < 0.7) {
                return new LmDocument(LmDocument.STORY, null, stories.story());
            }
            return p < 0.9 ? tasks.trainingBlock(lmRandom) : tasks.promptOnlyBlock(lmRandom);
        };
        Supplier<LmDocument> trainDocument = () -> {
            double p = lmRandom.nextDouble();
            if (p < 0.55) {
                return new LmDocument(LmDocument.STORY, null, stories.story());
            }
            if (p < 0.7) {
                return new LmDocument(LmDocument.FACT, null, stories.fact());
            }
            return p < 0.88 ? tasks.trainingBlock(lmRandom) : tasks.promptOnlyBlock(lmRandom);
        };
        Set<String> taken = new HashSet<>();
        List<LmDocument> lmTest = unique(spec.lmTest(), heldOutDocument, LmDocument::text, taken, true);
        List<LmDocument> lmValid = unique(spec.lmValid(), heldOutDocument, LmDocument::text, taken, true);
        // Training may repeat its own facts and blocks (they are a finite set), never a held-out text.
        List<LmDocument> lmTrain = unique(spec.lmTrain(), trainDocument, LmDocument::text, taken, false);

        TranslationGenerator translations = new TranslationGenerator(lexicon, toy, stream(spec.seed(), 4));
        Set<String> sentences = new HashSet<>();
        List<ParallelExample> trTest = unique(spec.translateTest(), translations::next, CorpusGenerator::key, sentences, true);
        List<ParallelExample> trValid = unique(spec.translateValid(), translations::next, CorpusGenerator::key, sentences, true);
        List<ParallelExample> trTrain = unique(spec.translateTrain(), translations::next, CorpusGenerator::key, sentences, false);

        DateGenerator dates = new DateGenerator(stream(spec.seed(), 5));
        Set<String> dateKeys = new HashSet<>();
        List<ParallelExample> dTest = unique(spec.datesTest(), dates::next, CorpusGenerator::key, dateKeys, true);
        List<ParallelExample> dValid = unique(spec.datesValid(), dates::next, CorpusGenerator::key, dateKeys, true);
        List<ParallelExample> dTrain = unique(spec.datesTrain(), dates::next, CorpusGenerator::key, dateKeys, false);

        // Stories made of episodes (StoryGenerator.episodeStory), for tiny-bert's next-sentence
        // pairs only: tiny-gpt lost its copying when its stories were episodes (sample-models/README.md).
        StoryGenerator episodeStories = new StoryGenerator(lexicon, toy, stream(spec.seed(), 8));
        Supplier<LmDocument> episodeDocument = () -> new LmDocument(LmDocument.STORY, null, episodeStories.episodeStory());
        List<LmDocument> epTest = unique(spec.episodesTest(), episodeDocument, LmDocument::text, taken, true);
        List<LmDocument> epTrain = unique(spec.episodesTrain(), episodeDocument, LmDocument::text, taken, false);

        return new Corpus(spec, lmTrain, lmValid, lmTest, tasks, iclEval, promptOnlyEval, trTrain, trValid, trTest, dTrain,
                dValid, dTest, epTrain, epTest);
    }

    private static String key(ParallelExample e) {
        return String.join(" ", e.source());
    }

    /** A random stream for one part of the corpus. */
    private static Random stream(long seed, int part) {
        return new Random(seed * 1_000_003L + part);
    }

    private interface Key<T> {
        String of(T item);
    }

    /**
     * Draws {@code count} items whose keys are not in {@code taken}. With {@code claim} the
     * keys are added to {@code taken} and items are distinct among themselves; without, only
     * items clashing with earlier (held-out) claims are skipped.
     */
    private static <T> List<T> unique(int count, Supplier<T> source, Key<T> key, Set<String> taken, boolean claim) {
        List<T> out = new ArrayList<>(count);
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > count * 50 + 1000) {
                throw new IllegalStateException("The generator cannot make " + count + " distinct items.");
            }
            T item = source.get();
            String k = key.of(item);
            if (claim ? taken.add(k) : !taken.contains(k)) {
                out.add(item);
            }
        }
        return out;
    }

    /** Writes the corpus into {@code dir} (created if missing; files overwritten). */
    public static void write(Corpus corpus, Path dir) {
        ObjectMapper json = new ObjectMapper();
        try {
            Files.createDirectories(dir.resolve("lm"));
            Files.createDirectories(dir.resolve("icl"));
            Files.createDirectories(dir.resolve("translate"));
            Files.createDirectories(dir.resolve("dates"));
            writeLines(json, dir.resolve("lm/train.jsonl"), corpus.lmTrain());
            writeLines(json, dir.resolve("lm/valid.jsonl"), corpus.lmValid());
            writeLines(json, dir.resolve("lm/test.jsonl"), corpus.lmTest());
            writeLines(json, dir.resolve("lm/episodes-train.jsonl"), corpus.episodesTrain());
            writeLines(json, dir.resolve("lm/episodes-test.jsonl"), corpus.episodesTest());
            writeLines(json, dir.resolve("icl/eval.jsonl"), corpus.iclEval());
            writeLines(json, dir.resolve("icl/prompt-only-eval.jsonl"), corpus.promptOnlyEval());
            writeLines(json, dir.resolve("lm/facts.jsonl"), StoryGenerator.allFacts(Lexicon.standard(),
                    ToyLanguage.standard()));
            writeLines(json, dir.resolve("translate/train.jsonl"), corpus.translateTrain());
            writeLines(json, dir.resolve("translate/valid.jsonl"), corpus.translateValid());
            writeLines(json, dir.resolve("translate/test.jsonl"), corpus.translateTest());
            writeLines(json, dir.resolve("dates/train.jsonl"), corpus.datesTrain());
            writeLines(json, dir.resolve("dates/valid.jsonl"), corpus.datesValid());
            writeLines(json, dir.resolve("dates/test.jsonl"), corpus.datesTest());
            ObjectMapper pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
            pretty.writeValue(dir.resolve("icl/tasks.json").toFile(), corpus.tasks().tasks());
            pretty.writeValue(dir.resolve("icl/prompt-lab-tasks.json").toFile(), promptLabTasks(corpus));
            pretty.writeValue(dir.resolve("toy-dictionary.json").toFile(), ToyLanguage.standard().dictionary());
            pretty.writeValue(dir.resolve("lexicon.json").toFile(), lexiconSummary(Lexicon.standard()));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("generator", "org.attentionlab.train.corpus.CorpusGenerator");
            manifest.put("spec", corpus.spec());
            pretty.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the corpus to " + dir, e);
        }
    }

    /**
     * The task list shipped with tiny-gpt for the prompt lab: per task its name, description line,
     * kind ("lookup" or "prompt-only"), example pairs and queries [input, answer]. For "mapping"
     * the pairs are one fresh mapping over held-out words and the queries are its inputs: a query
     * is answerable only when its pair is among the prompt's examples.
     */
    static List<Map<String, Object>> promptLabTasks(Corpus corpus) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (IclTasks.Task t : corpus.tasks().tasks().values()) {
            List<List<String>> queries = new ArrayList<>();
            for (IclItem item : corpus.iclEval()) {
                if (item.task().equals(t.name()) && !item.heldOut()) {
                    queries.add(List.of(item.query(), item.answer()));
                }
            }
            out.add(labTask(t.name(), t.description(), "lookup", pairs(t.train()), queries));
        }
        Random r = stream(corpus.spec().seed(), 7);
        List<String> words = corpus.tasks().promptOnlyHeldOutWords();
        List<List<String>> mapping = pairs(IclTasks.freshMapping(words, Math.min(48, words.size() / 2), r));
        out.add(labTask(IclTasks.MAPPING, IclTasks.DESCRIPTIONS.get(IclTasks.MAPPING), "prompt-only", mapping, mapping));
        List<IclTasks.Pair> examples = new ArrayList<>();
        List<IclTasks.Pair> asked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            examples.add(IclTasks.swapPair(words, r));
        }
        for (int i = 0; i < 48; i++) {
            asked.add(IclTasks.swapPair(words, r));
        }
        out.add(labTask(IclTasks.SWAP, IclTasks.DESCRIPTIONS.get(IclTasks.SWAP), "prompt-only", pairs(examples),
                pairs(asked)));
        return out;
    }

    /** Word classes the evaluation scripts need: names, adjectives (with colours), nouns, past-tense verbs. */
    static Map<String, Object> lexiconSummary(Lexicon lexicon) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        lexicon.names().forEach(n -> names.add(n.word()));
        List<String> adjectives = new ArrayList<>();
        lexicon.antonyms().forEach(a -> {
            adjectives.add(a.first());
            adjectives.add(a.second());
        });
        adjectives.addAll(lexicon.colours());
        List<String> nouns = new ArrayList<>();
        lexicon.nouns().forEach(n -> nouns.add(n.singular()));
        List<String> pasts = new ArrayList<>();
        lexicon.verbs().forEach(v -> pasts.add(v.past()));
        m.put("names", names);
        m.put("adjectives", adjectives);
        m.put("nouns", nouns);
        m.put("pasts", pasts);
        return m;
    }

    private static List<List<String>> pairs(List<IclTasks.Pair> pairs) {
        List<List<String>> out = new ArrayList<>();
        pairs.forEach(p -> out.add(List.of(p.input(), p.output())));
        return out;
    }

    private static Map<String, Object> labTask(String name, String description, String kind, List<List<String>> pairs,
            List<List<String>> queries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("kind", kind);
        m.put("pairs", pairs);
        m.put("queries", queries);
        return m;
    }

    private static void writeLines(ObjectMapper json, Path file, List<?> items) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Object item : items) {
                w.write(json.writeValueAsString(item));
                w.write('\n');
            }
        }
    }

    /** {@code CorpusGenerator --out DIR [--seed N] [--small]}: generates and writes the corpus. */
    public static void main(String[] args) {
        Path out = null;
        long seed = 1234;
        boolean small = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                case "--small":
                    small = true;
                    break;
                default:
                    System.err.println("usage: CorpusGenerator --out DIR [--seed N] [--small]");
                    System.exit(2);
            }
        }
        if (out == null) {
            System.err.println("usage: CorpusGenerator --out DIR [--seed N] [--small]");
            System.exit(2);
        }
        long start = System.nanoTime();
        Corpus c = generate(small ? Spec.small(seed) : Spec.defaults(seed));
        write(c, out);
        System.err.printf("corpus written to %s in %.1f s%n", out, (System.nanoTime() - start) / 1e9);
    }
}
