package org.attentionlab.ui.masking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.attentionlab.domain.LabException;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.domain.masking.RunStats;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.figure.masking.MaskingFigure;
import org.attentionlab.figure.masking.MaskingStep;
import org.attentionlab.figure.masking.MaskingText;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.masking.MaskingService;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.concurrent.BackgroundService;
import org.attentionlab.ui.concurrent.ModelWork;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.LessonViewModel;
import org.attentionlab.ui.kit.RunLoop;
import org.attentionlab.ui.concurrent.ModelHost;

/**
 * State of the masked-word lesson: the inputs (text, seed, mode, switches, hand selection), the
 * current step and its view options, the quiz, and the last result. Every change to the inputs
 * reruns steps 1-6 on the model thread (debounced; a newer run cancels the stale one); moving
 * between steps only redraws.
 */
public final class MaskingViewModel implements LessonViewModel {
    /**
     * Example sentences that read well with the shipped tiny-bert (plain everyday English, one
     * fact a sentence: the corpus never joins two facts with "and", and tiny-bert then guesses).
     */
    public static final List<String> EXAMPLES = List.of(
            "The sky is blue. The grass is green.",
            "A cow says moo. A duck says quack.",
            "The capital of France is Paris.",
            "The opposite of hot is cold.",
            "Once upon a time there was a king. He lived in a castle near the river.",
            "Lily went to the beach. She swam in the water.",
            "A dog says [MASK].",
            "Ben had a red ball. He gave it to his sister.");

    /** Runs for "Run 1,000 times". */
    public static final int RUNS = 1000;
    /** Counts after which the convergence table gets a row. */
    private static final int[] CHECKPOINTS = {10, 30, 100, 300, 1000};

    static final MaskingText TEXT = MaskingText.bundle();

    private final ModelHost host;
    private final ErrorReporter errors;
    private final RunLoop<Computed> loop;

