package org.attentionlab.ui.seq2seq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import org.attentionlab.domain.Translation;
import org.attentionlab.domain.TranslationStudy;
import org.attentionlab.domain.WordCheck;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.seq2seq.AlignmentFigure;
import org.attentionlab.figure.seq2seq.BeamTreeFigure;
import org.attentionlab.figure.seq2seq.BottleneckFigure;
import org.attentionlab.figure.seq2seq.DecoderStepFigure;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.kit.LessonContext;
import org.controlsfx.control.textfield.TextFields;

/** Controller of {@code Seq2SeqView.fxml}: bindings, and figures built from the view model's state. */
public final class Seq2SeqView {
    private final Seq2SeqViewModel vm;
    private final FileDialogs files;
    private final ErrorReporter errors;

    @FXML private BorderPane root;
    @FXML private TextField sourceField;
    @FXML private ComboBox<String> examples;
    @FXML private ProgressIndicator busy;
    @FXML private MenuButton exportButton;
    @FXML private FlowPane wordChecks;
    @FXML private Label problem;
    @FXML private Label translation;
    @FXML private TabPane tabs;
    @FXML private Tab stepTab;
    @FXML private Tab compareTab;
    @FXML private Tab forceTab;
    @FXML private Tab beamTab;
    @FXML private Tab bottleneckTab;
    @FXML private FigureCanvas alignmentCanvas;
    @FXML private CheckBox argmaxCheck;
    @FXML private CheckBox goldCheck;
    @FXML private Label goldNote;
    @FXML private Button backButton;
    @FXML private Label stepLabel;
    @FXML private Button nextButton;
    @FXML private FigureCanvas stepCanvas;
    @FXML private FigureCanvas compareDot;
    @FXML private FigureCanvas compareBilinear;
    @FXML private FigureCanvas compareMlp;
    @FXML private Label compareNote;
    @FXML private TextField forceField;
    @FXML private Label forceNote;
    @FXML private FigureCanvas freeCanvas;
    @FXML private FigureCanvas forcedCanvas;
    @FXML private Slider beamSlider;
    @FXML private Label beamNote;
    @FXML private FigureCanvas beamCanvas;
    @FXML private Button measureButton;
    @FXML private Button cancelButton;
    @FXML private Button testFileButton;
    @FXML private ProgressBar bottleneckProgress;
    @FXML private Label testFileLabel;
    @FXML private Label bottleneckProblem;
    @FXML private FigureCanvas bottleneckCanvas;

    private List<String> sourceWords = List.of();
    private List<String> targetWords = List.of();

    Seq2SeqView(Seq2SeqViewModel vm, LessonContext context) {
        this.vm = vm;
        this.files = context.files();
        this.errors = context.errors();
    }

