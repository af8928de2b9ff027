package org.attentionlab.ui.generation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.TranslateTransition;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.geometry.HPos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.figure.NextTokenFigure;
import org.attentionlab.figure.TextMeasure;
import org.attentionlab.service.generation.GenerationFigures;
import org.attentionlab.service.generation.GenerationLab;
import org.attentionlab.service.generation.GenerationState;
import org.attentionlab.service.generation.GenerationStep;
import org.attentionlab.service.generation.MaskRow;
import org.attentionlab.service.generation.StepTable;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.PresentationPanes;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.SegmentedButton;

/**
 * Controller of {@code GenerationView.fxml}: binds the controls to the view model, keeps the
 * token strip (new tokens slide in), and redraws the figures when what they show changes. The
 * distribution is redrawn from the shown step's logits when a filter slider moves, without a
 * model run.
 */
public final class GenerationView {
    private static final Duration APPEND = Duration.millis(260);

    private final GenerationViewModel vm;
    private final LessonContext context;

    @FXML private BorderPane root;
    @FXML private TextArea promptArea;
    @FXML private Button runButton;
    @FXML private ProgressIndicator busy;
    @FXML private Button stepButton;
    @FXML private ToggleButton playToggle;
    @FXML private Slider speedSlider;
    @FXML private Button backButton;
    @FXML private Button resetButton;
    @FXML private Button replayButton;
    @FXML private HBox modeSlot;
    @FXML private Spinner<Integer> seedSpinner;
    @FXML private MenuButton exportMenu;
    @FXML private MenuItem exportDistPng;
    @FXML private MenuItem exportDistSvg;
    @FXML private MenuItem exportHeatPng;
    @FXML private MenuItem exportHeatSvg;
    @FXML private MenuItem exportLensPng;
    @FXML private MenuItem exportCsv;
    @FXML private Slider temperatureSlider;
    @FXML private Label temperatureValue;
    @FXML private Slider topKSlider;
    @FXML private Label topKValue;
    @FXML private Slider topPSlider;
    @FXML private Label topPValue;
    @FXML private Spinner<Integer> rowsSpinner;
    @FXML private ScrollPane tokenScroll;
    @FXML private FlowPane tokenStrip;
    @FXML private Label message;
    @FXML private SplitPane leftSplit;
    @FXML private SplitPane rightSplit;
    @FXML private ScrollPane distributionScroll;
    @FXML private FigureCanvas distributionCanvas;
    @FXML private FigureCanvas lensCanvas;
    @FXML private ComboBox<String> layerCombo;
    @FXML private ComboBox<String> headCombo;
    @FXML private ScrollPane heatmapScroll;
    @FXML private FigureCanvas heatmapCanvas;
    @FXML private FigureCanvas rowCanvas;

    private final ToggleButton greedyToggle = new ToggleButton(Messages.get("generation.greedy"));
    private final ToggleButton sampleToggle = new ToggleButton(Messages.get("generation.sample"));
    private PopOver maskPopOver;
    /** Ids shown in the strip, to append only what is new. */
    private List<Integer> stripIds = List.of();
    private GenerationLab stripLab;
    private boolean updatingCombos;
    /** When the distribution was last painted (System.nanoTime), for the benchmark. */
    private volatile long lastDistributionPaint;
    /** How long the last result took to show (strip and figures, FX thread), for the benchmark. */
    private volatile double lastRedrawMs;

    GenerationView(GenerationViewModel vm, LessonContext context) {
        this.vm = vm;
        this.context = context;
    }

