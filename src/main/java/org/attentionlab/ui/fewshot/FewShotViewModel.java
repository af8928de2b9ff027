package org.attentionlab.ui.fewshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.attentionlab.domain.LabException;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.AnswerRule;
import org.attentionlab.domain.fewshot.EvalItem;
import org.attentionlab.domain.fewshot.FewShotPrompt;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.ShotPair;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.service.fewshot.FewShotService;
import org.attentionlab.service.fewshot.TaskFile;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.concurrent.ModelHost;
import org.attentionlab.ui.concurrent.ModelWork;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.LessonViewModel;
import org.attentionlab.ui.kit.RunLoop;

/**
 * State of the prompt lab: the task (one of the model's, or "your own"), the description, the
 * examples (editable, reorderable, shuffled from the task's pairs), the query and k; the four
 * answers side by side, the attention of the selected column's answer, and the accuracy run
 * (explicit, with progress and cancel).
 */
public final class FewShotViewModel implements LessonViewModel {
    /** The fewest and most examples the few-shot column takes. */
    public static final int MIN_K = 2;
    public static final int MAX_K = 16;
    /** Examples listed (and drawn by "shuffle") for a task. */
    public static final int EXAMPLE_ROWS = 16;

    private final ModelHost host;
    private final ObservableList<FewShotTask> tasks = FXCollections.observableArrayList();
    private final ObjectProperty<FewShotTask> task = new SimpleObjectProperty<>(this, "task");
    private final ReadOnlyStringWrapper taskListNote = new ReadOnlyStringWrapper(this, "taskListNote", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final StringProperty arrow = new SimpleStringProperty(this, "arrow", FewShotTask.DEFAULT_ARROW);
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final StringProperty expected = new SimpleStringProperty(this, "expected", "");
    private final ObservableList<ShotPair> examples = FXCollections.observableArrayList();
    private final IntegerProperty shots = new SimpleIntegerProperty(this, "shots", 4);
    private final BooleanProperty firstWord = new SimpleBooleanProperty(this, "firstWord", false);
    private final ReadOnlyObjectWrapper<SideBySide> sideBySide = new ReadOnlyObjectWrapper<>(this, "sideBySide");
    private final ObjectProperty<SideBySide.Kind> selectedColumn =
            new SimpleObjectProperty<>(this, "selectedColumn", SideBySide.Kind.FEW_SHOT);
    private final ReadOnlyObjectWrapper<AnswerAttention> attention = new ReadOnlyObjectWrapper<>(this, "attention");
    private final IntegerProperty attentionLayer = new SimpleIntegerProperty(this, "attentionLayer", -1);
    private final IntegerProperty attentionHead = new SimpleIntegerProperty(this, "attentionHead", -1);
    private final ReadOnlyObjectWrapper<AccuracyReport> accuracy = new ReadOnlyObjectWrapper<>(this, "accuracy");
    private final ReadOnlyStringWrapper accuracyStatus = new ReadOnlyStringWrapper(this, "accuracyStatus", "");
    private final ObjectProperty<int[]> selectedPoint = new SimpleObjectProperty<>(this, "selectedPoint");
    private final ObservableList<EvalItem> pointItems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper checksumLine = new ReadOnlyStringWrapper(this, "checksumLine", "");
    private final RunLoop<SideBySide> sideLoop;
    private final RunLoop<AnswerAttention> attentionLoop;
    private final RunLoop<AccuracyReport> accuracyLoop;
    private final Random shuffler = new Random(13);
    private boolean loadingTask;
    private int queryIndex;

    public FewShotViewModel(LessonContext context) {
        this.host = context.host();
        sideLoop = new RunLoop<>(context, "fewshot", this::planSideBySide, this::acceptSideBySide);
        attentionLoop = new RunLoop<>(context, "fewshot", this::planAttention, attention::set);
        accuracyLoop = new RunLoop<>(context, "fewshot", this::planAccuracy, this::acceptAccuracy);
        accuracyLoop.runningProperty().addListener((o, was, now) -> {
            if (was && !now && accuracy.get() == null && accuracyStatus.get().equals(Messages.get("fewshot.accuracy.running"))) {
                accuracyStatus.set(Messages.get("fewshot.accuracy.cancelled"));
            }
        });
        selectedPoint.addListener((o, old, p) -> updatePointItems());
    }

    @Override
    public void start() {
        Runnable changed = () -> {
            if (!loadingTask) {
                sideLoop.request();
            }
        };
        description.addListener(o -> changed.run());
        arrow.addListener(o -> changed.run());
        query.addListener(o -> changed.run());
        expected.addListener(o -> changed.run());
        shots.addListener(o -> changed.run());
        firstWord.addListener(o -> changed.run());
        examples.addListener((javafx.collections.ListChangeListener<ShotPair>) c -> changed.run());
        selectedColumn.addListener(o -> attentionLoop.runNow());
        task.addListener((o, old, t) -> {
            useTask(t);
            accuracy.set(null);
            selectedPoint.set(null);
            accuracyStatus.set("");
        });
        host.currentProperty().addListener((o, old, now) -> modelChanged(now));
        modelChanged(host.current());
    }

    /** The loaded model changed: read its task list (a small file) and start on its first task, or on "your own". */
    private void modelChanged(ModelHost.CurrentModel now) {
        accuracyLoop.cancel();
        List<FewShotTask> list = List.of();
        String note = "";
        if (now != null) {
            try {
                list = TaskFile.read(now.ref().folder()).orElse(List.of());
                if (list.isEmpty()) {
                    note = TaskFile.NO_TASKS;
                }
            } catch (LabException e) {
                note = e.problem() + " " + e.remedy();
            }
        }
        taskListNote.set(note);
        tasks.setAll(list);
        FewShotTask first = list.isEmpty() ? null : list.get(0);
        if (task.get() == first) {
            useTask(first);
        } else {
            task.set(first);
        }
    }

    /** Fills the inputs from {@code t}, or with the GPT-3 paper's example for "your own" (null). */
    private void useTask(FewShotTask t) {
        loadingTask = true;
        try {
            queryIndex = 0;
            if (t == null) {
                description.set(Messages.get("fewshot.own.description"));
                arrow.set("=>");
                examples.setAll(new ShotPair("sea otter", "loutre de mer"), new ShotPair("peppermint", "menthe poivrée"),
                        new ShotPair("plush giraffe", "girafe peluche"));
                query.set("cheese");
                expected.set("fromage");
                shots.set(Math.max(MIN_K, Math.min(shots.get(), examples.size())));
            } else {
                description.set(t.description());
                arrow.set(t.arrow());
                ShotPair q = t.queries().isEmpty() ? t.pairs().get(0) : t.queries().get(0);
                query.set(q.input());
                expected.set(q.output() == null ? "" : q.output());
                examples.setAll(draw(t, q));
            }
        } finally {
            loadingTask = false;
        }
        sideLoop.runNow();
    }

    /** {@link #EXAMPLE_ROWS} pairs of the task in a fresh random order, none asking the query or its answer. */
    private List<ShotPair> draw(FewShotTask t, ShotPair q) {
        List<ShotPair> pool = new ArrayList<>(t.pairs());
        Collections.shuffle(pool, shuffler);
        return FewShotService.examplesFor(t, pool, q, EXAMPLE_ROWS);
    }

    /** Draws new examples from the task's pairs ("your own": shuffles the order of the examples). */
    public void shuffle() {
        FewShotTask t = task.get();
        if (t == null) {
            List<ShotPair> l = new ArrayList<>(examples);
            Collections.shuffle(l, shuffler);
            examples.setAll(l);
        } else {
            examples.setAll(draw(t, currentQuery()));
        }
    }

    /** The task's next query (wrapping around). */
    public void nextQuery() {
        FewShotTask t = task.get();
        if (t == null || t.queries().isEmpty()) {
            return;
        }
        queryIndex = (queryIndex + 1) % t.queries().size();
        ShotPair q = t.queries().get(queryIndex);
        loadingTask = true;
        try {
            query.set(q.input());
            expected.set(q.output() == null ? "" : q.output());
            if (t.promptOnly()) {
                examples.setAll(draw(t, q));       // the query's own pair is the first example
            }
        } finally {
            loadingTask = false;
        }
        sideLoop.runNow();
    }

    /** Moves example {@code i} one place up (-1) or down (+1); returns its new index. */
    public int move(int i, int delta) {
        int j = i + delta;
        if (i < 0 || i >= examples.size() || j < 0 || j >= examples.size()) {
            return i;
        }
        List<ShotPair> l = new ArrayList<>(examples);
        Collections.swap(l, i, j);
        examples.setAll(l);
        return j;
    }

    private ShotPair currentQuery() {
        String e = expected.get();
        return new ShotPair(query.get() == null ? "" : query.get().strip(), e == null || e.isBlank() ? null : e.strip());
    }

    private AnswerRule rule() {
        return firstWord.get() ? AnswerRule.FIRST_WORD : AnswerRule.LINE;
    }

    // ---- side by side and attention ----------------------------------------------------------

    private ModelWork<SideBySide> planSideBySide() {
        ShotPair q = currentQuery();
        if (q.input().isEmpty()) {
            sideLoop.showProblem(Messages.get("fewshot.noQuery"));
            return null;
        }
        String d = description.get();
        List<ShotPair> ex = examples.stream().filter(p -> !p.input().isBlank()).toList();
        int k = shots.get();
        String a = arrow.get();
        AnswerRule r = rule();
        return (session, cancel, progress) -> new FewShotService(session).sideBySide(d, ex, k, q, a, r);
    }

    private void acceptSideBySide(SideBySide s) {
        sideBySide.set(s);
        checksumLine.set(Messages.get("fewshot.checksum", Long.toHexString(s.checksumBefore()),
                Long.toHexString(s.checksumAfter()), s.checksumBefore() == s.checksumAfter()
                        ? Messages.get("fewshot.checksum.same") : Messages.get("fewshot.checksum.changed")));
        attentionLoop.runNow();
    }

    private ModelWork<AnswerAttention> planAttention() {
        SideBySide s = sideBySide.get();
        if (s == null) {
            return null;
        }
        FewShotPrompt p = s.column(selectedColumn.get()).prompt();
        return (session, cancel, progress) -> new FewShotService(session).attention(p);
    }

    // ---- accuracy ------------------------------------------------------------------------------

    /** Runs the accuracy chart for the current task (0, 1, 2, 4, 8 examples, with and without the description, 3 orders). */
    public void runAccuracy() {
        if (task.get() == null) {
            accuracyStatus.set(Messages.get("fewshot.accuracy.needsTask"));
            return;
        }
        accuracy.set(null);
        selectedPoint.set(null);
        accuracyStatus.set(Messages.get("fewshot.accuracy.running"));
        accuracyLoop.runNow();
    }

    public void cancelAccuracy() {
        accuracyLoop.cancel();
    }

    private ModelWork<AccuracyReport> planAccuracy() {
        FewShotTask t = task.get();
        if (t == null) {
            return null;
        }
        FewShotService.AccuracyRequest request = new FewShotService.AccuracyRequest(FewShotService.DEFAULT_SHOTS, true, true,
                FewShotService.DEFAULT_ORDERS, rule());
        return (session, cancel, progress) -> new FewShotService(session).accuracy(t, request, progress, cancel);
    }

    private void acceptAccuracy(AccuracyReport r) {
        accuracy.set(r);
        accuracyStatus.set(Messages.get("fewshot.accuracy.done", r.items().size(), String.format("%.1f", r.millis() / 1000.0),
                r.checksumBefore() == r.checksumAfter() ? Messages.get("fewshot.checksum.same")
                        : Messages.get("fewshot.checksum.changed")));
        checksumLine.set(Messages.get("fewshot.checksum", Long.toHexString(r.checksumBefore()),
                Long.toHexString(r.checksumAfter()), r.checksumBefore() == r.checksumAfter()
                        ? Messages.get("fewshot.checksum.same") : Messages.get("fewshot.checksum.changed")));
        selectedPoint.set(new int[] {r.shots().get(r.shots().size() - 1), r.points().get(0).withDescription() ? 1 : 0});
    }

    private void updatePointItems() {
        AccuracyReport r = accuracy.get();
        int[] p = selectedPoint.get();
        if (r == null || p == null) {
            pointItems.clear();
            return;
        }
        pointItems.setAll(r.itemsOf(p[0], p[1] == 1));
    }

    /** The task's file folder for exports' names. */
    public String suggestedName() {
        FewShotTask t = task.get();
        return "fewshot-" + (t == null ? "own" : t.name());
    }

    // ---- properties ---------------------------------------------------------------------------

    public ObservableList<FewShotTask> tasks() {
        return tasks;
    }

    public ObjectProperty<FewShotTask> taskProperty() {
        return task;
    }

    public ReadOnlyStringProperty taskListNoteProperty() {
        return taskListNote.getReadOnlyProperty();
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty arrowProperty() {
        return arrow;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty expectedProperty() {
        return expected;
    }

    public ObservableList<ShotPair> examples() {
        return examples;
    }

    public IntegerProperty shotsProperty() {
        return shots;
    }

    public BooleanProperty firstWordProperty() {
        return firstWord;
    }

    public ReadOnlyObjectProperty<SideBySide> sideBySideProperty() {
        return sideBySide.getReadOnlyProperty();
    }

    public ObjectProperty<SideBySide.Kind> selectedColumnProperty() {
        return selectedColumn;
    }

    public ReadOnlyObjectProperty<AnswerAttention> attentionProperty() {
        return attention.getReadOnlyProperty();
    }

    public IntegerProperty attentionLayerProperty() {
        return attentionLayer;
    }

    public IntegerProperty attentionHeadProperty() {
        return attentionHead;
    }

    public ReadOnlyObjectProperty<AccuracyReport> accuracyProperty() {
        return accuracy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty accuracyStatusProperty() {
        return accuracyStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty accuracyRunningProperty() {
        return accuracyLoop.runningProperty();
    }

    public ReadOnlyDoubleProperty accuracyProgressProperty() {
        return accuracyLoop.progressProperty();
    }

    public ReadOnlyStringProperty accuracyProblemProperty() {
        return accuracyLoop.problemProperty();
    }

    public ObjectProperty<int[]> selectedPointProperty() {
        return selectedPoint;
    }

    public ObservableList<EvalItem> pointItems() {
        return pointItems;
    }

    public ReadOnlyStringProperty checksumLineProperty() {
        return checksumLine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return sideLoop.problemProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return sideLoop.runningProperty();
    }

    /** True when no run of any kind is pending or in flight (for tests). */
    public boolean isIdle() {
        return sideLoop.isIdle() && attentionLoop.isIdle() && accuracyLoop.isIdle();
    }

    /** The folder of the loaded model, or null. */
    Path modelFolder() {
        return host.current() == null ? null : host.current().ref().folder();
    }
}