    @FXML
    private void initialize() {
        sourceField.textProperty().bindBidirectional(vm.textProperty());
        forceField.textProperty().bindBidirectional(vm.forcedWordsProperty());
        argmaxCheck.selectedProperty().bindBidirectional(vm.argmaxPathProperty());
        goldCheck.selectedProperty().bindBidirectional(vm.goldOverlayProperty());
        beamSlider.valueProperty().addListener((o, a, b) -> vm.beamWidthProperty().set((int) Math.round(b.doubleValue())));
        vm.beamWidthProperty().addListener((o, a, b) -> beamSlider.setValue(b.intValue()));
        busy.visibleProperty().bind(vm.runningProperty());
        problem.textProperty().bind(vm.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        translation.visibleProperty().bind(problem.textProperty().isEmpty());
        translation.managedProperty().bind(problem.textProperty().isEmpty());
        bottleneckProblem.managedProperty().bind(bottleneckProblem.textProperty().isNotEmpty());
        bottleneckProblem.visibleProperty().bind(bottleneckProblem.textProperty().isNotEmpty());
        bottleneckProblem.textProperty().bind(vm.bottleneckProblemProperty());
        bottleneckProgress.progressProperty().bind(Bindings.when(vm.bottleneckRunningProperty())
                .then(vm.bottleneckProgressProperty()).otherwise(0.0));
        measureButton.disableProperty().bind(vm.bottleneckRunningProperty());
        cancelButton.disableProperty().bind(vm.bottleneckRunningProperty().not());
        exportButton.disableProperty().bind(vm.runProperty().isNull());
        TextFields.bindAutoCompletion(sourceField, req -> complete(req.getUserText(), sourceWords));
        TextFields.bindAutoCompletion(forceField, req -> complete(req.getUserText(), targetWords));
        examples.setOnAction(e -> {
            String pick = examples.getValue();
            if (pick != null && !pick.isBlank()) {
                vm.textProperty().set(pick);
            }
        });

        vm.factsProperty().addListener((o, a, f) -> {
            if (f == null) {
                return;
            }
            sourceWords = f.sourceWords();
            targetWords = f.targetWords();
            examples.getItems().setAll(f.examples());
            testFileLabel.setText(f.testFile() == null ? Messages.get("seq2seq.bottleneck.noFile", f.model())
                    : Messages.get("seq2seq.bottleneck.fileAndModels", f.testFile().getFileName(), String.join(", ", f.family())));
            redrawBottleneck();
        });
        vm.runProperty().addListener((o, a, r) -> {
            showWords(r == null ? List.of() : r.free().words());
            redrawAll();
        });
        for (Observable o : new Observable[] {vm.stepProperty(), vm.sourcePositionProperty()}) {
            o.addListener(x -> {
                redrawStep();
                redrawAlignment();
            });
        }
        for (Observable o : new Observable[] {vm.argmaxPathProperty(), vm.goldOverlayProperty()}) {
            o.addListener(x -> redrawAlignment());
        }
        for (FigureCanvas c : canvases()) {
            c.figureStyleProperty().addListener(x -> redrawAll());
        }
        vm.bottleneckProperty().addListener(x -> redrawBottleneck());
        alignmentCanvas.setOnMouseClicked(this::clickAlignment);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        tabs.getSelectionModel().selectedItemProperty().addListener(x -> redrawAll());
    }

    private List<FigureCanvas> canvases() {
        return List.of(alignmentCanvas, stepCanvas, compareDot, compareBilinear, compareMlp, freeCanvas, forcedCanvas, beamCanvas,
                bottleneckCanvas);
    }

    /** Completions of the last word being typed: the whole text with that word completed. */
    private static Collection<String> complete(String typed, List<String> vocabulary) {
        if (typed == null || typed.isEmpty() || typed.endsWith(" ")) {
            return List.of();
        }
        int cut = typed.lastIndexOf(' ') + 1;
        String last = typed.substring(cut).toLowerCase(Locale.ROOT);
        String head = typed.substring(0, cut);
        List<String> out = new ArrayList<>();
        for (String w : vocabulary) {
            if (w.startsWith(last) && !w.equals(last)) {
                out.add(head + w);
                if (out.size() == 12) {
                    break;
                }
            }
        }
        return out;
    }

    /** The source words, unknown ones marked with the nearest known words offered as links. */
    private void showWords(List<WordCheck> checks) {
        wordChecks.getChildren().clear();
        boolean anyUnknown = checks.stream().anyMatch(w -> !w.known());
        wordChecks.setVisible(anyUnknown);
        wordChecks.setManaged(anyUnknown);
        for (int i = 0; i < checks.size(); i++) {
            WordCheck w = checks.get(i);
            Label l = new Label(w.word());
            l.getStyleClass().add(w.known() ? "word-known" : "word-unknown");
            wordChecks.getChildren().add(l);
            if (!w.known()) {
                Label hint = new Label(Messages.get("seq2seq.unknown"));
                hint.getStyleClass().add("note");
                wordChecks.getChildren().add(hint);
                int index = i;
                for (String s : w.suggestions()) {
                    Hyperlink link = new Hyperlink(s);
                    link.getStyleClass().add("suggestion");
                    link.setOnAction(e -> vm.replaceWord(index, s));
                    wordChecks.getChildren().add(link);
                }
            }
        }
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl || tabs.getSelectionModel().getSelectedItem() != stepTab) {
            return;
        }
        switch (e.getCode()) {
            case LEFT -> vm.back();
            case RIGHT -> vm.next();
            case UP -> vm.moveSource(-1);
            case DOWN -> vm.moveSource(1);
            default -> {
                return;
            }
        }
        e.consume();
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
    private void measure() {
        vm.measureBottleneck();
    }

    @FXML
    private void cancelMeasure() {
        vm.cancelBottleneck();
    }

    @FXML
    private void chooseTestFile() {
        files.chooseOpenFile(root.getScene().getWindow(), Messages.get("seq2seq.bottleneck.file"),
                Messages.get("seq2seq.bottleneck.filter"), "*.tsv", "*.jsonl", "*.txt").ifPresent(vm::useTestFile);
    }

    @FXML
    private void forceGold() {
        vm.latest().ifPresent(r -> {
            TranslationStudy s = r.free();
            if (s.goldTarget() != null) {
                vm.forcedWordsProperty().set(String.join(" ", s.goldTarget()));
            } else {
                vm.forcedWordsProperty().set(s.translation().outputText());
            }
        });
    }

    private void clickAlignment(MouseEvent e) {
        if (alignmentCanvas.getFigure() instanceof AlignmentFigure f) {
            int[] cell = f.cellAt(e.getX() - alignmentCanvas.snappedLeftInset(), e.getY() - alignmentCanvas.snappedTopInset());
            if (cell != null) {
                vm.stepProperty().set(cell[0]);
                vm.sourcePositionProperty().set(cell[1]);
            }
        }
    }

    private void redrawAll() {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(this::redrawAll);
            return;
        }
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        translation.setText(r == null ? "" : Messages.get("seq2seq.translation", r.shown().translation().outputText(),
                r.shown().translation().scoreFunction()));
        redrawAlignment();
        redrawStep();
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        if (tab == compareTab) {
            redrawCompare();
        } else if (tab == forceTab) {
            redrawForce();
        } else if (tab == beamTab) {
            redrawBeam();
        } else if (tab == bottleneckTab) {
            redrawBottleneck();
        }
    }

