package org.attentionlab.ui.explorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.explorer.ExplorerRun;
import org.attentionlab.service.explorer.ExplorerService;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.AttentionSlices;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.SliceOptions;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.concurrent.ModelWork;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.LessonViewModel;
import org.attentionlab.ui.kit.RunLoop;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.concurrent.ModelHost;

/**
 * State of the Attention Explorer as properties, and the logic that feeds it: the text runs
 * through the model on the inference thread as the user types (debounced; a newer keystroke
 * cancels the stale run), and every selection or option change re-derives the map to draw on
 * the FX thread from the kept trace, without running the model again.
 *
 * <p>Everything here is plain properties except the run machinery, which is created on the
 * first {@link #requestRun()}; so the selection logic is testable without a JavaFX toolkit.
 */
public final class AttentionExplorerViewModel implements LessonViewModel {

    private static final ExplorerService SERVICE = new ExplorerService();
    /** The zoom at which the figure fits the figure area. */
    public static final double FIT_ZOOM = 1.0;

    private final ModelHost host;
    private final ErrorReporter errors;

    private final StringProperty textA = new SimpleStringProperty(this, "textA", Messages.get("explorer.defaultText"));
    private final StringProperty textB = new SimpleStringProperty(this, "textB", Messages.get("explorer.defaultTextB"));
    private final BooleanProperty pairMode = new SimpleBooleanProperty(this, "pairMode", false);
    private final ReadOnlyObjectWrapper<ExplorerRun> lastRun = new ReadOnlyObjectWrapper<>(this, "lastRun");
    private final ReadOnlyIntegerWrapper layerCount = new ReadOnlyIntegerWrapper(this, "layerCount", 0);
    private final ReadOnlyIntegerWrapper headCount = new ReadOnlyIntegerWrapper(this, "headCount", 0);
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 0);
    private final BooleanProperty averageHeads = new SimpleBooleanProperty(this, "averageHeads", false);
    private final BooleanProperty hideSpecial = new SimpleBooleanProperty(this, "hideSpecial", false);
    private final IntegerProperty topK = new SimpleIntegerProperty(this, "topK", 0);
    private final ObjectProperty<ViewMode> viewMode = new SimpleObjectProperty<>(this, "viewMode", ViewMode.HEATMAP);
    private final IntegerProperty selectedToken = new SimpleIntegerProperty(this, "selectedToken", -1);
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final BooleanProperty fixedScale = new SimpleBooleanProperty(this, "fixedScale", true);
    private final ObservableSet<Integer> comparedHeads = FXCollections.observableSet();
    private final ReadOnlyObjectWrapper<AttentionMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    /** The map before top-k dropped links (the same object as {@link #matrix} when no top-k is set). */
    private AttentionMatrix allLinks;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanBinding pairAvailable;

    private final RunLoop<ExplorerRun> loop;
    private ExecutorService exporter;

    public AttentionExplorerViewModel(LessonContext context) {
        this(context.host(), context.errors(), context.runs());
    }

    public AttentionExplorerViewModel(ModelHost host, ErrorReporter errors, LessonContext.RunListener runs) {
        this.host = host;
        this.errors = errors;
        this.loop = new RunLoop<>(host, errors, runs, "explorer", this::plan, this::accept);
        this.pairAvailable = Bindings.createBooleanBinding(() -> kind() == ModelKind.BERT, host.currentProperty());
        // An input the model cannot run (empty, too long) clears the previous text's figure,
        // tokens and export: what stays on screen always belongs to the text in the field.
        loop.problemProperty().addListener((obs, old, problem) -> {
            if (problem != null && !problem.isEmpty()) {
                lastRun.set(null);
            }
        });
        Runnable rederive = this::rederive;
        lastRun.addListener(o -> rederive.run());
        layer.addListener(o -> rederive.run());
        head.addListener(o -> rederive.run());
        averageHeads.addListener(o -> rederive.run());
        hideSpecial.addListener(o -> rederive.run());
        topK.addListener(o -> rederive.run());
    }

    /** Starts following the text and the loaded model. Call once, on the FX thread. */
    @Override
    public void start() {
        textA.addListener(o -> requestRun());
        textB.addListener(o -> {
            if (pairMode.get()) {
                requestRun();
            }
        });
        pairMode.addListener(o -> requestRun());
        loop.followModel();
    }

    @Override
    public void startWith(String text) {
        textA.set(text);
    }

    // ---- input

    public StringProperty textAProperty() {
        return textA;
    }

    public StringProperty textBProperty() {
        return textB;
    }

    /** True to run a BERT sentence pair (text A, text B). */
    public BooleanProperty pairModeProperty() {
        return pairMode;
    }

    /** True while the loaded model takes sentence pairs. */
    public BooleanBinding pairAvailableProperty() {
        return pairAvailable;
    }

    // ---- results and selection

    public ReadOnlyObjectProperty<ExplorerRun> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    public ExplorerRun getLastRun() {
        return lastRun.get();
    }

    public ReadOnlyIntegerProperty layerCountProperty() {
        return layerCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty headCountProperty() {
        return headCount.getReadOnlyProperty();
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    public BooleanProperty averageHeadsProperty() {
        return averageHeads;
    }

    public BooleanProperty hideSpecialProperty() {
        return hideSpecial;
    }

    /** Links kept per query; 0 keeps all. */
    public IntegerProperty topKProperty() {
        return topK;
    }

    public ObjectProperty<ViewMode> viewModeProperty() {
        return viewMode;
    }

    /** Encoding position of the token whose row, column and lines are highlighted, or -1. */
    public IntegerProperty selectedTokenProperty() {
        return selectedToken;
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    /** Colours on the fixed 0-1 scale (the default: heads compare), or up to each map's largest weight. */
    public BooleanProperty fixedScaleProperty() {
        return fixedScale;
    }

    /** Figure magnification, 1 = fitted to a readable default. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** Heads drawn in the head view besides the selected one. */
    public ObservableSet<Integer> comparedHeads() {
        return comparedHeads;
    }

    /** The map to draw: the selected head or the layer's mean, after the options. */
    public ReadOnlyObjectProperty<AttentionMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public AttentionMatrix getMatrix() {
        return matrix.get();
    }

    /**
     * The weight of (row, col) of the map shown, before top-k dropped links: what the pointer
     * readout reports, so a dropped link reads as its real weight rather than 0.
     */
    public float weightBeforeTopK(int row, int col) {
        AttentionMatrix m = allLinks != null ? allLinks : matrix.get();
        return m.weights()[row][col];
    }

    /** A line for the view: an input problem and its remedy, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return loop.problemProperty();
    }

    /** A passing note, such as where an export was saved; cleared by the next run. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return loop.runningProperty();
    }

    /** Kind of the loaded model, or null. */
    public ModelKind kind() {
        ModelHost.CurrentModel m = host.current();
        return m == null ? null : m.info().kind();
    }

    /** Moves the selected layer by {@code delta}, staying in range. */
    public void moveLayer(int delta) {
        if (layerCount.get() > 0) {
            layer.set(clamp(layer.get() + delta, layerCount.get()));
        }
    }

    /** Moves the selected head by {@code delta}, staying in range; leaves "mean of heads". */
    public void moveHead(int delta) {
        if (headCount.get() > 0) {
            averageHeads.set(false);
            head.set(clamp(head.get() + delta, headCount.get()));
        }
    }

    /** Highlights the token at encoding position {@code source}, or clears it if it was highlighted. */
    public void toggleToken(int source) {
        selectedToken.set(selectedToken.get() == source ? -1 : source);
    }

    /** Shows layer {@code l}, head {@code h} large: the model view's click. */
    public void open(int l, int h) {
        averageHeads.set(false);
        layer.set(clamp(l, layerCount.get()));
        head.set(clamp(h, headCount.get()));
        viewMode.set(ViewMode.HEATMAP);
    }

    /** The maps of all layers and heads for the model view, with special tokens hidden if asked. */
    public List<List<AttentionMatrix>> allMaps() {
        ExplorerRun run = lastRun.get();
        List<List<AttentionMatrix>> maps = new ArrayList<>();
        if (run == null) {
            return maps;
        }
        SliceOptions options = new SliceOptions(hideSpecial.get(), 0);
        for (int l = 0; l < run.trace().layers(); l++) {
            List<AttentionMatrix> row = new ArrayList<>();
            for (int h = 0; h < run.trace().heads(); h++) {
                row.add(AttentionSlices.select(run.trace(), run.model().kind(), l, h, options));
            }
            maps.add(row);
        }
        return maps;
    }

    /** The map of head {@code h} of the selected layer, after the options (for the head view). */
    public AttentionMatrix mapOfHead(int h) {
        ExplorerRun run = lastRun.get();
        return AttentionSlices.select(run.trace(), run.model().kind(), layer.get(), h,
                new SliceOptions(hideSpecial.get(), topK.get()));
    }

    /**
     * Takes a finished run: keeps it, and moves the layer and head into the new model's range.
     * Called on the FX thread when a run succeeds.
     */
    public void accept(ExplorerRun run) {
        ForwardTrace trace = run.trace();
        layerCount.set(trace.layers());
        headCount.set(trace.heads());
        if (layer.get() >= trace.layers()) {
            layer.set(Math.max(0, trace.layers() - 1));
        }
        if (head.get() >= trace.heads()) {
            head.set(Math.max(0, trace.heads() - 1));
        }
        comparedHeads.removeIf(h -> h >= trace.heads());
        if (selectedToken.get() >= trace.input().length()) {
            selectedToken.set(-1);
        }
        loop.showProblem("");
        notice.set("");
        lastRun.set(run);
    }

    private void rederive() {
        ExplorerRun run = lastRun.get();
        if (run == null || run.trace().layers() == 0) {
            allLinks = null;
            matrix.set(null);
            return;
        }
        int l = clamp(layer.get(), run.trace().layers());
        int h = averageHeads.get() ? AttentionSlices.MEAN_OF_HEADS : clamp(head.get(), run.trace().heads());
        AttentionMatrix kept = AttentionSlices.select(run.trace(), run.model().kind(), l, h,
                new SliceOptions(hideSpecial.get(), topK.get()));
        allLinks = topK.get() > 0
                ? AttentionSlices.select(run.trace(), run.model().kind(), l, h, new SliceOptions(hideSpecial.get(), 0))
                : kept;
        matrix.set(kept);
    }

    // ---- running the model

    /** Schedules a run after the input has been quiet briefly. */
    public void requestRun() {
        loop.request();
    }

    /** Runs now, cancelling any run in flight. */
    public void runNow() {
        loop.runNow();
    }

    /** On the FX thread: the texts to run now, or null (with a message) when there is nothing to run. */
    private ModelWork<ExplorerRun> plan() {
        String a = textA.get() == null ? "" : textA.get();
        boolean pair = pairMode.get() && pairAvailable.get();
        String b = textB.get() == null ? "" : textB.get();
        if (a.isBlank() && (!pair || b.isBlank())) {
            loop.showProblem(Messages.get("explorer.typeSomething"));
            return null;
        }
        return (session, cancel, progress) -> compute(session, a, pair ? b : null);
    }

    /** On the inference thread: the explorer's use-case. */
    static ExplorerRun compute(ModelSession session, String a, String b) {
        return SERVICE.run(session, a, b);
    }

    /**
     * Writes the current view to {@code out} on a background thread. The figure is laid out for
     * java.awt with {@code style}, so the file looks like the screen. Success shows in
     * {@link #noticeProperty()}, failure in the error reporter.
     */
    public Task<Path> export(FigureExport.Format format, Path out, FigureStyle style, double fitWidth,
                             double fitHeight) {
        ExplorerRun run = lastRun.get();
        if (run == null || matrix.get() == null) {
            throw new InputException(Messages.get("export.nothing.problem"), Messages.get("export.nothing.remedy"));
        }
        ExplorerFigures.Snapshot snapshot = snapshot(fitWidth, fitHeight);
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                ExplorerFigures.write(snapshot, format, out, style);
                return out;
            }
        };
        task.setOnSucceeded(e -> notice.set(Messages.get("explorer.export.done", out)));
        task.setOnFailed(e -> errors.report(Messages.get("explorer.export.failed"), task.getException()));
        if (exporter == null) {
            exporter = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "attention-lab-export");
                t.setDaemon(true);
                return t;
            });
        }
        exporter.submit(task);
        return task;
    }

    /**
     * An immutable copy of what the views draw now.
     *
     * @param fitWidth  width the figure may fill at zoom 1 (NaN: no fitting)
     * @param fitHeight height the figure may fill at zoom 1 (NaN: no fitting)
     */
    public ExplorerFigures.Snapshot snapshot(double fitWidth, double fitHeight) {
        ExplorerRun run = lastRun.get();
        List<AttentionMatrix> headMaps = new ArrayList<>();
        List<Integer> headIds = new ArrayList<>();
        if (run != null && !averageHeads.get()) {
            headIds.add(head.get());
            comparedHeads.stream().filter(h -> h != head.get()).sorted().forEach(headIds::add);
            for (int h : headIds) {
                headMaps.add(mapOfHead(h));
            }
        }
        return new ExplorerFigures.Snapshot(viewMode.get(), run == null ? null : run.model().kind(), matrix.get(),
                layer.get(), averageHeads.get() ? AttentionSlices.MEAN_OF_HEADS : head.get(), headIds, headMaps,
                viewMode.get() == ViewMode.MODEL ? allMaps() : List.of(), colorMap.get(), selectedToken.get(),
                zoom.get(), hideSpecial.get(), topK.get(), headCount.get(), fitWidth, fitHeight,
                run == null ? "" : run.textB() == null ? run.textA() : run.textA() + " | " + run.textB(),
                fixedScale.get());
    }

    /** True when no run is in flight. Safe to read from any thread. */
    public boolean isIdle() {
        return loop.isIdle();
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
