package org.attentionlab.service.seq2seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.ScoreBreakdown;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.domain.Translation;
import org.attentionlab.domain.TranslationStudy;
import org.attentionlab.domain.WordCheck;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelCatalog;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.attentionlab.service.Seq2SeqSession;

/**
 * The seq2seq use-cases: a source sentence in, a {@link Translation} out (every decoder step's
 * scores, weights, context vectors and top words), by greedy decoding, teacher forcing, a forced
 * prefix or beam search; one score taken apart; unknown words with the nearest known ones;
 * example sentences; and the bottleneck measured over held-out sentences. The {@code seq2seq}
 * subcommand and the seq2seq lesson call it. A dates model refuses years outside its range.
 */
public final class Seq2SeqService {
    private final ModelCatalog catalog;

    /** With the system's catalog (sample models, HuggingFace cache) for finding a model's family. */
    public Seq2SeqService() {
        this(ModelCatalog.system());
    }

    public Seq2SeqService(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Most nearest known words offered for an unknown word. */
    public static final int SUGGESTIONS = 3;

    /**
     * Translates {@code text}.
     *
     * @param model  a seq2seq session ({@link Seq2SeqSession#of} explains any other kind)
     * @param text   the source sentence
     * @param target a target to force the decoder through (teacher forcing), or null for greedy decoding
     * @param maxLen most decoder steps for greedy decoding, or null for the model's max_target_length
     * @throws org.attentionlab.domain.InputException for text without words, too long, or a length limit out of range
     */
    public Translation translate(ModelSession model, String text, String target, Integer maxLen) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        int[] source = encodeSource(session, text);
        if (target != null) {
            return session.forceDecode(source, session.encodeTarget(target));
        }
        return session.translate(source, maxLen != null ? maxLen : session.maxTargetLength());
    }