    private final StringProperty text = new SimpleStringProperty(this, "text", EXAMPLES.get(4));
    private final StringProperty pair = new SimpleStringProperty(this, "pair", "");
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 7);
    private final ObjectProperty<SelectionMode> mode = new SimpleObjectProperty<>(this, "mode", SelectionMode.EXACT);
    private final BooleanProperty wholeWords = new SimpleBooleanProperty(this, "wholeWords");
    private final ObjectProperty<List<Integer>> handPositions = new SimpleObjectProperty<>(this, "handPositions");
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 5);

    private final ObjectProperty<MaskingStep> step = new SimpleObjectProperty<>(this, "step", MaskingStep.TOKENS);
    private final IntegerProperty revealed = new SimpleIntegerProperty(this, "revealed", Integer.MAX_VALUE);
    private final IntegerProperty focus = new SimpleIntegerProperty(this, "focus", -1);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", -1);
    private final BooleanProperty causal = new SimpleBooleanProperty(this, "causal");

    private final BooleanProperty quiz = new SimpleBooleanProperty(this, "quiz");
    private final ObservableMap<Integer, String> guesses = FXCollections.observableHashMap();
    private final BooleanProperty quizRevealed = new SimpleBooleanProperty(this, "quizRevealed");
    private final ReadOnlyIntegerWrapper scoreRight = new ReadOnlyIntegerWrapper(this, "scoreRight");
    private final ReadOnlyIntegerWrapper scoreTotal = new ReadOnlyIntegerWrapper(this, "scoreTotal");
    private final ReadOnlyIntegerWrapper modelRight = new ReadOnlyIntegerWrapper(this, "modelRight");

    private final ReadOnlyObjectWrapper<MaskingResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper vocabularyNote = new ReadOnlyStringWrapper(this, "vocabularyNote", "");
    private final ReadOnlyObjectWrapper<List<String>> vocabulary = new ReadOnlyObjectWrapper<>(this, "vocabulary", List.of());

    private final ReadOnlyObjectWrapper<List<RunStats>> runHistory = new ReadOnlyObjectWrapper<>(this, "runHistory", List.of());
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(this, "runProgress", 0);
    private final ReadOnlyBooleanWrapper repeating = new ReadOnlyBooleanWrapper(this, "repeating");

    private BackgroundService<RunStats> repeatService;
    /** Touched only on the inference thread. */
    private MaskingService cached;
    private ModelSession cachedFor;

    /** What one run computed: the result, the vocabulary facts for the text, and how long it took. */
    record Computed(MaskingResult result, String vocabularyNote, List<String> vocabulary) {
    }

    public MaskingViewModel(LessonContext context) {
        this.host = context.host();
        this.errors = context.errors();
        this.loop = new RunLoop<>(context, "mask", this::plan, this::accept);
        text.addListener(o -> inputChanged(true));
        pair.addListener(o -> inputChanged(true));
        seed.addListener(o -> inputChanged(false));
        mode.addListener(o -> inputChanged(true));
        wholeWords.addListener(o -> inputChanged(false));
        handPositions.addListener(o -> request());
        topK.addListener(o -> { });
        step.addListener((o, was, now) -> {
            if (now == MaskingStep.REPLACE && was == MaskingStep.SELECT) {
                revealed.set(0);     // the draws appear one by one
            }
        });
        quiz.addListener(o -> resetQuizRound());
    }

    /** Starts following the loaded model. */
    @Override
    public void start() {
        host.currentProperty().addListener((obs, old, now) -> handPositions.set(null));
        loop.followModel();
    }

    @Override
    public void startWith(String t) {
        text.set(t);
    }

    private void inputChanged(boolean clearsHand) {
        if (clearsHand) {
            handPositions.set(null);
        }
        focus.set(-1);
        request();
    }

    /** Asks for a run after the debounce. */
    public void request() {
        loop.request();
    }

    /** Runs now (no debounce). */
    public void runNow() {
        loop.runNow();
    }

    /** FX thread: reads the inputs now and returns the work for the model thread. */
    private ModelWork<Computed> plan() {
        String t = text.get();
        String p = pair.get();
        if (t == null || t.isBlank()) {
            loop.showProblem(TEXT.get("mask.typeSomething"));
            return null;
        }
        MaskingSettings settings = settings();
        resetQuizRound();
        return (session, cancel, progress) -> compute(session, t, p, settings);
    }

    private void accept(Computed c) {
        vocabularyNote.set(c.vocabularyNote());
        vocabulary.set(c.vocabulary());
        result.set(c.result());
        if (step.get() == MaskingStep.REPLACE && revealed.get() == 0) {
            revealed.set(Integer.MAX_VALUE);
        }
    }

    /** The settings of the current inputs. */
    public MaskingSettings settings() {
        return new MaskingSettings(seed.get(), mode.get(), wholeWords.get(), handPositions.get());
    }

    /** On the inference thread. */
    private Computed compute(ModelSession session, String t, String p, MaskingSettings settings) {
        if (cachedFor != session) {
            cached = new MaskingService(session);
            cachedFor = session;
        }
        MaskingResult r = cached.predict(cached.corrupt(cached.tokens(t, p), settings), MaskingService.MAX_TOP_K);
        List<String> unknown = new ArrayList<>();
        List<String> split = new ArrayList<>();
        r.tokens().tokens().stream().filter(k -> !k.special()).forEach(k -> {
            if (k.unknown()) {
                unknown.add(k.wordText());
            } else if (k.piece() && !split.contains(k.wordText())) {
                split.add(k.wordText());
            }
        });
        String name = session.info().name();
        String note = unknown.isEmpty() && split.isEmpty() ? TEXT.get("mask.vocab.allKnown", name)
                : ((split.isEmpty() ? "" : TEXT.get("mask.vocab.split", name, String.join(", ", split)) + " ")
                + (unknown.isEmpty() ? "" : TEXT.get("mask.vocab.unknown", name, String.join(", ", unknown)))).strip();
        List<String> words = vocabulary.get().isEmpty() || cachedFor != session ? cached.vocabularyWords() : vocabulary.get();
        return new Computed(r, note, words);
    }

    // ---- step navigation -------------------------------------------------------------------

    public void next() {
        step.set(step.get().next());
    }

    public void back() {
        step.set(step.get().previous());
    }

    /** Step 3: shows one more draw. */
    public void drawNext() {
        MaskingResult r = result.get();
        int n = r == null ? 0 : r.corruption().replacements().size();
        revealed.set(Math.min(n, revealed.get() == Integer.MAX_VALUE ? n : revealed.get() + 1));
    }

    /** Step 3: shows all draws. */
    public void drawAll() {
        revealed.set(Integer.MAX_VALUE);
    }

    /** "Roll again": a fresh seed, the drawn selection again. */
    public void rollAgain() {
        handPositions.set(null);
        seed.set(seed.get() + 1);
    }

    /** Step 2: selects or unselects {@code position} by hand (ignored for tokens that cannot be selected). */
    public void toggle(int position) {
        MaskingResult r = result.get();
        if (r == null || position < 0 || position >= r.tokens().length() || !r.tokens().get(position).eligible()
                || r.tokens().hasTypedMasks()) {
            return;
        }
        TreeSet<Integer> now = new TreeSet<>();
        for (int p : r.corruption().selected()) {
            now.add(p);
        }
        if (wholeWords.get()) {
            int word = r.tokens().get(position).word();
            boolean on = now.contains(position);
            r.tokens().tokens().stream().filter(k -> k.word() == word && k.eligible()).forEach(k -> {
                if (on) {
                    now.remove(k.position());
                } else {
                    now.add(k.position());
                }
            });
        } else if (!now.remove(position)) {
            now.add(position);
        }
        handPositions.set(List.copyOf(now));
    }

    // ---- quiz ------------------------------------------------------------------------------

    /** Shows the model's answers and adds this round to the running score. */
    public void reveal() {
        MaskingResult r = result.get();
        if (r == null || quizRevealed.get()) {
            return;
        }
        int right = 0;
        int total = 0;
        int model = 0;
        for (PositionPrediction p : r.predictions()) {
            if (p.scored()) {
                total++;
                if (MaskingFigure.guessMatches(guesses.get(p.position()), p.replacement().original())) {
                    right++;
                }
                if (p.correct()) {
                    model++;
                }
            }
        }
        scoreRight.set(scoreRight.get() + right);
        scoreTotal.set(scoreTotal.get() + total);
        modelRight.set(modelRight.get() + model);
        quizRevealed.set(true);
    }

    /** Starts the score again from zero. */
    public void resetScore() {
        scoreRight.set(0);
        scoreTotal.set(0);
        modelRight.set(0);
        resetQuizRound();
    }

    private void resetQuizRound() {
        guesses.clear();
        quizRevealed.set(false);
    }

    // ---- run 1,000 times -------------------------------------------------------------------

    /** Repeats steps 2-3 {@link #RUNS} times with fresh seeds on the model thread, publishing the counts as they grow. */
    public void runMany() {
        MaskingResult r = result.get();
        if (r == null) {
            return;
        }
        if (repeatService == null) {
            repeatService = new BackgroundService<>();
            repeating.bind(repeatService.runningProperty());
            repeatService.setOnFailed(e -> {
                Throwable ex = repeatService.getException();
                if (ex instanceof LabException lab) {
                    loop.showProblem(lab.problem() + " " + lab.remedy());
                } else if (!(ex instanceof CancellationException)) {
                    errors.report(TEXT.get("mask.runFailed"), ex);
                }
            });
        }
        MaskingSettings settings = settings();
        runHistory.set(List.of());
        runProgress.set(0);
        var tokens = r.tokens();
        repeatService.start((cancel, progress) -> host.submit((session, c, p) -> {
            MaskingService s = cachedFor == session ? cached : new MaskingService(session);
            List<RunStats> history = new ArrayList<>();
            return s.repeat(tokens, settings, RUNS, 10, stats -> {
                boolean checkpoint = java.util.Arrays.stream(CHECKPOINTS).anyMatch(cp -> cp == stats.runs());
                if (checkpoint) {
                    history.add(stats);
                }
                List<RunStats> snapshot = List.copyOf(history);
                double done = stats.runs() / (double) RUNS;
                Platform.runLater(() -> {
                    runProgress.set(done);
                    runHistory.set(checkpoint ? snapshot : withLast(snapshot, stats));
                });
            }, c);
        }, cancel, progress));
    }

    private static List<RunStats> withLast(List<RunStats> history, RunStats last) {
        List<RunStats> out = new ArrayList<>(history);
        out.add(last);
        return out;
    }

    /** Stops "Run 1,000 times". */
    public void cancelRunMany() {
        if (repeatService != null) {
            repeatService.cancel();
        }
    }

    /** The figure options of the current state. */
    public MaskingFigure.View figureView(double maxWidth) {
        Map<Integer, String> g = quiz.get() ? new HashMap<>(guesses) : null;
        return new MaskingFigure.View(step.get(), revealed.get(), focus.get(), layer.get(), head.get(), causal.get(),
                maxWidth, topK.get(), g, quizRevealed.get());
    }

    /** True when no run is in flight. */
    public boolean isIdle() {
        return loop.isIdle();
    }

    // ---- properties ------------------------------------------------------------------------

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty pairProperty() {
        return pair;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<SelectionMode> modeProperty() {
        return mode;
    }

    public BooleanProperty wholeWordsProperty() {
        return wholeWords;
    }

    public ObjectProperty<List<Integer>> handPositionsProperty() {
        return handPositions;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObjectProperty<MaskingStep> stepProperty() {
        return step;
    }

    public IntegerProperty revealedProperty() {
        return revealed;
    }

    public IntegerProperty focusProperty() {
        return focus;
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    public BooleanProperty causalProperty() {
        return causal;
    }

    public BooleanProperty quizProperty() {
        return quiz;
    }

    public ObservableMap<Integer, String> guesses() {
        return guesses;
    }

    public BooleanProperty quizRevealedProperty() {
        return quizRevealed;
    }

    public ReadOnlyIntegerProperty scoreRightProperty() {
        return scoreRight.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty scoreTotalProperty() {
        return scoreTotal.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty modelRightProperty() {
        return modelRight.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MaskingResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return loop.problemProperty();
    }

    public ReadOnlyStringProperty vocabularyNoteProperty() {
        return vocabularyNote.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<String>> vocabularyProperty() {
        return vocabulary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return loop.runningProperty();
    }

    public ReadOnlyObjectProperty<List<RunStats>> runHistoryProperty() {
        return runHistory.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty repeatingProperty() {
        return repeating.getReadOnlyProperty();
    }
}