    private AlignmentFigure alignment(Translation t, FigureCanvas on, AlignmentFigure.Options o) {
        FigureStyle style = on.getFigureStyle();
        return new AlignmentFigure(t, o, style, on.textMeasure());
    }

    void redrawAlignment() {
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        if (r == null || alignmentCanvas.getFigureStyle() == null) {
            return;
        }
        TranslationStudy s = r.shown();
        AlignmentFigure.Options o = AlignmentFigure.Options.defaults().withArgmaxPath(vm.argmaxPathProperty().get())
                .withHighlightRow(vm.stepProperty().get())
                .withGold(vm.goldOverlayProperty().get() ? s.gold() : null);
        alignmentCanvas.setFigure(alignment(s.translation(), alignmentCanvas, o));
        goldCheck.setDisable(s.gold() == null);
        goldNote.setText(s.gold() != null ? Messages.get("seq2seq.gold.have")
                : vm.factsProperty().get() != null && vm.factsProperty().get().testFile() != null
                ? Messages.get("seq2seq.gold.notInFile") : Messages.get("seq2seq.gold.none"));
    }

    /** Rebuilds and paints the decoder-step figure; the step redraw the benchmark times. */
    void redrawStep() {
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        if (r == null || stepCanvas.getFigureStyle() == null) {
            return;
        }
        Translation t = r.shown().translation();
        int step = Math.max(0, Math.min(vm.stepProperty().get(), t.steps() - 1));
        stepLabel.setText(Messages.get("seq2seq.stepOf", step + 1, t.steps()));
        backButton.setDisable(step == 0);
        nextButton.setDisable(step >= t.steps() - 1);
        stepCanvas.setFigure(new DecoderStepFigure(t, step, Math.min(vm.sourcePositionProperty().get(), t.sourceTokens().size() - 1),
                vm.currentBreakdown(), stepCanvas.getFigureStyle(), stepCanvas.textMeasure()));
    }

    private void redrawCompare() {
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        if (r == null) {
            return;
        }
        List<FigureCanvas> cs = List.of(compareDot, compareBilinear, compareMlp);
        if (r.compared().isEmpty()) {
            cs.forEach(c -> c.setFigure(null));
            compareNote.setText(Messages.get("seq2seq.compare.missing"));
            return;
        }
        compareNote.setText("");
        for (int i = 0; i < cs.size(); i++) {
            Translation t = r.compared().get(i);
            cs.get(i).setFigure(alignment(t, cs.get(i), AlignmentFigure.Options.defaults().withCell(22)
                    .withTitle(t.scoreFunction())));
        }
    }

