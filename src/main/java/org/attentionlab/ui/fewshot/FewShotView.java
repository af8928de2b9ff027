package org.attentionlab.ui.fewshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.domain.fewshot.AccuracyReport;
import org.attentionlab.domain.fewshot.Alternative;
import org.attentionlab.domain.fewshot.AnswerAttention;
import org.attentionlab.domain.fewshot.EvalItem;
import org.attentionlab.domain.fewshot.FewShotTask;
import org.attentionlab.domain.fewshot.PromptAnswer;
import org.attentionlab.domain.fewshot.ShotPair;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.TokenLabels;
import org.attentionlab.figure.fewshot.AccuracyChartFigure;
import org.attentionlab.figure.fewshot.AnswerAttentionFigure;
import org.attentionlab.figure.fewshot.SideBySideFigure;
import org.attentionlab.service.fewshot.AccuracyCsv;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.kit.FittingLabel;

/** Controller of {@code FewShotView.fxml}: bindings, the four answer cards, the chart and the attention figure. */
public final class FewShotView {
    private static final PseudoClass UNUSED = PseudoClass.getPseudoClass("unused");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final FewShotViewModel vm;
    private final FileDialogs files;
    private final ErrorReporter errors;
    private final Map<SideBySide.Kind, Card> cards = new EnumMap<>(SideBySide.Kind.class);

    @FXML private BorderPane root;
    @FXML private ComboBox<FewShotTask> taskBox;
    @FXML private TextField descriptionField;
    @FXML private TextField queryField;
    @FXML private TextField expectedField;
    @FXML private Button nextQueryButton;
    @FXML private TextField arrowField;
    @FXML private CheckBox firstWordCheck;
    @FXML private ProgressIndicator busy;
    @FXML private MenuButton exportButton;
    @FXML private Label taskNote;
    @FXML private Label problem;
    @FXML private Spinner<Integer> kSpinner;
    @FXML private TableView<ShotPair> examplesTable;
    @FXML private TableColumn<ShotPair, String> inputColumn;
    @FXML private TableColumn<ShotPair, String> outputColumn;
    @FXML private HBox columnsBox;
    @FXML private Button runAccuracyButton;
    @FXML private Button cancelAccuracyButton;
    @FXML private ProgressBar accuracyProgress;
    @FXML private Label accuracyStatus;
    @FXML private StackPane chartHolder;
    @FXML private FigureCanvas chartCanvas;
    @FXML private Label itemsTitle;
    @FXML private TableView<EvalItem> itemsTable;
    @FXML private TableColumn<EvalItem, String> itemOrderColumn;
    @FXML private TableColumn<EvalItem, String> itemPromptColumn;
    @FXML private TableColumn<EvalItem, String> itemExpectedColumn;
    @FXML private TableColumn<EvalItem, String> itemGotColumn;
    @FXML private TableColumn<EvalItem, String> itemCorrectColumn;
    @FXML private ComboBox<SideBySide.Kind> columnBox;
    @FXML private ComboBox<Integer> layerBox;
    @FXML private ComboBox<Integer> headBox;
    @FXML private Label inductionNote;
    @FXML private ScrollPane attentionScroll;
    @FXML private FigureCanvas attentionCanvas;
    @FXML private Label checksumLine;

    private AccuracyChartFigure chart;
    private AnswerAttentionFigure attentionFigure;

    FewShotView(FewShotViewModel vm, FileDialogs files, ErrorReporter errors) {
        this.vm = vm;
        this.files = files;
        this.errors = errors;
    }

