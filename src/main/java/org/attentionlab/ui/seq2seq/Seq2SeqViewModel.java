package org.attentionlab.ui.seq2seq;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.domain.LengthAccuracy;
import org.attentionlab.domain.ScoreBreakdown;
import org.attentionlab.domain.TestSentence;
import org.attentionlab.domain.Translation;
import org.attentionlab.domain.TranslationStudy;
import org.attentionlab.service.Seq2SeqSession;
import org.attentionlab.service.seq2seq.Seq2SeqService;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.concurrent.ModelWork;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.LessonViewModel;
import org.attentionlab.ui.kit.RunLoop;

/**
 * The seq2seq lab's state: the source sentence, the forced words, the beam width, the step and
 * the source word in focus, and the latest results. Three run loops share the inference thread:
 * the model's facts (vocabularies, examples, test file) when a model is loaded, the sentence's
 * run (translation, forced run, three score functions, beam) on every edit, and the bottleneck
 * measurement on request (progress, cancel).
 */
public final class Seq2SeqViewModel implements LessonViewModel {
    /** What a model brings: vocabularies for completion, examples, its test file and family. */
    public record ModelFacts(String model, String scoreFunction, List<String> sourceWords, List<String> targetWords,
                             List<String> examples, Path testFile, List<String> family, int[] yearRange) {
    }

    /** One run of the sentence. */
    public record Run(String text, String prefix, int beamWidth, TranslationStudy free, TranslationStudy forced,
                      List<Translation> compared, BeamTree beam) {
        /** What the step-through shows: the forced run when words are forced, else the free one. */
        public TranslationStudy shown() {
            return forced != null ? forced : free;
        }
    }

    private final Seq2SeqService service = new Seq2SeqService();
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final StringProperty forcedWords = new SimpleStringProperty(this, "forcedWords", "");
    private final IntegerProperty beamWidth = new SimpleIntegerProperty(this, "beamWidth", 3);
    private final IntegerProperty step = new SimpleIntegerProperty(this, "step", 0);
    private final IntegerProperty sourcePosition = new SimpleIntegerProperty(this, "sourcePosition", 0);
    private final BooleanProperty argmaxPath = new SimpleBooleanProperty(this, "argmaxPath", true);
    private final BooleanProperty goldOverlay = new SimpleBooleanProperty(this, "goldOverlay", false);
    private final ReadOnlyObjectWrapper<ModelFacts> facts = new ReadOnlyObjectWrapper<>(this, "facts");
    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<List<LengthAccuracy>> bottleneck = new ReadOnlyObjectWrapper<>(this, "bottleneck");
    private final RunLoop<ModelFacts> factsLoop;
    private final RunLoop<Run> loop;
    private final RunLoop<List<LengthAccuracy>> bottleneckLoop;

    Seq2SeqViewModel(LessonContext context) {
        factsLoop = new RunLoop<>(context, "seq2seq", this::planFacts, this::factsArrived);
        loop = new RunLoop<>(context, "seq2seq", this::plan, this::runArrived);
        bottleneckLoop = new RunLoop<>(context, "seq2seq", this::planBottleneck, bottleneck::set);
    }

    @Override
    public void start() {
        text.addListener(o -> loop.request());
        forcedWords.addListener(o -> loop.request());
        beamWidth.addListener(o -> loop.request());
        step.addListener(o -> focusArgmax());
        factsLoop.followModel();
    }

    @Override
    public void startWith(String t) {
        text.set(t);
    }

    private ModelWork<ModelFacts> planFacts() {
        return (session, cancel, progress) -> {
            Seq2SeqSession s = Seq2SeqSession.of(session);
            List<String> family = service.family(s).stream().map(m -> m.info().name() + " (" + m.scoreFunction() + ")").toList();
            return new ModelFacts(s.info().name(), s.scoreFunction(), service.sourceWords(s), service.targetWords(s),
                    service.examples(s), service.testFile(s).orElse(null), family, service.dateYearRange(s));
        };
    }

    private void factsArrived(ModelFacts f) {
        facts.set(f);
        bottleneck.set(null);
        String t = text.get();
        if (!f.examples().isEmpty() && (t == null || t.isBlank() || !fits(t, f))) {
            String example = f.examples().get(Math.min(2, f.examples().size() - 1));
            if (!example.equals(t)) {
                text.set(example); // the text listener runs it
                return;
            }
        }
        loop.runNow();
    }

    /** Whether every word of {@code t} (split on spaces) is in the model's source vocabulary. */
    private static boolean fits(String t, ModelFacts f) {
        for (String w : t.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+")) {
            if (!f.sourceWords().contains(w)) {
                return false;
            }
        }
        return true;
    }