    private void redrawForce() {
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        if (r == null) {
            return;
        }
        Translation free = r.free().translation();
        freeCanvas.setFigure(alignment(free, freeCanvas, AlignmentFigure.Options.defaults().withCell(22)
                .withTitle(Messages.get("seq2seq.force.freeTitle", free.outputText()))));
        if (r.forced() == null) {
            forcedCanvas.setFigure(null);
            forceNote.setText(Messages.get("seq2seq.force.none"));
            return;
        }
        Translation forced = r.forced().translation();
        forcedCanvas.setFigure(alignment(forced, forcedCanvas, AlignmentFigure.Options.defaults().withCell(22)
                .withTitle(Messages.get("seq2seq.force.forcedTitle", forced.outputText()))));
        int firstDiff = -1;
        for (int i = 0; i < Math.min(free.steps(), forced.steps()); i++) {
            if (!free.outputTokens().get(i).equals(forced.outputTokens().get(i))) {
                firstDiff = i;
                break;
            }
        }
        forceNote.setText(firstDiff < 0 ? Messages.get("seq2seq.force.same", forced.forcedSteps())
                : Messages.get("seq2seq.force.diff", forced.forcedSteps(), firstDiff + 1, free.outputTokens().get(firstDiff),
                forced.outputTokens().get(firstDiff)));
    }

    private void redrawBeam() {
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        if (r == null) {
            return;
        }
        beamCanvas.setFigure(new BeamTreeFigure(r.beam(), beamCanvas.getFigureStyle(), beamCanvas.textMeasure()));
        String greedy = r.free().translation().outputText();
        beamNote.setText(r.beam().best().text().equals(greedy) ? Messages.get("seq2seq.beam.sameAsGreedy")
                : Messages.get("seq2seq.beam.differs", greedy));
    }

    private void redrawBottleneck() {
        if (bottleneckCanvas.getFigureStyle() == null) {
            return;
        }
        List<org.attentionlab.domain.LengthAccuracy> curves = vm.bottleneckProperty().get();
        bottleneckCanvas.setFigure(new BottleneckFigure(curves == null ? List.of() : curves, Messages.get("seq2seq.bottleneck.title"),
                980, 520, bottleneckCanvas.getFigureStyle(), bottleneckCanvas.textMeasure()));
    }

    /** The figure of the tab shown, for export. */
    private Optional<Figure> shownFigure() {
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        FigureCanvas c = tab == compareTab ? compareDot : tab == forceTab ? forcedCanvas.getFigure() != null ? forcedCanvas : freeCanvas
                : tab == beamTab ? beamCanvas : tab == bottleneckTab ? bottleneckCanvas : stepCanvas;
        return Optional.ofNullable(c.getFigure());
    }

    @FXML
    private void exportAs(javafx.event.ActionEvent e) {
        export(org.attentionlab.ui.kit.ExportMenu.format(e));
    }

    private void export(FigureExport.Format format) {
        Seq2SeqViewModel.Run r = vm.runProperty().get();
        if (r == null) {
            return;
        }
        String name = format == FigureExport.Format.CSV ? "alignment.csv" : "seq2seq-" + tabs.getSelectionModel().getSelectedItem().getId()
                .replace("Tab", "") + "." + format.extension();
        Optional<Path> target = files.chooseSaveFile(root.getScene().getWindow(), Messages.get("seq2seq.export." + format.extension()),
                name, format);
        if (target.isEmpty()) {
            return;
        }
        try {
            if (format == FigureExport.Format.CSV) {
                Translation t = r.shown().translation();
                FigureExport.writeCsv(new AttentionMatrix(t.outputTokens(), t.sourceTokens(), t.alignment(), null, null, null, null,
                        null), target.get());
            } else {
                Optional<Figure> f = shownFigure();
                if (f.isEmpty()) {
                    return;
                }
                FigureExport.writePicture(f.get(), format, 2, target.get());
            }
        } catch (IOException | RuntimeException ex) {
            errors.report(Messages.get("seq2seq.export.failed"), ex);
        }
    }

    // for tests and tools
    FigureCanvas stepCanvas() {
        return stepCanvas;
    }

    TabPane tabs() {
        return tabs;
    }
}