    /**
     * Decodes after forcing the first target words: the decoder emits (and reads) {@code prefix}'s words, then
     * goes on by itself (greedy) until {@code </s>} or {@code maxLen}. An empty prefix is greedy decoding.
     *
     * @param prefix target words separated by spaces (unknown ones become {@code <unk>}); null or blank for none
     */
    public Translation decodeWithPrefix(ModelSession model, String text, String prefix, Integer maxLen) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        Seq2SeqModel engine = session.engine();
        int[] source = encodeSource(session, text);
        int[] prefixIds = new int[0];
        if (prefix != null && !prefix.isBlank()) {
            int[] withEos = engine.encodeTarget(prefix);
            prefixIds = java.util.Arrays.copyOf(withEos, withEos.length - 1); // without the appended </s>
        }
        int limit = maxLen != null ? maxLen : session.maxTargetLength();
        return session.translation(engine.decodeWithPrefix(source, prefixIds, limit));
    }

    /** Beam search of width 1..8 (1 is greedy), with every candidate and hypothesis. */
    public BeamTree beamSearch(ModelSession model, String text, int width, Integer maxLen) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        int[] source = encodeSource(session, text);
        return Seq2SeqLab.beamTree(session.engine(), source, width, maxLen != null ? maxLen : session.maxTargetLength());
    }

    /** The score of decoder step {@code step} for source position {@code position}, taken apart. */
    public ScoreBreakdown scoreBreakdown(ModelSession model, Translation translation, int step, int position) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        if (step < 0 || step >= translation.steps() || position < 0 || position >= translation.sourceIds().length) {
            throw new InputException("There is no step " + step + " / source position " + position + " in this translation.",
                    "Pick a step and a source word of the translation shown.");
        }
        return Seq2SeqLab.scoreBreakdown(session.engine(), translation.decoderStates()[step], translation.encoderStates()[position]);
    }

    /** Each word of {@code text}, known to the source vocabulary or not, with the nearest known words for unknown ones. */
    public List<WordCheck> checkWords(ModelSession model, String text) {
        return VocabularyHints.check(Seq2SeqSession.of(model).engine(), text, SUGGESTIONS);
    }

    /** The source vocabulary without the special tokens, for autocompletion. */
    public List<String> sourceWords(ModelSession model) {
        return VocabularyHints.knownWords(Seq2SeqSession.of(model).engine());
    }

    /** The target vocabulary without the special tokens, for forcing words. */
    public List<String> targetWords(ModelSession model) {
        Seq2SeqModel m = Seq2SeqSession.of(model).engine();
        List<String> out = new ArrayList<>();
        for (String w : m.targetVocabulary().words()) {
            if (!(w.startsWith("<") && w.endsWith(">"))) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Example sentences for {@code model}: from its held-out test file when it ships one (the shortest, some in
     * between and the longest), else built-in ones whose words the model knows.
     */
    public List<String> examples(ModelSession model) {
        Seq2SeqModel m = Seq2SeqSession.of(model).engine();
        Optional<Path> file = TestSentences.find(modelDir(model));
        List<String> candidates = new ArrayList<>();
        if (file.isPresent()) {
            try {
                List<TestSentence> all = new ArrayList<>(TestSentences.read(file.get()));
                all.sort(java.util.Comparator.comparingInt(s -> s.sourceWords().size()));
                int n = all.size();
                for (int k = 0; k < 6; k++) {
                    candidates.add(all.get(Math.min(n - 1, k * (n - 1) / 5)).sourceText());
                }
            } catch (InputException e) {
                // a broken test file leaves the built-in examples
            }
        }
        candidates.addAll(BUILT_IN);
        Set<String> out = new LinkedHashSet<>();
        for (String c : candidates) {
            List<String> words = m.tokenizer().tokenize(c);
            if (words.size() + 1 <= m.config().maxSourceLength() && words.stream().allMatch(m.sourceVocabulary()::contains)) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static final List<String> BUILT_IN = List.of(
            "the snake bought the card",
            "a prince rested behind the library",
            "the queen touched the bird in the city",
            "a purple duck touched the quiet cat on the leaf",
            "an angry goat saw the good melon under the light torch",
            "april the ninth twenty sixteen",
            "may the tenth twenty forty three",
            "the third of december nineteen sixty one",
            "the twenty third of december nineteen fifty one");

    /** The held-out test file the model folder ships (test.tsv or test.jsonl), if any. */
    public Optional<Path> testFile(ModelSession model) {
        return TestSentences.find(modelDir(model));
    }

    /** Reads a test file (see {@link TestSentences} for the two layouts). */
    public List<TestSentence> readTestFile(Path file) {
        return TestSentences.read(file);
    }

    /**
     * Exact match and attention-on-gold of {@code model} over {@code sentences}, by source length.
     *
     * @param progress hears (done, total) from worker threads
     * @param cancel   polled between sentences; when cancelled the evaluation stops with a CancellationException
     */
    public LengthAccuracy evaluate(ModelSession model, List<TestSentence> sentences, Progress progress, Cancellation cancel) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        return BottleneckEvaluation.evaluate(session.info().name(), session.engine(), sentences,
                (done, total) -> progress.update(done, total, session.info().name()), cancel::isCancelled);
    }

    /**
     * The bottleneck measured: every model of {@code model}'s family (the shipped seq2seq models with the same
     * source vocabulary, with and without attention) over {@code sentences}, one curve each.
     */
    public List<LengthAccuracy> bottleneck(ModelSession model, List<TestSentence> sentences, Progress progress,
                                           Cancellation cancel) {
        List<Seq2SeqSession> family = family(Seq2SeqSession.of(model));
        List<LengthAccuracy> out = new ArrayList<>();
        long total = (long) family.size() * sentences.size();
        for (int i = 0; i < family.size(); i++) {
            Seq2SeqSession m = family.get(i);
            long before = (long) i * sentences.size();
            out.add(BottleneckEvaluation.evaluate(m.info().name(), m.engine(), sentences,
                    (done, n) -> progress.update(before + done, total, m.info().name()), cancel::isCancelled));
        }
        return out;
    }

    /**
     * The same sentence through the family's three score functions (dot, bilinear, mlp), in that order; empty when
     * the family lacks one of them (the dates model has only mlp).
     */
    public List<Translation> compareScoreFunctions(ModelSession model, String text, Integer maxLen) {
        List<Translation> out = new ArrayList<>();
        for (String score : List.of("dot", "bilinear", "mlp")) {
            Optional<Seq2SeqSession> m = family(Seq2SeqSession.of(model)).stream()
                    .filter(x -> x.scoreFunction().equals(score)).findFirst();
            if (m.isEmpty()) {
                return List.of();
            }
            out.add(decodeWithPrefix(m.get(), text, null, maxLen));
        }
        return out;
    }

    /**
     * The lesson's main run: the translation (after an optional forced prefix), every score taken apart, the
     * words checked, and the gold alignment if the model's test file has the sentence.
     */
    public TranslationStudy study(ModelSession model, String text, String prefix, Integer maxLen) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        List<WordCheck> words = checkWords(session, text);
        Translation t = decodeWithPrefix(session, text, prefix, maxLen);
        List<List<ScoreBreakdown>> parts = new ArrayList<>();
        if (t.hasAttention()) {
            for (int step = 0; step < t.steps(); step++) {
                List<ScoreBreakdown> row = new ArrayList<>();
                for (int pos = 0; pos < t.sourceIds().length; pos++) {
                    row.add(Seq2SeqLab.scoreBreakdown(session.engine(), t.decoderStates()[step], t.encoderStates()[pos]));
                }
                parts.add(row);
            }
        }
        TestSentence gold = goldFor(session, text);
        return new TranslationStudy(t, parts, words, gold == null ? null : gold.alignment(), gold == null ? null : gold.targetWords());
    }

    private TestSentence goldFor(Seq2SeqSession session, String text) {
        Optional<Path> file = TestSentences.find(modelDir(session));
        if (file.isEmpty()) {
            return null;
        }
        List<String> words = session.engine().tokenizer().tokenize(text);
        List<TestSentence> sentences = goldCache.computeIfAbsent(file.get(), f -> {
            try {
                return TestSentences.read(f);
            } catch (InputException e) {
                return List.of();
            }
        });
        return sentences.stream().filter(s -> s.sourceWords().equals(words) && s.alignment() != null).findFirst().orElse(null);
    }

    private final java.util.Map<Path, List<TestSentence>> goldCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Path, Seq2SeqSession> opened = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code current} and the other shipped seq2seq models with the same source vocabulary (the same task),
     * attention models first by score function, models without attention last. Opened once and kept.
     */
    public List<Seq2SeqSession> family(Seq2SeqSession current) {
        Path here = modelDir(current);
        List<Seq2SeqSession> out = new ArrayList<>();
        out.add(current);
        if (here != null) {
            byte[] vocab = readVocab(here);
            for (ModelRef ref : catalog.available()) {
                Path dir = ref.folder().toAbsolutePath().normalize();
                if (dir.equals(here.toAbsolutePath().normalize()) || !java.nio.file.Files.isRegularFile(dir.resolve("src_vocab.json"))
                        || !java.util.Arrays.equals(vocab, readVocab(dir))) {
                    continue;
                }
                try {
                    out.add(opened.computeIfAbsent(dir, d -> ModelSessions.openSeq2seq(ref)));
                } catch (RuntimeException e) {
                    // a sibling that does not load is left out of the comparison
                }
            }
        }
        List<String> order = List.of("dot", "bilinear", "mlp", "none");
        out.sort(java.util.Comparator.comparingInt((Seq2SeqSession s) -> order.indexOf(s.scoreFunction()))
                .thenComparing(s -> s.info().name()));
        return out;
    }

    private static byte[] readVocab(Path dir) {
        try {
            return java.nio.file.Files.readAllBytes(dir.resolve("src_vocab.json"));
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    /** The year range a dates model accepts, or null for other models. */
    public int[] dateYearRange(ModelSession model) {
        return Seq2SeqLab.dateYearRange(modelDir(model));
    }

    private int[] encodeSource(Seq2SeqSession session, String text) {
        int[] ids = session.encodeSource(text);
        Seq2SeqLab.checkDateYear(session.engine().tokenizer().tokenize(text), Seq2SeqLab.dateYearRange(modelDir(session)));
        return ids;
    }

    private static Path modelDir(ModelSession model) {
        String source = model.info().source();
        return source == null ? null : Path.of(source);
    }
}
