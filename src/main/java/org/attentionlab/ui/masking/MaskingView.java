package org.attentionlab.ui.masking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.attentionlab.domain.masking.Candidate;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.masking.MaskingFigure;
import org.attentionlab.figure.masking.MaskingStep;
import org.attentionlab.figure.masking.RunStatsFigure;
import org.attentionlab.service.masking.MaskingCsv;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.figure.FigureCanvas;
import org.controlsfx.control.PopOver;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.control.textfield.TextFields;

/**
 * The masked-word lesson's view: inputs on top, Back / Next with a step indicator, the current
 * step's figure in the middle, "Run 1,000 times" on the right. Binds to {@link MaskingViewModel}
 * and draws; no model work here.
 */
public final class MaskingView {
    private static final double EXPORT_WIDTH = 1100;

    private final MaskingViewModel vm;
    private final FileDialogs files;
    private final ErrorReporter errors;

    @FXML private BorderPane root;
    @FXML private TextField textField;
    @FXML private TextField pairField;
    @FXML private MenuButton examples;
    @FXML private ProgressIndicator busy;
    @FXML private TextField seedField;
    @FXML private Button rollButton;
    @FXML private SegmentedButton modeButtons;
    @FXML private ToggleButton exactMode;
    @FXML private ToggleButton trainingMode;
    @FXML private ToggleSwitch wholeWordsSwitch;
    @FXML private ToggleSwitch quizSwitch;
    @FXML private Spinner<Integer> topKSpinner;
    @FXML private MenuButton exportButton;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private SegmentedButton stepButtons;
    @FXML private Label stepIndicator;
    @FXML private FlowPane stepControls;
    @FXML private Label problem;
    @FXML private Label vocabNote;
    @FXML private ScrollPane figureScroll;
    @FXML private FigureCanvas canvas;
    @FXML private VBox runsPanel;
    @FXML private Button runManyButton;
    @FXML private ProgressBar runProgress;
    @FXML private FigureCanvas runsCanvas;

    private MaskingFigure figure;
    private PopOver popOver;
    private boolean redrawQueued;
    /** Nanoseconds the last step figure took to build and paint (for the benchmark). */
    private volatile long lastRedrawNanos;

    // step-specific controls
    private final Button drawNext = new Button(t("mask.drawNext"));
    private final Button drawAll = new Button(t("mask.drawAll"));
    private final ComboBox<Integer> focusBox = new ComboBox<>();
    private final Spinner<Integer> layerSpinner = new Spinner<>(0, 0, 0);
    private final ComboBox<Integer> headBox = new ComboBox<>();
    private final ToggleSwitch causalSwitch = new ToggleSwitch(t("mask.causal"));
    private final HBox guessBox = new HBox(6);
    private final Button revealButton = new Button(t("mask.reveal"));
    private final Label scoreLabel = new Label();
    private final Button resetScore = new Button(t("mask.resetScore"));

    public MaskingView(MaskingViewModel vm, FileDialogs files, ErrorReporter errors) {
        this.vm = vm;
        this.files = files;
        this.errors = errors;
    }

    private static String t(String key, Object... args) {
        return MaskingViewModel.TEXT.get(key, args);
    }