    private ModelWork<Run> plan() {
        String t = text.get();
        if (t == null || t.isBlank()) {
            loop.showProblem(Messages.get("seq2seq.typeSomething"));
            return null;
        }
        String prefix = forcedWords.get() == null ? "" : forcedWords.get().trim();
        int width = Math.max(1, Math.min(8, beamWidth.get()));
        return (session, cancel, progress) -> {
            TranslationStudy free = service.study(session, t, null, null);
            cancel.check();
            TranslationStudy forced = prefix.isEmpty() ? null : service.study(session, t, prefix, null);
            cancel.check();
            List<Translation> compared = service.compareScoreFunctions(session, t, null);
            cancel.check();
            BeamTree beam = service.beamSearch(session, t, width, null);
            return new Run(t, prefix, width, free, forced, compared, beam);
        };
    }

    private void runArrived(Run r) {
        Run before = run.get();
        run.set(r);
        int steps = r.shown().translation().steps();
        if (before == null || !before.text().equals(r.text()) || step.get() >= steps) {
            step.set(Math.min(step.get(), steps - 1));
        }
        int n = r.shown().translation().sourceTokens().size();
        if (sourcePosition.get() >= n) {
            sourcePosition.set(0);
        }
        focusArgmax();
    }

    private ModelWork<List<LengthAccuracy>> planBottleneck() {
        ModelFacts f = facts.get();
        if (f == null || f.testFile() == null) {
            bottleneckLoop.showProblem(Messages.get("seq2seq.bottleneck.noTestFile"));
            return null;
        }
        Path file = f.testFile();
        return (session, cancel, progress) -> {
            List<TestSentence> sentences = service.readTestFile(file);
            return service.bottleneck(session, sentences, progress, cancel);
        };
    }

    /** Starts the bottleneck measurement over the model folder's test file. */
    public void measureBottleneck() {
        bottleneckLoop.runNow();
    }

    /** Uses {@code file} as the test file for the bottleneck chart (when the model ships none). */
    public void useTestFile(Path file) {
        ModelFacts f = facts.get();
        if (f != null) {
            facts.set(new ModelFacts(f.model(), f.scoreFunction(), f.sourceWords(), f.targetWords(), f.examples(), file,
                    f.family(), f.yearRange()));
        }
    }

    public void cancelBottleneck() {
        bottleneckLoop.cancel();
    }

    /** Next decoder step (stops at the last). */
    public void next() {
        Run r = run.get();
        if (r != null && step.get() < r.shown().translation().steps() - 1) {
            step.set(step.get() + 1);
            focusArgmax();
        }
    }

    public void back() {
        if (step.get() > 0) {
            step.set(step.get() - 1);
            focusArgmax();
        }
    }

    /** Highlights the source word the current step attends to most. */
    private void focusArgmax() {
        Run r = run.get();
        if (r == null || !r.shown().translation().hasAttention() || step.get() < 0) {
            return;
        }
        float[] row = r.shown().translation().alignment()[step.get()];
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            best = row[k] > row[best] ? k : best;
        }
        sourcePosition.set(best);
    }

    public void moveSource(int delta) {
        Run r = run.get();
        if (r == null) {
            return;
        }
        int n = r.shown().translation().sourceTokens().size();
        sourcePosition.set(Math.floorMod(sourcePosition.get() + delta, n));
    }

    /** The score of the current step and source word taken apart, or null. */
    public ScoreBreakdown currentBreakdown() {
        Run r = run.get();
        if (r == null || r.shown().breakdowns().isEmpty()) {
            return null;
        }
        int t = Math.min(step.get(), r.shown().breakdowns().size() - 1);
        List<ScoreBreakdown> row = r.shown().breakdowns().get(t);
        return row.get(Math.min(sourcePosition.get(), row.size() - 1));
    }

    /** Replaces word {@code index} of the text (as split on spaces) with {@code word}. */
    public void replaceWord(int index, String word) {
        String[] words = text.get().trim().split("\\s+");
        if (index >= 0 && index < words.length) {
            words[index] = word;
            text.set(String.join(" ", words));
        }
    }

    public Optional<Run> latest() {
        return Optional.ofNullable(run.get());
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty forcedWordsProperty() {
        return forcedWords;
    }

    public IntegerProperty beamWidthProperty() {
        return beamWidth;
    }

    public IntegerProperty stepProperty() {
        return step;
    }

    public IntegerProperty sourcePositionProperty() {
        return sourcePosition;
    }

    public BooleanProperty argmaxPathProperty() {
        return argmaxPath;
    }

    public BooleanProperty goldOverlayProperty() {
        return goldOverlay;
    }

    public ReadOnlyObjectProperty<ModelFacts> factsProperty() {
        return facts.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<LengthAccuracy>> bottleneckProperty() {
        return bottleneck.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return loop.problemProperty();
    }

    public ReadOnlyStringProperty bottleneckProblemProperty() {
        return bottleneckLoop.problemProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return loop.runningProperty();
    }

    public ReadOnlyBooleanProperty bottleneckRunningProperty() {
        return bottleneckLoop.runningProperty();
    }

    public ReadOnlyDoubleProperty bottleneckProgressProperty() {
        return bottleneckLoop.progressProperty();
    }

    /** No run pending or in flight (for tests). */
    public boolean isIdle() {
        return loop.isIdle() && factsLoop.isIdle() && bottleneckLoop.isIdle();
    }
}