    @FXML
    private void initialize() {
        bindInputs();
        bindExamples();
        buildCards();
        bindAccuracy();
        bindAttention();
        checksumLine.textProperty().bind(vm.checksumLineProperty());
        busy.visibleProperty().bind(vm.runningProperty());
        problem.textProperty().bind(vm.problemProperty());
        taskNote.textProperty().bind(vm.taskListNoteProperty());
        taskNote.managedProperty().bind(taskNote.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
    }

    private void bindInputs() {
        taskBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(FewShotTask t) {
                return t == null ? Messages.get("fewshot.task.own")
                        : t.name() + (t.hasDescription() ? "  (" + t.description() + ")" : "");
            }

            @Override
            public FewShotTask fromString(String s) {
                return null;
            }
        });
        Runnable fillTasks = () -> {
            List<FewShotTask> items = new ArrayList<>(vm.tasks());
            items.add(null);                                              // "your own"
            taskBox.getItems().setAll(items);
            taskBox.setValue(vm.taskProperty().get());
        };
        vm.tasks().addListener((ListChangeListener<FewShotTask>) c -> fillTasks.run());
        fillTasks.run();
        taskBox.valueProperty().addListener((o, old, t) -> {
            if (t != vm.taskProperty().get()) {
                vm.taskProperty().set(t);
            }
        });
        vm.taskProperty().addListener((o, old, t) -> taskBox.setValue(t));
        descriptionField.textProperty().bindBidirectional(vm.descriptionProperty());
        queryField.textProperty().bindBidirectional(vm.queryProperty());
        expectedField.textProperty().bindBidirectional(vm.expectedProperty());
        arrowField.textProperty().bindBidirectional(vm.arrowProperty());
        firstWordCheck.selectedProperty().bindBidirectional(vm.firstWordProperty());
        nextQueryButton.disableProperty().bind(vm.taskProperty().isNull());
        SpinnerValueFactory.IntegerSpinnerValueFactory k = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                FewShotViewModel.MIN_K, FewShotViewModel.MAX_K, vm.shotsProperty().get());
        kSpinner.setValueFactory(k);
        k.valueProperty().addListener((o, old, v) -> {
            if (v != null) {
                vm.shotsProperty().set(v);
            }
        });
        vm.shotsProperty().addListener((o, old, v) -> k.setValue(v.intValue()));
    }

    private void bindExamples() {
        examplesTable.setItems(vm.examples());
        inputColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().input()));
        outputColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().output() == null ? "" : c.getValue().output()));
        inputColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        outputColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        inputColumn.setOnEditCommit(e -> {
            ShotPair old = e.getRowValue();
            vm.examples().set(e.getTablePosition().getRow(), new ShotPair(e.getNewValue(), old.output()));
        });
        outputColumn.setOnEditCommit(e -> {
            ShotPair old = e.getRowValue();
            vm.examples().set(e.getTablePosition().getRow(), new ShotPair(old.input(), e.getNewValue()));
        });
        examplesTable.setRowFactory(t -> {
            TableRow<ShotPair> row = new TableRow<>() {
                @Override
                protected void updateItem(ShotPair item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(UNUSED, !empty && getIndex() >= vm.shotsProperty().get());
                }
            };
            vm.shotsProperty().addListener(o -> row.pseudoClassStateChanged(UNUSED,
                    !row.isEmpty() && row.getIndex() >= vm.shotsProperty().get()));
            return row;
        });
        examplesTable.setOnKeyPressed(e -> {
            if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                move(e.getCode() == KeyCode.UP ? -1 : 1);
                e.consume();
            }
        });
    }

    // ---- the four cards ------------------------------------------------------------------------

    /** One column of the side by side. */
    private final class Card {
        final VBox box = new VBox();
        final FittingLabel title = new FittingLabel();
        final TextArea prompt = new TextArea();
        final Label answer = new Label();
        final Label probability = new Label();
        final Label verdict = new Label();
        final VBox top = new VBox(2);

        Card(SideBySide.Kind kind) {
            box.getStyleClass().add("shot-card");
            box.setId("card-" + kind.name());
            title.getStyleClass().add("card-title");
            prompt.getStyleClass().add("prompt-text");
            prompt.setEditable(false);
            prompt.setWrapText(false);
            prompt.setPrefRowCount(5);
            prompt.setFocusTraversable(false);
            answer.getStyleClass().add("answer");
            answer.setId("answer-" + kind.name());
            probability.getStyleClass().add("probability");
            verdict.setId("verdict-" + kind.name());
            HBox probabilityRow = new HBox(10, probability, verdict);
            probabilityRow.getStyleClass().add("probability-row");
            answer.setMinWidth(0);
            Label topTitle = new Label(Messages.get("fewshot.top"));
            topTitle.getStyleClass().add("top-title");
            box.getChildren().addAll(title, prompt, answer, probabilityRow, topTitle, top);
            VBox.setVgrow(prompt, Priority.ALWAYS);
            HBox.setHgrow(box, Priority.ALWAYS);
            box.setMinWidth(120);
            box.setPrefWidth(200);
            Tooltip.install(box, new Tooltip(Messages.get("fewshot.column.tooltip")));
            box.setOnMouseClicked(e -> vm.selectedColumnProperty().set(kind));
        }

        void show(SideBySide.Kind kind, PromptAnswer a) {
            String key = "fewshot.column." + kind.name();
            String whole = Messages.get(key, a.prompt().shots());
            // on a projector's large type the card is narrow: "Examples only" rather than "Examples only (k =..."
            title.setWordings(Messages.has(key + ".short") ? new String[] {whole, Messages.get(key + ".short")}
                    : new String[] {whole});
            prompt.setText(a.prompt().text());
            answer.setText(Messages.get("fewshot.answer", a.answer().isEmpty() ? Messages.get("fewshot.answer.empty") : a.answer()));
            probability.setText(Messages.get("fewshot.probability", String.format(Locale.ROOT, "%.3f", a.probability())));
            verdict.getStyleClass().removeAll("verdict-right", "verdict-wrong");
            if (a.correct() == null) {
                verdict.setText("");
            } else {
                verdict.setText(Messages.get(a.correct() ? "fewshot.right" : "fewshot.wrong"));
                verdict.getStyleClass().add(a.correct() ? "verdict-right" : "verdict-wrong");
            }
            top.getChildren().clear();
            for (Alternative alt : a.top()) {
                Label token = new Label(label(alt.text()));
                token.getStyleClass().add("top-token");
                ProgressBar bar = new ProgressBar(alt.probability());
                bar.getStyleClass().add("top-bar");
                bar.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(bar, Priority.ALWAYS);
                Label p = new Label(String.format(Locale.ROOT, "%.3f", alt.probability()));
                p.getStyleClass().add("top-prob");
                HBox row = new HBox(token, bar, p);
                row.getStyleClass().add("top-row");
                top.getChildren().add(row);
            }
        }
    }

    /** A token's text with its spaces and line breaks visible (␣, ↵). */
    static String label(String text) {
        StringBuilder b = new StringBuilder();
        for (char ch : text.toCharArray()) {
            b.append(ch == ' ' ? '\u0120' : ch == '\n' ? '\u010a' : ch);
        }
        return TokenLabels.display(b.toString(), ModelKind.GPT2);
    }

    private void buildCards() {
        for (SideBySide.Kind kind : SideBySide.Kind.values()) {
            Card c = new Card(kind);
            cards.put(kind, c);
            columnsBox.getChildren().add(c.box);
        }
        vm.sideBySideProperty().addListener((o, old, s) -> {
            if (s != null) {
                for (SideBySide.Column col : s.columns()) {
                    cards.get(col.kind()).show(col.kind(), col.answer());
                }
            }
        });
        Runnable select = () -> cards.forEach((k, c) -> c.box.pseudoClassStateChanged(SELECTED,
                k == vm.selectedColumnProperty().get()));
        vm.selectedColumnProperty().addListener(o -> select.run());
        select.run();
    }

    // ---- accuracy chart ------------------------------------------------------------------------

    private void bindAccuracy() {
        runAccuracyButton.disableProperty().bind(vm.accuracyRunningProperty().or(vm.taskProperty().isNull()));
        cancelAccuracyButton.disableProperty().bind(vm.accuracyRunningProperty().not());
        accuracyProgress.progressProperty().bind(vm.accuracyProgressProperty());
        accuracyProgress.visibleProperty().bind(vm.accuracyRunningProperty());
        accuracyStatus.textProperty().bind(Bindings.createStringBinding(() -> {
            String p = vm.accuracyProblemProperty().get();
            if (p != null && !p.isEmpty()) {
                return p;
            }
            String s = vm.accuracyStatusProperty().get();
            if (vm.accuracyRunningProperty().get() && vm.accuracyProgressProperty().get() >= 0) {
                return s + " " + Math.round(100 * vm.accuracyProgressProperty().get()) + "%";
            }
            return s;
        }, vm.accuracyStatusProperty(), vm.accuracyProblemProperty(), vm.accuracyRunningProperty(),
                vm.accuracyProgressProperty()));
        chartCanvas.setManaged(false);
        chartHolder.widthProperty().addListener(o -> redrawChart());
        chartHolder.heightProperty().addListener(o -> redrawChart());
        chartCanvas.figureStyleProperty().addListener(o -> redrawChart());
        vm.accuracyProperty().addListener(o -> redrawChart());
        vm.selectedPointProperty().addListener(o -> redrawChart());
        vm.taskProperty().addListener(o -> redrawChart());
        chartCanvas.setOnMouseClicked(e -> {
            if (chart != null) {
                int[] p = chart.pointAt(e.getX(), e.getY());
                if (p != null) {
                    vm.selectedPointProperty().set(p);
                }
            }
        });
        itemsTable.setItems(vm.pointItems());
        // instead of JavaFX's "No content in table": what fills the table, and how
        Label itemsPlaceholder = new Label();
        itemsPlaceholder.setWrapText(true);
        itemsPlaceholder.getStyleClass().add("hint");
        itemsPlaceholder.textProperty().bind(Bindings.createStringBinding(() -> Messages.get(
                vm.accuracyProperty().get() == null ? "fewshot.items.placeholder" : "fewshot.items.hint"),
                vm.accuracyProperty()));
        itemsTable.setPlaceholder(itemsPlaceholder);
        itemOrderColumn.setCellValueFactory(c -> new SimpleStringProperty(String.valueOf(c.getValue().order() + 1)));
        itemPromptColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().prompt().replace("\n", "  \u21b5 ")));
        itemExpectedColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().expected()));
        itemGotColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().got()));
        itemCorrectColumn.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().correct() ? "\u2713" : "\u2717"));
        itemsTitle.textProperty().bind(Bindings.createStringBinding(() -> {
            int[] p = vm.selectedPointProperty().get();
            AccuracyReport r = vm.accuracyProperty().get();
            if (p == null || r == null) {
                return r == null ? "" : Messages.get("fewshot.items.hint");
            }
            AccuracyPoint point = r.point(p[0], p[1] == 1).orElse(null);
            return point == null ? "" : Messages.get("fewshot.items.title", p[0], Messages.get(p[1] == 1
                    ? "fewshot.items.withDescription" : "fewshot.items.withoutDescription"), point.correct(), point.total());
        }, vm.selectedPointProperty(), vm.accuracyProperty()));
    }

    private void redrawChart() {
        FigureStyle style = chartCanvas.getFigureStyle();
        double w = chartHolder.getWidth();
        double h = chartHolder.getHeight();
        if (style == null || w <= 0 || h <= 0) {
            return;
        }
        AccuracyReport r = vm.accuracyProperty().get();
        FewShotTask t = vm.taskProperty().get();
        String title = t == null ? Messages.get("fewshot.accuracy.needsTask")
                : r == null ? Messages.get("fewshot.accuracy.empty")
                : Messages.get("fewshot.accuracy.title", t == null ? r.task() : t.name());
        chart = new AccuracyChartFigure(r == null ? List.of(0, 1, 2, 4, 8) : r.shots(),
                r == null ? List.of() : r.points(), title, vm.selectedPointProperty().get(), w - 2, h - 2, style,
                chartCanvas.textMeasure());
        chartCanvas.resizeRelocate(0, 0, chart.width(), chart.height());
        chartCanvas.setFigure(chart);
    }

    // ---- attention ----------------------------------------------------------------------------

    private void bindAttention() {
        columnBox.getItems().setAll(SideBySide.Kind.values());
        columnBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(SideBySide.Kind k) {
                return k == null ? "" : Messages.get("fewshot.column." + k.name(), vm.shotsProperty().get());
            }

            @Override
            public SideBySide.Kind fromString(String s) {
                return null;
            }
        });
        columnBox.valueProperty().bindBidirectional(vm.selectedColumnProperty());
        layerBox.setConverter(indexConverter("fewshot.attention.allLayers", "fewshot.attention.layerN"));
        headBox.setConverter(indexConverter("fewshot.attention.allHeads", "fewshot.attention.headN"));
        layerBox.valueProperty().addListener((o, old, v) -> vm.attentionLayerProperty().set(v == null ? -1 : v));
        headBox.valueProperty().addListener((o, old, v) -> vm.attentionHeadProperty().set(v == null ? -1 : v));
        vm.attentionProperty().addListener((o, old, a) -> {
            if (a != null && (old == null || old.layers() != a.layers() || old.heads() != a.heads())) {
                fill(layerBox, a.layers(), vm.attentionLayerProperty().get());
                fill(headBox, a.heads(), vm.attentionHeadProperty().get());
            }
            redrawAttention();
        });
        vm.attentionLayerProperty().addListener((o, old, v) -> {
            if (layerBox.getItems().contains(v.intValue())) {
                layerBox.setValue(v.intValue());
            }
            redrawAttention();
        });
        vm.attentionHeadProperty().addListener((o, old, v) -> {
            if (headBox.getItems().contains(v.intValue())) {
                headBox.setValue(v.intValue());
            }
            redrawAttention();
        });
        attentionCanvas.figureStyleProperty().addListener(o -> redrawAttention());
        attentionCanvas.setOnMouseMoved(e -> {
            if (attentionFigure == null) {
                return;
            }
            int i = attentionFigure.tokenAt(e.getX(), e.getY());
            if (i < 0) {
                attentionCanvas.hideReadout();
            } else {
                attentionCanvas.showReadout(Messages.get("fewshot.attention.readout",
                        TokenLabels.displayAt(vm.attentionProperty().get().tokens(), i, ModelKind.GPT2),
                        String.format(Locale.ROOT, "%.3f", attentionFigure.weight(i))), e.getX(), e.getY());
            }
        });
        attentionCanvas.setOnMouseExited(e -> attentionCanvas.hideReadout());
    }

    private static void fill(ComboBox<Integer> box, int n, int current) {
        List<Integer> items = new ArrayList<>();
        items.add(-1);
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        box.getItems().setAll(items);
        box.setValue(current < n ? current : -1);
    }

    private static StringConverter<Integer> indexConverter(String all, String one) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer i) {
                return i == null || i < 0 ? Messages.get(all) : Messages.get(one, i);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        };
    }

    private void redrawAttention() {
        AnswerAttention a = vm.attentionProperty().get();
        FigureStyle style = attentionCanvas.getFigureStyle();
        if (a == null || style == null) {
            attentionCanvas.setFigure(null);
            attentionFigure = null;
            inductionNote.setText("");
            return;
        }
        int layer = Math.min(vm.attentionLayerProperty().get(), a.layers() - 1);
        int head = Math.min(vm.attentionHeadProperty().get(), a.heads() - 1);
        String which = (layer < 0 ? Messages.get("fewshot.attention.allLayers") : Messages.get("fewshot.attention.layerN", layer))
                + ", " + (head < 0 ? Messages.get("fewshot.attention.allHeads") : Messages.get("fewshot.attention.headN", head));
        attentionFigure = new AnswerAttentionFigure(a, layer, head, Messages.get("fewshot.attention.title", which), style,
                attentionCanvas.textMeasure(), ColorMap.VIRIDIS);
        attentionCanvas.setFigure(attentionFigure);
        int[] best = a.strongestInductionHead();
        inductionNote.setText(best == null ? Messages.get("fewshot.attention.noInduction")
                : Messages.get("fewshot.attention.induction", best[0], best[1]));
    }

    // ---- actions -------------------------------------------------------------------------------

    @FXML
    private void nextQuery() {
        vm.nextQuery();
    }

    @FXML
    private void addExample() {
        vm.examples().add(new ShotPair("word", "answer"));
        examplesTable.getSelectionModel().select(vm.examples().size() - 1);
        examplesTable.scrollTo(vm.examples().size() - 1);
    }

    @FXML
    private void removeExample() {
        int i = examplesTable.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            vm.examples().remove(i);
        }
    }

    @FXML
    private void moveUp() {
        move(-1);
    }

    @FXML
    private void moveDown() {
        move(1);
    }

    private void move(int delta) {
        int i = examplesTable.getSelectionModel().getSelectedIndex();
        int j = vm.move(i, delta);
        examplesTable.getSelectionModel().clearAndSelect(j);
    }

    @FXML
    private void shuffle() {
        vm.shuffle();
    }

    @FXML
    private void runAccuracy() {
        vm.runAccuracy();
    }

    @FXML
    private void cancelAccuracy() {
        vm.cancelAccuracy();
    }

    @FXML
    private void exportPng() {
        exportSideBySide(FigureExport.Format.PNG);
    }

    @FXML
    private void exportSvg() {
        exportSideBySide(FigureExport.Format.SVG);
    }

    /** The side by side as a figure in print style (what PNG and SVG export write). */
    public SideBySideFigure sideBySideFigure(FigureStyle style) {
        SideBySide s = vm.sideBySideProperty().get();
        if (s == null) {
            return null;
        }
        List<String> headers = s.columns().stream()
                .map(c -> Messages.get("fewshot.column." + c.kind().name(), c.prompt().shots())).toList();
        return new SideBySideFigure(s, headers, style, new AwtSurface.AwtTextMeasure(style.fontFamily()));
    }

    private void exportSideBySide(FigureExport.Format format) {
        SideBySideFigure fig = sideBySideFigure(FigureStyle.print().withFontSize(13));
        if (fig == null) {
            errors.report(Messages.get("fewshot.export.failed"), new IllegalStateException(Messages.get("fewshot.export.nothing")));
            return;
        }
        save(format, vm.suggestedName() + "-side-by-side." + format.extension(),
                out -> FigureExport.writePicture(fig, format, 2, out));
    }

    @FXML
    private void exportChartPng() {
        AccuracyReport r = vm.accuracyProperty().get();
        if (r == null) {
            errors.report(Messages.get("fewshot.export.failed"), new IllegalStateException(Messages.get("fewshot.export.nothing")));
            return;
        }
        FigureStyle style = FigureStyle.print().withFontSize(13);
        AccuracyChartFigure fig = new AccuracyChartFigure(r.shots(), r.points(),
                Messages.get("fewshot.accuracy.title", r.task()), null, 720, 420, style,
                new AwtSurface.AwtTextMeasure(style.fontFamily()));
        save(FigureExport.Format.PNG, vm.suggestedName() + "-accuracy.png", out -> FigureExport.writePng(fig, 2, out));
    }

    @FXML
    private void exportCsv() {
        AccuracyReport r = vm.accuracyProperty().get();
        if (r == null) {
            errors.report(Messages.get("fewshot.export.failed"), new IllegalStateException(Messages.get("fewshot.export.nothing")));
            return;
        }
        save(FigureExport.Format.CSV, vm.suggestedName() + "-accuracy.csv", out -> AccuracyCsv.write(r, out));
    }

    private interface Writer {
        void write(Path out) throws Exception;
    }

    private void save(FigureExport.Format format, String suggested, Writer writer) {
        Optional<Path> target = files.chooseSaveFile(root.getScene().getWindow(), Messages.get("fewshot.export"), suggested,
                format);
        if (target.isEmpty()) {
            return;
        }
        Path out = target.get();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                writer.write(out);
                return out;
            }
        };
        task.setOnFailed(e -> errors.report(Messages.get("fewshot.export.failed"), task.getException()));
        lastExport = task;
        EXPORTER.submit(task);
    }

    /** Writes exports off the FX thread, one at a time. */
    private static final java.util.concurrent.ExecutorService EXPORTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "attention-lab-fewshot-export");
        t.setDaemon(true);
        return t;
    });

    private Task<Path> lastExport;

    /** The last export's task (tests wait for it). */
    public Task<Path> lastExport() {
        return lastExport;
    }
}