    @FXML
    private void initialize() {
        textField.textProperty().bindBidirectional(vm.textProperty());
        pairField.textProperty().bindBidirectional(vm.pairProperty());
        for (String example : MaskingViewModel.EXAMPLES) {
            MenuItem item = new MenuItem(example);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                vm.pairProperty().set("");
                vm.textProperty().set(example);
            });
            examples.getItems().add(item);
        }
        busy.visibleProperty().bind(vm.runningProperty());

        seedField.setText(Long.toString(vm.seedProperty().get()));
        vm.seedProperty().addListener((o, a, b) -> seedField.setText(Long.toString(b.longValue())));
        seedField.setOnAction(e -> commitSeed());
        seedField.focusedProperty().addListener((o, a, f) -> {
            if (!f) {
                commitSeed();
            }
        });

        exactMode.setSelected(vm.modeProperty().get() == SelectionMode.EXACT);
        trainingMode.setSelected(vm.modeProperty().get() == SelectionMode.TRAINING);
        modeButtons.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);      // one mode is always on
                return;
            }
            vm.modeProperty().set(now == trainingMode ? SelectionMode.TRAINING : SelectionMode.EXACT);
        });
        wholeWordsSwitch.selectedProperty().bindBidirectional(vm.wholeWordsProperty());
        quizSwitch.selectedProperty().bindBidirectional(vm.quizProperty());

        topKSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 20, vm.topKProperty().get()));
        topKSpinner.valueProperty().addListener((o, a, b) -> vm.topKProperty().set(b));

        for (MaskingStep s : MaskingStep.values()) {
            ToggleButton b = new ToggleButton(t("mask.step." + s.name()));
            b.setId("maskStep" + s.number());
            b.setUserData(s);
            b.setFocusTraversable(false);
            stepButtons.getButtons().add(b);
        }
        stepButtons.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                vm.stepProperty().set((MaskingStep) now.getUserData());
            }
        });
        vm.stepProperty().addListener((o, a, s) -> showStep(s));

        drawNext.setId("maskDrawNext");
        drawNext.setOnAction(e -> vm.drawNext());
        drawAll.setId("maskDrawAll");
        drawAll.setOnAction(e -> vm.drawAll());
        focusBox.setId("maskFocus");
        focusBox.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.focusProperty().set(b);
            }
        });
        layerSpinner.setId("maskLayer");
        layerSpinner.setPrefWidth(70);
        layerSpinner.valueProperty().addListener((o, a, b) -> vm.layerProperty().set(b));
        vm.layerProperty().addListener((o, a, b) -> {
            if (layerSpinner.getValueFactory() != null && !b.equals(layerSpinner.getValue())) {
                layerSpinner.getValueFactory().setValue(b.intValue());
            }
        });
        vm.headProperty().addListener((o, a, b) -> headBox.setValue(b.intValue()));
        headBox.setId("maskHead");
        headBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer h) {
                return h == null || h < 0 ? t("mask.head.average") : t("mask.head.number", h);
            }

            @Override
            public Integer fromString(String s) {
                return -1;
            }
        });
        headBox.valueProperty().addListener((o, a, b) -> vm.headProperty().set(b == null ? -1 : b));
        causalSwitch.setId("maskCausal");
        causalSwitch.selectedProperty().bindBidirectional(vm.causalProperty());
        revealButton.setId("maskReveal");
        revealButton.setOnAction(e -> vm.reveal());
        revealButton.disableProperty().bind(vm.quizRevealedProperty());
        resetScore.setId("maskResetScore");
        resetScore.setOnAction(e -> vm.resetScore());
        scoreLabel.setId("maskScore");
        Observable[] score = {vm.scoreRightProperty(), vm.scoreTotalProperty(), vm.modelRightProperty()};
        for (Observable s : score) {
            s.addListener(o -> updateScore());
        }
        updateScore();

        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        vocabNote.textProperty().bind(vm.vocabularyNoteProperty());
        vm.vocabularyProperty().addListener((o, a, words) -> {
            if (a.isEmpty() && !words.isEmpty()) {
                // complete the last word being typed from the model's vocabulary
                TextFields.bindAutoCompletion(textField, req -> {
                    String typed = req.getUserText();
                    int cut = typed.lastIndexOf(' ') + 1;
                    String last = typed.substring(cut).toLowerCase();
                    if (last.length() < 2) {
                        return List.<String>of();
                    }
                    return words.stream().filter(w -> w.startsWith(last) && !w.equals(last)).limit(8)
                            .map(w -> typed.substring(0, cut) + w).toList();
                });
            }
        });

        runManyButton.disableProperty().bind(vm.repeatingProperty());
        runProgress.progressProperty().bind(vm.runProgressProperty());
        vm.runHistoryProperty().addListener(o -> paintRuns());
        runsCanvas.figureStyleProperty().addListener(o -> paintRuns());
        runsPanel.widthProperty().addListener(o -> paintRuns());

        for (Observable o : new Observable[] {vm.resultProperty(), vm.stepProperty(), vm.revealedProperty(),
            vm.focusProperty(), vm.layerProperty(), vm.headProperty(), vm.causalProperty(), vm.topKProperty(),
            vm.quizProperty(), vm.guesses(), vm.quizRevealedProperty(), canvas.figureStyleProperty(),
            figureScroll.widthProperty()}) {
            o.addListener(x -> queueRedraw());
        }
        vm.resultProperty().addListener((o, a, r) -> resultChanged(r));
        vm.quizProperty().addListener(o -> updateStepControls());
        vm.quizRevealedProperty().addListener(o -> updateStepControls());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        showStep(vm.stepProperty().get());
        paintRuns();
    }

    private void commitSeed() {
        try {
            vm.seedProperty().set(Long.parseLong(seedField.getText().strip()));
        } catch (NumberFormatException e) {
            seedField.setText(Long.toString(vm.seedProperty().get()));
        }
    }

    /** Left / Right move between steps unless a text field has the keyboard; R rolls again. */
    private void key(KeyEvent e) {
        boolean typing = root.getScene() != null && root.getScene().getFocusOwner() instanceof TextInputControl;
        if (typing && !e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.PAGE_DOWN) {
            vm.next();
            e.consume();
        } else if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.PAGE_UP) {
            vm.back();
            e.consume();
        } else if (e.getCode() == KeyCode.R && !typing) {
            vm.rollAgain();
            e.consume();
        }
    }

    private void showStep(MaskingStep s) {
        for (var b : stepButtons.getButtons()) {
            b.setSelected(b.getUserData() == s);
        }
        stepIndicator.setText(t("mask.step.indicator", s.number()));
        boolean runs = s == MaskingStep.SELECT || s == MaskingStep.REPLACE;
        runsPanel.setVisible(runs);
        runsPanel.setManaged(runs);
        backButton.setDisable(s == MaskingStep.TOKENS);
        nextButton.setDisable(s == MaskingStep.ATTENTION);
        if (popOver != null) {
            popOver.hide();
        }
        updateStepControls();
    }

    private void updateStepControls() {
        MaskingStep s = vm.stepProperty().get();
        stepControls.getChildren().clear();
        MaskingResult r = vm.resultProperty().get();
        switch (s) {
            case REPLACE -> stepControls.getChildren().addAll(drawNext, drawAll);
            case PREDICT -> {
                if (vm.quizProperty().get()) {
                    rebuildGuesses(r);
                    stepControls.getChildren().addAll(guessBox, revealButton, scoreLabel, resetScore);
                }
            }
            case ATTENTION -> stepControls.getChildren().addAll(label("mask.focus"), focusBox, label("mask.layer"),
                    layerSpinner, label("mask.head"), headBox, causalSwitch);
            default -> { }
        }
        stepControls.setManaged(!stepControls.getChildren().isEmpty());
    }

    private static Label label(String key) {
        Label l = new Label(t(key));
        l.getStyleClass().add("field-label");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private void rebuildGuesses(MaskingResult r) {
        guessBox.getChildren().clear();
        if (r == null) {
            return;
        }
        for (PositionPrediction p : r.predictions()) {
            TextField f = new TextField(vm.guesses().getOrDefault(p.position(), ""));
            f.setId("maskGuess" + p.position());
            f.setPromptText(t("mask.guess.prompt", p.position()));
            f.setPrefColumnCount(8);
            f.setDisable(vm.quizRevealedProperty().get());
            int pos = p.position();
            f.textProperty().addListener((o, a, b) -> vm.guesses().put(pos, b));
            f.setOnAction(e -> vm.reveal());
            guessBox.getChildren().add(f);
        }
    }

    private void updateScore() {
        scoreLabel.setText(t("mask.score", vm.scoreRightProperty().get(), vm.scoreTotalProperty().get(),
                vm.modelRightProperty().get()));
    }

    private void resultChanged(MaskingResult r) {
        if (r == null) {
            return;
        }
        int[] sel = r.corruption().selected();
        focusBox.getItems().setAll(java.util.Arrays.stream(sel).boxed().toList());
        focusBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer p) {
                return p == null ? "" : "#" + p + " " + r.corruption().corruptedTokens().get(p);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        if (sel.length > 0) {
            focusBox.setValue(vm.focusProperty().get() >= 0 && r.corruption().isSelected(vm.focusProperty().get())
                    ? vm.focusProperty().get() : sel[0]);
        }
        int layers = r.attentions() == null ? 1 : r.attentions().length;
        int heads = r.attentions() == null || layers == 0 ? 0 : r.attentions()[0].length;
        int layer = Math.min(vm.layerProperty().get(), Math.max(0, layers - 1));
        layerSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Math.max(0, layers - 1), layer));
        Integer head = headBox.getValue();
        headBox.getItems().clear();
        headBox.getItems().add(-1);
        for (int h = 0; h < heads; h++) {
            headBox.getItems().add(h);
        }
        headBox.setValue(head != null && head < heads ? head : -1);
        updateStepControls();
    }

    /** Coalesces the changes of one pulse into one redraw. */
    private void queueRedraw() {
        if (redrawQueued) {
            return;
        }
        redrawQueued = true;
        Platform.runLater(() -> {
            redrawQueued = false;
            redraw();
        });
    }

    /** Builds the current step's figure and paints it. */
    public void redraw() {
        MaskingResult r = vm.resultProperty().get();
        if (r == null || canvas.getFigureStyle() == null) {
            return;
        }
        long t0 = System.nanoTime();
        double width = Math.max(600, figureScroll.getViewportBounds().getWidth() - 4);
        figure = new MaskingFigure(r, vm.figureView(width), canvas.getFigureStyle(), canvas.textMeasure(),
                MaskingViewModel.TEXT);
        canvas.setFigure(figure);
        lastRedrawNanos = System.nanoTime() - t0;
    }

    /** How long the last redraw took to build the figure and paint it, in nanoseconds. */
    public long lastRedrawNanos() {
        return lastRedrawNanos;
    }

    /** Where figure point (x, y) is in the canvas node's coordinates (tests click there). */
    public double[] canvasPoint(double x, double y) {
        return new double[] {x + canvas.snappedLeftInset(), y + canvas.snappedTopInset()};
    }

    /** The figure on screen (tests read it). */
    public MaskingFigure figure() {
        return figure;
    }

    private void paintRuns() {
        if (runsCanvas.getFigureStyle() == null) {
            return;
        }
        double w = Math.max(280, runsPanel.getWidth() - 16);
        runsCanvas.setFigure(new RunStatsFigure(vm.runHistoryProperty().get(), runsCanvas.getFigureStyle(),
                runsCanvas.textMeasure(), MaskingViewModel.TEXT, w));
    }

    private void clicked(MouseEvent e) {
        if (figure == null) {
            return;
        }
        MaskingStep s = vm.stepProperty().get();
        double x = e.getX() - canvas.snappedLeftInset();
        double y = e.getY() - canvas.snappedTopInset();
        if (s == MaskingStep.SELECT) {
            int p = figure.tokenAt(x, y);
            if (p >= 0) {
                vm.toggle(p);
            }
        } else if (s == MaskingStep.PREDICT && !(vm.quizProperty().get() && !vm.quizRevealedProperty().get())) {
            int p = figure.panelAt(x, y);
            if (p >= 0) {
                showTopK(p, e.getScreenX(), e.getScreenY());
            }
        }
    }

    /** Opens the PopOver with the top-k of selected {@code position} beside its panel (step 4). */
    public void openTopK(int position) {
        double[] c = figure == null ? null : figure.panelCentre(position);
        if (c != null) {
            javafx.geometry.Point2D p = canvas.localToScreen(canvasPoint(c[0], c[1])[0], canvasPoint(c[0], c[1])[1]);
            showTopK(position, p.getX(), p.getY());
        }
    }

    /** A token's top 20 in a PopOver beside the pointer. */
    private void showTopK(int position, double screenX, double screenY) {
        PositionPrediction p = vm.resultProperty().get().at(position);
        if (p == null) {
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(2);
        grid.setPadding(new Insets(8));
        grid.setId("maskTopKList");
        int row = 0;
        for (Candidate c : p.top()) {
            Label rank = new Label((row + 1) + ".");
            Label token = new Label(c.token());
            Label prob = new Label(String.format(java.util.Locale.ROOT, "%.4f", c.prob()));
            if (c.id() == p.replacement().originalId()) {
                token.setStyle("-fx-font-weight: bold;");
            }
            ProgressBar bar = new ProgressBar(c.prob());
            bar.setPrefWidth(120);
            grid.addRow(row++, rank, token, bar, prob);
        }
        if (popOver != null) {
            popOver.hide();
        }
        popOver = new PopOver(grid);
        popOver.setTitle(t("mask.popover.title", position, p.top().size()));
        popOver.setHeaderAlwaysVisible(true);
        popOver.setDetachable(false);
        popOver.setAutoHide(true);
        popOver.show(canvas, screenX, screenY);
    }

    /** The PopOver with a token's top-k, or null (tests). */
    public PopOver popOver() {
        return popOver;
    }

    @FXML
    private void back() {
        vm.back();
    }

    @FXML
    private void next() {
        vm.next();
    }

    @FXML
    private void rollAgain() {
        vm.rollAgain();
    }

    @FXML
    private void runMany() {
        vm.runMany();
    }

    @FXML
    private void exportAs(javafx.event.ActionEvent e) {
        export(org.attentionlab.ui.kit.ExportMenu.format(e));
    }

    private void export(FigureExport.Format format) {
        MaskingResult r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        String name = "masked-" + vm.stepProperty().get().name().toLowerCase() + "." + format.extension();
        Optional<Path> target = files.chooseSaveFile(root.getScene().getWindow(), t("mask.export.title." + format.extension()),
                name, format);
        if (target.isEmpty()) {
            return;
        }
        try {
            write(r, format, target.get());
        } catch (IOException | RuntimeException ex) {
            errors.report(t("mask.export.failed"), ex);
        }
    }

    /** Writes the current step (PNG at twice its size, SVG) or the predictions (CSV), in print style. */
    void write(MaskingResult r, FigureExport.Format format, Path out) throws IOException {
        if (format == FigureExport.Format.CSV) {
            Files.writeString(out, MaskingCsv.toCsv(r, vm.topKProperty().get()), StandardCharsets.UTF_8);
            return;
        }
        FigureStyle style = FigureStyle.print();
        MaskingFigure f = new MaskingFigure(r, vm.figureView(EXPORT_WIDTH), style,
                new AwtSurface.AwtTextMeasure(style.fontFamily()), MaskingViewModel.TEXT);
        FigureExport.writePicture(f, format, 2, out);
    }

    /** The root node (tests). */
    public Node root() {
        return root;
    }
}
