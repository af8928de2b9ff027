package org.attentionlab.service.seq2seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.ScoreBreakdown;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.domain.Translation;
import org.attentionlab.domain.WordCheck;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Seq2SeqSession;

/**
 * The seq2seq use-cases: a source sentence in, a {@link Translation} out (every decoder step's
 * scores, weights, context vectors and top words), by greedy decoding, teacher forcing, a forced
 * prefix or beam search; one score taken apart; unknown words with the nearest known ones;
 * example sentences; and the bottleneck measured over held-out sentences. The {@code seq2seq}
 * subcommand and the seq2seq lesson call it. A dates model refuses years outside its range.
 */
public final class Seq2SeqService {
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
     * @param progress  hears (done, total) from worker threads; may be null
     * @param cancelled polled between sentences; when true the evaluation stops with a CancellationException
     */
    public LengthAccuracy evaluate(ModelSession model, List<TestSentence> sentences, BottleneckProgress progress,
                                   BooleanSupplier cancelled) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        return BottleneckEvaluation.evaluate(session.info().name(), session.engine(), sentences,
                progress == null ? null : progress::update, cancelled);
    }

    /** Progress of an evaluation: sentences done out of the total. */
    public interface BottleneckProgress {
        void update(int done, int total);
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