    @FXML
    private void initialize() {
        // At 1280x800 on a projector the four figures do not fit: the next-token bars and the
        // heatmap get the full height, the logit lens and the attention row one drag away.
        PresentationPanes.follow(context.presentation(), leftSplit, rightSplit);
        promptArea.textProperty().bindBidirectional(vm.promptProperty());
        promptArea.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                vm.run();
            }
        });
        runButton.setOnAction(e -> vm.run());
        stepButton.setOnAction(e -> vm.step());
        backButton.setOnAction(e -> vm.back());
        resetButton.setOnAction(e -> vm.reset());
        replayButton.setOnAction(e -> vm.replay());
        playToggle.selectedProperty().bindBidirectional(vm.playingProperty());
        playToggle.textProperty().bind(javafx.beans.binding.Bindings.when(vm.playingProperty())
                .then(Messages.get("generation.pause")).otherwise(Messages.get("generation.play")));
        speedSlider.valueProperty().bindBidirectional(vm.speedProperty());
        busy.visibleProperty().bind(vm.runningProperty());

        greedyToggle.setId("greedyToggle");
        sampleToggle.setId("sampleToggle");
        greedyToggle.setTooltip(new Tooltip(Messages.get("generation.greedy.tooltip")));
        sampleToggle.setTooltip(new Tooltip(Messages.get("generation.sample.tooltip")));
        SegmentedButton mode = new SegmentedButton(greedyToggle, sampleToggle);
        ToggleGroup group = mode.getToggleGroup();
        modeSlot.getChildren().add(mode);
        (vm.sampleProperty().get() ? sampleToggle : greedyToggle).setSelected(true);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);      // one of the two is always on
            } else {
                vm.sampleProperty().set(now == sampleToggle);
            }
        });
        vm.sampleProperty().addListener((o, was, now) -> (now ? sampleToggle : greedyToggle).setSelected(true));

        temperatureSlider.valueProperty().bindBidirectional(vm.temperatureProperty());
        temperatureValue.textProperty().bind(vm.temperatureProperty().asString(Locale.ROOT, "%.2f"));
        topKSlider.setValue(vm.topKProperty().get());
        topKSlider.valueProperty().addListener((o, was, now) -> vm.topKProperty().set((int) Math.round(now.doubleValue())));
        vm.topKProperty().addListener((o, was, now) -> topKSlider.setValue(now.intValue()));
        topKValue.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.topKProperty().get() == 0 ? "off" : Integer.toString(vm.topKProperty().get()), vm.topKProperty()));
        topPSlider.valueProperty().bindBidirectional(vm.topPProperty());
        topPValue.textProperty().bind(vm.topPProperty().asString(Locale.ROOT, "%.2f"));
        for (Slider s : new Slider[] {temperatureSlider, topKSlider, topPSlider}) {
            s.disableProperty().bind(vm.sampleProperty().not());
        }
        seedSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Integer.MAX_VALUE, (int) vm.seedProperty().get()));
        seedSpinner.valueProperty().addListener((o, was, now) -> vm.seedProperty().set(now));
        seedSpinner.disableProperty().bind(vm.sampleProperty().not());
        rowsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, GenerationViewModel.MAX_ROWS, vm.rowsProperty().get()));
        rowsSpinner.valueProperty().addListener((o, was, now) -> vm.rowsProperty().set(now));

        layerCombo.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (!updatingCombos && now.intValue() >= 0) {
                vm.layerProperty().set(now.intValue());
            }
        });
        headCombo.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (!updatingCombos && now.intValue() >= 0) {
                vm.headProperty().set(now.intValue() - 1);
            }
        });

        message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String problem = vm.problemProperty().get();
            return problem != null && !problem.isEmpty() ? problem : vm.noteProperty().get();
        }, vm.problemProperty(), vm.noteProperty()));

        tokenScroll.prefViewportHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(96, Math.max(28, tokenStrip.getHeight())), tokenStrip.heightProperty()));
        message.managedProperty().bind(message.visibleProperty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        vm.resultProperty().addListener(o -> {
            long t0 = System.nanoTime();
            updateControls();
            long t1 = System.nanoTime();
            updateStrip();
            long t2 = System.nanoTime();
            redrawDistribution();
            long t3 = System.nanoTime();
            redrawLens();
            long t4 = System.nanoTime();
            redrawHeatmap();
            long t5 = System.nanoTime();
            lastRedrawMs = (t5 - t0) / 1e6;
            if (Boolean.getBoolean("gen.profile")) {
                System.err.printf("controls %.1f strip %.1f dist %.1f lens %.1f heat %.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                        (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
            }
        });
        vm.selectedStepProperty().addListener(o -> {
            updateStripSelection();
            redrawDistribution();
            redrawLens();
            redrawHeatmap();
        });
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {vm.temperatureProperty(), vm.topKProperty(),
                vm.topPProperty(), vm.sampleProperty(), vm.rowsProperty(), distributionCanvas.figureStyleProperty()}) {
            p.addListener(o -> redrawDistribution());
        }
        for (javafx.beans.Observable p : new javafx.beans.Observable[] {vm.layerProperty(), vm.headProperty(),
                heatmapCanvas.figureStyleProperty(), rowCanvas.figureStyleProperty()}) {
            p.addListener(o -> redrawHeatmap());
        }
        lensCanvas.figureStyleProperty().addListener(o -> redrawLens());

        distributionCanvas.setOnMouseClicked(e -> {
            if (distributionCanvas.getFigure() instanceof NextTokenFigure f) {
                int id = f.tokenAt(e.getX(), e.getY());
                if (id >= 0 && vm.resultProperty().get() != null) {
                    vm.forceShown(id);
                }
            }
        });
        heatmapCanvas.setOnMouseClicked(e -> {
            if (heatmapCanvas.getFigure() instanceof HeatmapFigure f) {
                double[] p = heatmapCanvas.visiblePoint(e.getX(), e.getY());
                HeatmapFigure.Hit hit = f.hit(p[0], p[1]);
                if (hit.kind() == HeatmapFigure.Hit.Kind.CELL || hit.kind() == HeatmapFigure.Hit.Kind.ROW_LABEL) {
                    vm.showMaskRow(hit.row());
                }
            }
        });
        heatmapScroll.hvalueProperty().addListener(o -> followScroll());
        heatmapScroll.vvalueProperty().addListener(o -> followScroll());
        vm.maskRowProperty().addListener((o, was, now) -> showMaskRow(now));

        exportDistPng.setOnAction(e -> exportFigure(distributionFigure(true), "next-token", FigureExport.Format.PNG));
        exportDistSvg.setOnAction(e -> exportFigure(distributionFigure(true), "next-token", FigureExport.Format.SVG));
        exportHeatPng.setOnAction(e -> exportFigure(heatmapFigure(true), "causal-attention", FigureExport.Format.PNG));
        exportHeatSvg.setOnAction(e -> exportFigure(heatmapFigure(true), "causal-attention", FigureExport.Format.SVG));
        exportLensPng.setOnAction(e -> exportFigure(lensFigure(true), "logit-lens", FigureExport.Format.PNG));
        exportCsv.setOnAction(e -> exportCsv());
        updateControls();
    }

    private void updateControls() {
        GenerationViewModel.Result r = vm.resultProperty().get();
        boolean none = r == null;
        GenerationState st = none ? null : r.state();
        stepButton.setDisable(none || st.stop() != null);
        playToggle.setDisable(none || st.stop() != null);
        backButton.setDisable(none || st.steps().isEmpty());
        resetButton.setDisable(none || st.steps().isEmpty());
        replayButton.setDisable(none || st.steps().isEmpty());
        exportMenu.setDisable(none);
        if (none) {
            return;
        }
        int layers = r.lab().layers();
        int heads = r.lab().heads();
        if (layerCombo.getItems().size() != layers || headCombo.getItems().size() != heads + 1) {
            updatingCombos = true;
            List<String> ls = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                ls.add(Messages.get("generation.layer.n", l + 1));
            }
            List<String> hs = new ArrayList<>();
            hs.add(Messages.get("generation.head.mean"));
            for (int h = 0; h < heads; h++) {
                hs.add(Messages.get("generation.head.n", h + 1));
            }
            layerCombo.getItems().setAll(ls);
            headCombo.getItems().setAll(hs);
            int layer = Math.min(vm.layerProperty().get(), layers - 1);
            int head = Math.min(vm.headProperty().get(), heads - 1);
            layerCombo.getSelectionModel().select(layer);
            headCombo.getSelectionModel().select(head + 1);
            updatingCombos = false;
            vm.layerProperty().set(layer);
            vm.headProperty().set(head);
        }
    }

    /** Keeps the chips of the common prefix and appends the new tokens with a short slide-in. */
    private void updateStrip() {
        GenerationViewModel.Result r = vm.resultProperty().get();
        if (r == null) {
            tokenStrip.getChildren().clear();
            stripIds = List.of();
            return;
        }
        GenerationState st = r.state();
        List<Integer> ids = st.ids();
        int common = 0;
        if (r.lab() == stripLab) {
            while (common < Math.min(ids.size(), stripIds.size()) && ids.get(common).equals(stripIds.get(common))
                    && !(common >= st.promptLength() && isForcedChip(common) != st.steps().get(common - st.promptLength()).forced())) {
                common++;
            }
        }
        tokenStrip.getChildren().remove(common, tokenStrip.getChildren().size());
        List<String> labels = r.lab().labels(ids);
        for (int i = 0; i < common; i++) {     // a kept chip may hold the first part of a character completed now
            Label kept = (Label) tokenStrip.getChildren().get(i);
            if (!kept.getStyleClass().contains("eos-token") && !kept.getText().equals(labels.get(i))) {
                kept.setText(labels.get(i));
            }
        }
        int fresh = ids.size() - common;
        for (int i = common; i < ids.size(); i++) {
            Label chip = chip(r, st, i, labels.get(i));
            tokenStrip.getChildren().add(chip);
            if (fresh <= 4) {
                chip.setOpacity(0);
                FadeTransition fade = new FadeTransition(APPEND, chip);
                fade.setFromValue(0);
                fade.setToValue(1);
                TranslateTransition slide = new TranslateTransition(APPEND, chip);
                slide.setFromX(40);
                slide.setToX(0);
                new ParallelTransition(fade, slide).play();
            }
        }
        stripIds = ids;
        stripLab = r.lab();
        updateStripSelection();
        if (fresh > 0) {
            Platform.runLater(() -> tokenScroll.setVvalue(tokenScroll.getVmax()));
        }
    }

    private boolean isForcedChip(int i) {
        return i < tokenStrip.getChildren().size() && tokenStrip.getChildren().get(i).getStyleClass().contains("forced");
    }

    private Label chip(GenerationViewModel.Result r, GenerationState st, int i, String label) {
        int id = st.ids().get(i);
        boolean prompt = i < st.promptLength();
        GenerationStep step = prompt ? null : st.steps().get(i - st.promptLength());
        boolean eos = !prompt && GenerationLab.END_OF_TEXT.equals(st.texts().get(i));
        Label chip = new Label(eos ? Messages.get("generation.endOfText") : label);
        chip.getStyleClass().addAll("token", prompt ? "prompt-token" : "gen-token");
        if (eos) {
            chip.getStyleClass().add("eos-token");
        }
        if (step != null) {
            if (step.forced()) {
                chip.getStyleClass().add("forced");
            }
            int index = i - st.promptLength();
            chip.setOnMouseEntered(e -> {                    // the tooltip is built on first hover
                if (chip.getTooltip() == null) {
                    var stages = step.stages();
                    Tooltip tip = new Tooltip(Messages.get("generation.tokenTip", index + 1,
                            String.format(Locale.ROOT, "%.3f", stages.probabilities()[id]), stages.rank(id),
                            step.forced() ? Messages.get("generation.tokenTip.forced") : ""));
                    chip.setTooltip(tip);
                }
            });
            chip.setOnMouseClicked(e -> vm.selectedStepProperty().set(index));
        }
        return chip;
    }

    private void updateStripSelection() {
        GenerationViewModel.Result r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        int sel = vm.selectedStepProperty().get();
        int position = sel < 0 ? -1 : r.state().promptLength() + sel;
        for (int i = 0; i < tokenStrip.getChildren().size(); i++) {
            var classes = tokenStrip.getChildren().get(i).getStyleClass();
            if (i == position) {
                if (!classes.contains("selected")) {
                    classes.add("selected");
                }
            } else {
                classes.remove("selected");
            }
        }
        if (sel >= 0 && sel < r.state().steps().size()) {
            message.textProperty().unbind();
            message.setText(Messages.get("generation.selected", sel + 1, r.state().steps().size()));
            rebindMessageLater();
        }
    }

    private void rebindMessageLater() {
        vm.resultProperty().addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                vm.resultProperty().removeListener(this);
                message.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
                    String problem = vm.problemProperty().get();
                    return problem != null && !problem.isEmpty() ? problem : vm.noteProperty().get();
                }, vm.problemProperty(), vm.noteProperty()));
            }
        });
    }

    private void redrawAll() {
        redrawDistribution();
        redrawLens();
        redrawHeatmap();
    }

    private void redrawDistribution() {
        distributionCanvas.setFigure(distributionFigure(false));
        lastDistributionPaint = System.nanoTime();
    }

    private Figure distributionFigure(boolean forExport) {
        GenerationViewModel.Result r = vm.resultProperty().get();
        GenerationStep step = vm.shownStep();
        if (r == null || step == null || distributionCanvas.getFigureStyle() == null && !forExport) {
            return null;
        }
        GenerationSettings s = vm.settings();
        return GenerationFigures.distribution(r.lab(), r.state(), step, s, vm.rowsProperty().get(), style(distributionCanvas, forExport),
                measure(distributionCanvas, forExport));
    }

    private void redrawLens() {
        lensCanvas.setFigure(lensFigure(false));
    }

    private Figure lensFigure(boolean forExport) {
        GenerationViewModel.Result r = vm.resultProperty().get();
        GenerationStep step = vm.shownStep();
        if (r == null || step == null || step.lens().isEmpty() || lensCanvas.getFigureStyle() == null && !forExport) {
            return null;
        }
        return GenerationFigures.lens(r.lab(), step, style(lensCanvas, forExport), measure(lensCanvas, forExport));
    }

    private void redrawHeatmap() {
        heatmapCanvas.setFigure(heatmapFigure(false));
        GenerationViewModel.Result r = vm.resultProperty().get();
        if (r == null || rowCanvas.getFigureStyle() == null || r.state().attentionRows().isEmpty()) {
            rowCanvas.setFigure(null);
            return;
        }
        GenerationState st = r.state();
        int q = highlightedRow(st);
        rowCanvas.setFigure(GenerationFigures.rowBars(r.lab(), st, q, layer(r), vm.headProperty().get(), rowCanvas.getFigureStyle(),
                rowCanvas.textMeasure()));
        followScroll();
    }

    /** The row outlined and drawn as bars: the selected step's token, else the newest that has run. */
    private int highlightedRow(GenerationState st) {
        int n = st.attentionRows().size();
        int sel = vm.selectedStepProperty().get();
        if (sel >= 0 && sel < st.steps().size()) {
            return Math.min(n - 1, st.promptLength() + sel);
        }
        return n - 1;
    }

    private int layer(GenerationViewModel.Result r) {
        return Math.max(0, Math.min(vm.layerProperty().get(), r.lab().layers() - 1));
    }

    private Figure heatmapFigure(boolean forExport) {
        GenerationViewModel.Result r = vm.resultProperty().get();
        if (r == null || r.state().attentionRows().isEmpty() || heatmapCanvas.getFigureStyle() == null && !forExport) {
            return null;
        }
        GenerationState st = r.state();
        int n = st.attentionRows().size();
        FigureStyle style = style(heatmapCanvas, forExport);
        double cell = Math.max(style.fontSize() * 0.85, Math.min(style.fontSize() * 1.9, 460.0 / n));
        return GenerationFigures.heatmap(r.lab(), st, layer(r), Math.min(vm.headProperty().get(), r.lab().heads() - 1),
                highlightedRow(st), cell, style, measure(heatmapCanvas, forExport));
    }

    private void followScroll() {
        double[] origin = scrollOrigin(heatmapScroll, heatmapCanvas);
        heatmapCanvas.setViewOrigin(origin[0], origin[1]);
    }

    private static double[] scrollOrigin(ScrollPane scroll, FigureCanvas canvas) {
        double extraW = Math.max(0, canvas.getWidth() - scroll.getViewportBounds().getWidth());
        double extraH = Math.max(0, canvas.getHeight() - scroll.getViewportBounds().getHeight());
        return new double[] {scroll.getHvalue() * extraW, scroll.getVvalue() * extraH};
    }

    private static FigureStyle style(FigureCanvas canvas, boolean forExport) {
        return forExport ? FigureStyle.print() : canvas.getFigureStyle();
    }

    private static TextMeasure measure(FigureCanvas canvas, boolean forExport) {
        return forExport ? new AwtSurface.AwtTextMeasure(FigureStyle.print().fontFamily()) : canvas.textMeasure();
    }

    private void showMaskRow(MaskRow m) {
        GenerationViewModel.Result r = vm.resultProperty().get();
        if (m == null || r == null) {
            return;
        }
        List<String> labels = vm.labels();
        VBox box = new VBox(6);
        box.getStyleClass().add("generation");
        Label title = new Label(Messages.get("generation.mask.title", m.row() + 1, labels.get(m.row()), m.layer() + 1, m.head() + 1));
        title.getStyleClass().add("panel-title");
        title.setWrapText(true);
        title.setMaxWidth(440);
        title.setStyle("-fx-text-fill: black; -fx-padding: 8 10 0 10;");
        GridPane grid = new GridPane();
        grid.setId("maskGrid");
        grid.getStyleClass().add("mask-grid");
        String[] heads = {Messages.get("generation.mask.key"), Messages.get("generation.mask.raw"), Messages.get("generation.mask.masked"),
            Messages.get("generation.mask.weight")};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.setStyle("-fx-font-weight: bold;");
            grid.add(h, c, 0);
        }
        for (int k = 0; k < m.raw().length; k++) {
            boolean hidden = !m.allowed()[k];
            Label key = new Label((k + 1) + " " + labels.get(k));
            Label raw = new Label(String.format(Locale.ROOT, "%.3f", m.raw()[k]));
            Label masked = new Label(hidden ? Messages.get("generation.mask.hidden") : String.format(Locale.ROOT, "%.3f", m.masked()[k]));
            Label weight = new Label(String.format(Locale.ROOT, "%.3f", m.weights()[k]));
            Label[] cells = {key, raw, masked, weight};
            for (int c = 0; c < cells.length; c++) {
                if (hidden) {
                    cells[c].getStyleClass().add("mask-hidden");
                }
                grid.add(cells[c], c, k + 1);
                if (c > 0) {
                    GridPane.setHalignment(cells[c], HPos.RIGHT);
                }
            }
        }
        box.getChildren().addAll(title, grid);
        if (m.row() == m.raw().length - 1) {
            Label note = new Label(Messages.get("generation.mask.newest"));
            note.setWrapText(true);
            note.setMaxWidth(360);
            note.setStyle("-fx-text-fill: black; -fx-padding: 0 10 8 10;");
            box.getChildren().add(note);
        }
        ScrollPane scroll = new ScrollPane(box);
        scroll.setMaxHeight(420);
        scroll.setFitToWidth(true);
        if (maskPopOver != null) {
            maskPopOver.hide(Duration.ZERO);
        }
        maskPopOver = new PopOver(scroll);
        maskPopOver.setArrowLocation(PopOver.ArrowLocation.LEFT_TOP);
        maskPopOver.setDetachable(false);
        maskPopOver.setAutoHide(true);
        maskPopOver.show(heatmapCanvas);
    }

    /** The open mask pop-over, or null (for tests and screenshots). */
    public PopOver maskPopOver() {
        return maskPopOver;
    }

    private void exportFigure(Figure figure, String name, FigureExport.Format format) {
        if (figure == null) {
            return;
        }
        Optional<Path> out = context.files().chooseSaveFile(root.getScene().getWindow(), Messages.get("generation.export.title"),
                name + "." + format.extension(), format);
        if (out.isEmpty()) {
            return;
        }
        try {
            FigureExport.writePicture(figure, format, 2, out.get());
            showSaved(out.get());
        } catch (IOException e) {
            context.errors().report(Messages.get("generation.runFailed"), e);
        }
    }

    private void exportCsv() {
        GenerationViewModel.Result r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        Optional<Path> out = context.files().chooseSaveFile(root.getScene().getWindow(), Messages.get("generation.export.title"),
                "generation-steps.csv", FigureExport.Format.CSV);
        if (out.isEmpty()) {
            return;
        }
        try {
            Files.writeString(out.get(), StepTable.csv(StepTable.rows(r.state(), r.lab(), 5)), StandardCharsets.UTF_8);
            showSaved(out.get());
        } catch (IOException e) {
            context.errors().report(Messages.get("generation.runFailed"), e);
        }
    }

    private void showSaved(Path p) {
        message.textProperty().unbind();
        message.setText(Messages.get("generation.exported", p.getFileName()));
        rebindMessageLater();
    }

    /** The distribution's canvas (for tests and tools). */
    public FigureCanvas distributionCanvasForTests() {
        return distributionCanvas;
    }

    /** Ms the FX thread spent showing the last result (strip and figures). */
    public double lastRedrawMs() {
        return lastRedrawMs;
    }

    /** When the distribution figure was last set (System.nanoTime), for the benchmark. */
    public long lastDistributionPaint() {
        return lastDistributionPaint;
    }
}
