package org.attentionlab.ui.explorer;

import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.HeadLinesFigure;
import org.attentionlab.figure.HeadPalette;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.figure.ModelGridFigure;
import org.attentionlab.figure.TokenLabels;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.StartupProbe;
import org.attentionlab.ui.figure.FigureCanvas;
import org.controlsfx.control.Notifications;

/**
 * Controller of {@code AttentionExplorerView.fxml}: binds controls to the view model, turns
 * pointer and key events on the figure into view-model calls, and redraws the figure when the
 * state it shows changes (at most once per pulse).
 */
public final class AttentionExplorerView {
    private final AttentionExplorerViewModel vm;
    private final FileDialogs files;
    private final ErrorReporter errors;

    @FXML private BorderPane root;
    @FXML private TextArea textA;
    @FXML private CheckBox pairCheck;
    @FXML private TextField textB;
    @FXML private ProgressIndicator busy;
    @FXML private ScrollPane tokenScroll;
    @FXML private TokenStrip tokenStrip;
    @FXML private Label message;
    @FXML private Label spaceLegend;
    @FXML private ToggleButton heatmapToggle;
    @FXML private ToggleButton headsToggle;
    @FXML private ToggleButton modelToggle;
    @FXML private Spinner<Integer> layerSpinner;
    @FXML private Spinner<Integer> headSpinner;
    @FXML private CheckBox averageCheck;
    @FXML private MenuButton exportButton;
    @FXML private CheckBox hideSpecialCheck;
    @FXML private Spinner<Integer> topKSpinner;
    @FXML private ComboBox<ColorMap> colorMapBox;
    @FXML private Slider zoomSlider;
    @FXML private CheckBox fixedScaleCheck;
    @FXML private FlowPane compareRow;
    @FXML private FlowPane compareHeads;
    @FXML private ScrollPane figureScroll;
    @FXML private FigureCanvas figure;
    @FXML private Label placeholder;

    // Bidirectional bindings hold their ends weakly: keep the adapters alive here.
    private ObjectProperty<Integer> layerObject;
    private ObjectProperty<Integer> headObject;
    private ObjectProperty<Integer> topKObject;
    private boolean redrawQueued;
    private int hoverSide = -1;
    private int hoverIndex = -1;
    /** Where the pointer last was over the figure, in figure coordinates: a redraw re-reads what lies there. */
    private boolean pointerInside;
    private double pointerX;
    private double pointerY;

    public AttentionExplorerView(AttentionExplorerViewModel vm, FileDialogs files, ErrorReporter errors) {
        this.vm = vm;
        this.files = files;
        this.errors = errors;
    }

    @FXML
    private void initialize() {
        textA.textProperty().bindBidirectional(vm.textAProperty());
        textB.textProperty().bindBidirectional(vm.textBProperty());
        pairCheck.selectedProperty().bindBidirectional(vm.pairModeProperty());
        pairCheck.disableProperty().bind(vm.pairAvailableProperty().not());
        textB.visibleProperty().bind(vm.pairModeProperty().and(vm.pairAvailableProperty()));
        textB.managedProperty().bind(textB.visibleProperty());
        busy.visibleProperty().bind(vm.runningProperty());

        tokenStrip.setOnSelect(vm::toggleToken);
        tokenScroll.viewportBoundsProperty().addListener(o -> fitTokenStrip());
        vm.lastRunProperty().addListener((obs, old, run) -> {
            tokenStrip.show(run == null ? null : run.trace().input(), run == null ? null : run.model().kind());
            fitTokenStrip();
        });
        vm.selectedTokenProperty().addListener((obs, old, now) -> tokenStrip.select(now.intValue()));

        // Only input problems take a row here; a passing notice ("Saved ...") floats over the
        // window instead, so nothing moves under the pointer.
        message.textProperty().bind(vm.messageProperty());
        vm.noticeProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty() && root.getScene() != null) {
                Notifications.create().owner(root).text(now).hideAfter(javafx.util.Duration.seconds(4))
                        .position(Pos.BOTTOM_RIGHT).hideCloseButton().show();
            }
        });
        // Enter starts a new line (a prompt may have lines); Tab still moves on, as in a field.
        textA.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                e.consume();
                textA.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, e.isShiftDown(), true, false, false));
            }
        });
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        // GPT-2 tokens carry their leading space: the chips draw it as ␣, said once here.
        spaceLegend.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.getLastRun() != null
                && vm.getLastRun().model().kind() == org.attentionlab.domain.ModelKind.GPT2, vm.lastRunProperty()));
        spaceLegend.managedProperty().bind(spaceLegend.visibleProperty());
        // a character split over tokens is labelled with its part, as in 😀(1/2): the legend says why
        spaceLegend.textProperty().bind(Bindings.createStringBinding(() -> splitLegend(vm.getLastRun()),
                vm.lastRunProperty()));
        message.managedProperty().bind(message.visibleProperty());

        ToggleGroup views = new ToggleGroup();
        heatmapToggle.setToggleGroup(views);
        headsToggle.setToggleGroup(views);
        modelToggle.setToggleGroup(views);
        heatmapToggle.setUserData(ViewMode.HEATMAP);
        headsToggle.setUserData(ViewMode.HEADS);
        modelToggle.setUserData(ViewMode.MODEL);
        views.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one view is always shown
            } else {
                vm.viewModeProperty().set((ViewMode) now.getUserData());
            }
        });
        vm.viewModeProperty().addListener((obs, old, mode) -> selectToggle(mode));
        selectToggle(vm.viewModeProperty().get());

        SpinnerValueFactory.IntegerSpinnerValueFactory layers = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0);
        layers.maxProperty().bind(Bindings.max(0, vm.layerCountProperty().subtract(1)));
        layerSpinner.setValueFactory(layers);
        layerObject = vm.layerProperty().asObject();
        layers.valueProperty().bindBidirectional(layerObject);
        SpinnerValueFactory.IntegerSpinnerValueFactory heads = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 0);
        heads.maxProperty().bind(Bindings.max(0, vm.headCountProperty().subtract(1)));
        headSpinner.setValueFactory(heads);
        headObject = vm.headProperty().asObject();
        heads.valueProperty().bindBidirectional(headObject);
        headSpinner.disableProperty().bind(vm.averageHeadsProperty().or(vm.lastRunProperty().isNull()));
        averageCheck.selectedProperty().bindBidirectional(vm.averageHeadsProperty());
        layerSpinner.disableProperty().bind(vm.lastRunProperty().isNull());
        exportButton.disableProperty().bind(vm.matrixProperty().isNull());

        hideSpecialCheck.selectedProperty().bindBidirectional(vm.hideSpecialProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory topK = new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 512);
        topK.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null || k == 0 ? Messages.get("explorer.topK.all") : k.toString();
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Math.max(0, Integer.parseInt(s.trim()));
                } catch (NumberFormatException e) {
                    return 0; // "all", or anything that is not a count
                }
            }
        });
        topKSpinner.setValueFactory(topK);
        topKObject = vm.topKProperty().asObject();
        topK.valueProperty().bindBidirectional(topKObject);

        colorMapBox.getItems().setAll(ColorMap.all());
        colorMapBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(ColorMap m) {
                return m == null ? "" : Messages.get("colormap." + m.name());
            }

            @Override
            public ColorMap fromString(String s) {
                return null;
            }
        });
        colorMapBox.valueProperty().bindBidirectional(vm.colorMapProperty());
        zoomSlider.valueProperty().bindBidirectional(vm.zoomProperty());
        fixedScaleCheck.selectedProperty().bindBidirectional(vm.fixedScaleProperty());

        compareRow.visibleProperty().bind(vm.viewModeProperty().isEqualTo(ViewMode.HEADS));
        compareRow.managedProperty().bind(compareRow.visibleProperty());
        vm.headCountProperty().addListener(o -> rebuildCompareButtons());
        vm.headProperty().addListener(o -> rebuildCompareButtons());
        vm.averageHeadsProperty().addListener(o -> rebuildCompareButtons());
        vm.comparedHeads().addListener((SetChangeListener<Integer>) c -> queueRedraw());

        placeholder.visibleProperty().bind(vm.matrixProperty().isNull());
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> {
            if (vm.kind() == null) {
                return Messages.get("explorer.placeholder.noModel");
            }
            String m = vm.messageProperty().get();
            return m.isEmpty() ? Messages.get("explorer.placeholder.running") : m;
        }, vm.messageProperty(), vm.matrixProperty()));
        figureScroll.visibleProperty().bind(vm.matrixProperty().isNotNull());

        for (Observable o : new Observable[] {vm.matrixProperty(), vm.viewModeProperty(), vm.colorMapProperty(), vm.fixedScaleProperty(),
                vm.selectedTokenProperty(), vm.zoomProperty(), vm.lastRunProperty(), figure.figureStyleProperty(),
                figureScroll.widthProperty(), figureScroll.heightProperty()}) {
            o.addListener(x -> queueRedraw());
        }

        figure.setOnMouseMoved(this::hover);
        for (Observable o : new Observable[] {figureScroll.hvalueProperty(), figureScroll.vvalueProperty(),
                figureScroll.viewportBoundsProperty(), figure.widthProperty(), figure.heightProperty()}) {
            o.addListener(x -> followScroll());
        }
        figure.setOnMouseExited(e -> {
            pointerInside = false;
            figure.hideReadout();
            setHover(-1, -1);
        });
        figure.setOnMouseClicked(this::click);
        figure.setFocusTraversable(true);
        figureScroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                double z = vm.zoomProperty().get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1);
                vm.zoomProperty().set(Math.max(zoomSlider.getMin(), Math.min(zoomSlider.getMax(), z)));
                e.consume();
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    /**
     * Makes the strip as tall as its rows of chips, up to the CSS max height, beyond which it
     * scrolls. Computed from the strip's preferred height: its actual height follows the
     * viewport and would never shrink. (The strip styles its new chips itself; applying CSS to
     * the whole strip here would restyle every chip on every keystroke.)
     */
    private void fitTokenStrip() {
        double width = tokenScroll.getViewportBounds().getWidth();
        if (width <= 0) {
            return;
        }
        double wanted = tokenStrip.prefHeight(width);
        double max = tokenScroll.getMaxHeight() > 0 ? tokenScroll.getMaxHeight() - 2 : wanted;
        tokenScroll.setPrefViewportHeight(Math.min(wanted, max));
    }

    /** Tells the figure which part of it the scroll pane shows, so a heatmap keeps its labels in view. */
    private void followScroll() {
        javafx.geometry.Bounds viewport = figureScroll.getViewportBounds();
        double x = scrolled(figureScroll.getHvalue(), figureScroll.getHmin(), figureScroll.getHmax(),
                figure.getWidth() - viewport.getWidth());
        double y = scrolled(figureScroll.getVvalue(), figureScroll.getVmin(), figureScroll.getVmax(),
                figure.getHeight() - viewport.getHeight());
        figure.setViewOrigin(Math.max(0, x - figure.snappedLeftInset()), Math.max(0, y - figure.snappedTopInset()));
    }

    private static double scrolled(double value, double min, double max, double hidden) {
        return hidden <= 0 || max <= min ? 0 : (value - min) / (max - min) * hidden;
    }

    /** The root node (the lesson's view). */
    public BorderPane root() {
        return root;
    }

    /** The canvas the current view is drawn on. */
    public FigureCanvas figureCanvas() {
        return figure;
    }

    private void selectToggle(ViewMode mode) {
        switch (mode) {
            case HEATMAP -> heatmapToggle.setSelected(true);
            case HEADS -> headsToggle.setSelected(true);
            case MODEL -> modelToggle.setSelected(true);
        }
    }

    private void rebuildCompareButtons() {
        compareHeads.getChildren().clear();
        int n = vm.headCountProperty().get();
        for (int h = 0; h < n; h++) {
            int head = h;
            ToggleButton b = new ToggleButton(Messages.get("figure.headPrefix") + h);
            b.getStyleClass().add("compare-head");
            Rectangle swatch = new Rectangle(10, 10);
            swatch.setFill(colour(HeadPalette.argb(h)));
            b.setGraphic(swatch);
            boolean primary = h == vm.headProperty().get() && !vm.averageHeadsProperty().get();
            b.setSelected(primary || vm.comparedHeads().contains(h));
            b.setDisable(primary || vm.averageHeadsProperty().get());
            if (primary) {
                b.getStyleClass().add("primary-head"); // always drawn; shown selected, not greyed
            }
            b.setTooltip(new Tooltip(Messages.get("explorer.compareHeads.tooltip", h)));
            b.selectedProperty().addListener((obs, was, on) -> {
                if (on) {
                    vm.comparedHeads().add(head);
                } else {
                    vm.comparedHeads().remove(head);
                }
            });
            compareHeads.getChildren().add(b);
        }
    }

    private static javafx.scene.paint.Color colour(int argb) {
        return javafx.scene.paint.Color.rgb(argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff);
    }

    private void queueRedraw() {
        if (!redrawQueued) {
            redrawQueued = true;
            Platform.runLater(this::redraw);
        }
    }

    /** Draws the current view now. */
    public void redraw() {
        redrawQueued = false;
        if (vm.getMatrix() == null || figure.getFigureStyle() == null) {
            figure.setFigure(null);
            figure.hideReadout();
            return;
        }
        ExplorerFigures.Snapshot snapshot = vm.snapshot(fitWidth(), fitHeight());
        Figure f = snapshot.mode() == ViewMode.HEADS
                ? ExplorerFigures.headLines(snapshot, figure.getFigureStyle(), figure.textMeasure(), hoverSide, hoverIndex)
                : ExplorerFigures.figure(snapshot, figure.getFigureStyle(), figure.textMeasure());
        figure.setFigure(f);
        if (f instanceof HeatmapFigure && StartupProbe.enabled()) {
            Platform.runLater(() -> StartupProbe.mark("first-heatmap")); // after the pulse that paints it
        }
        if (pointerInside) {
            // The pointer has not moved, but what lies under it has (another view, head or text).
            pointAt(pointerX, pointerY);
        } else {
            figure.hideReadout();
        }
    }

    /** What the figure area shows now, fitted to its current size (exports use the same). */
    public ExplorerFigures.Snapshot snapshot() {
        return vm.snapshot(fitWidth(), fitHeight());
    }

    /**
     * Space a figure may fill before it scrolls: the scroll pane's size less room for its
     * scroll bars. Not the viewport, whose size changes when the bars appear and would refit.
     */
    private double fitWidth() {
        return Math.max(200, figureScroll.getWidth() - figure.snappedLeftInset() - figure.snappedRightInset() - 20);
    }

    private double fitHeight() {
        return Math.max(150, figureScroll.getHeight() - figure.snappedTopInset() - figure.snappedBottomInset() - 20);
    }

    private void setHover(int side, int index) {
        if (side != hoverSide || index != hoverIndex) {
            hoverSide = side;
            hoverIndex = index;
            if (figure.getFigure() instanceof HeadLinesFigure) {
                queueRedraw();
            }
        }
    }

    private void hover(MouseEvent e) {
        pointerX = e.getX() - figure.snappedLeftInset();
        pointerY = e.getY() - figure.snappedTopInset();
        pointerInside = true;
        pointAt(pointerX, pointerY);
    }

    /** Updates the readout and the head view's focus for the pointer at (x, y) in figure coordinates. */
    private void pointAt(double x, double y) {
        Figure f = figure.getFigure();
        if (f instanceof HeatmapFigure hm) {
            double[] seen = figure.visiblePoint(x, y); // a label kept in view, or the figure under it
            HeatmapFigure.Hit hit = hm.hit(seen[0], seen[1]);
            AttentionMatrix m = hm.matrix();
            switch (hit.kind()) {
                case CELL -> {
                    String q = TokenLabels.displayAt(m.rowTokens(), hit.row(), vm.kind());
                    String k = TokenLabels.displayAt(m.colTokens(), hit.col(), vm.kind());
                    float shown = m.weights()[hit.row()][hit.col()];
                    // the figure may lag the view model by one pulse; only its own map can be looked up
                    float before = vm.getMatrix() == m ? vm.weightBeforeTopK(hit.row(), hit.col()) : shown;
                    String text;
                    if (!m.isAllowed(hit.row(), hit.col())) {
                        text = Messages.get("explorer.readout.masked", q, k);
                    } else if (shown == 0 && before > 0) {
                        text = Messages.get("explorer.readout.dropped", q, k, weight(before), vm.topKProperty().get());
                    } else {
                        text = Messages.get("explorer.readout.cell", q, k, weight(shown));
                    }
                    figure.showReadout(text, x, y);
                }
                case ROW_LABEL -> figure.showReadout(Messages.get("explorer.readout.row",
                        TokenLabels.displayAt(m.rowTokens(), hit.row(), vm.kind())), x, y);
                case COL_LABEL -> figure.showReadout(Messages.get("explorer.readout.col",
                        TokenLabels.displayAt(m.colTokens(), hit.col(), vm.kind())), x, y);
                default -> figure.hideReadout();
            }
        } else if (f instanceof HeadLinesFigure hl) {
            HeadLinesFigure.Hit hit = hl.hit(x, y);
            if (hit == null) {
                setHover(-1, -1);
                figure.hideReadout();
            } else {
                setHover(hit.side(), hit.index());
                figure.hideReadout();
            }
        } else if (f instanceof ModelGridFigure grid) {
            int[] lh = grid.hit(x, y);
            if (lh == null) {
                figure.hideReadout();
            } else {
                figure.showReadout(Messages.get("explorer.readout.thumbnail", lh[0], lh[1]), x, y);
            }
        }
    }

    /** A weight as a reader takes it in: three significant digits (0.0123, 0.456), 0 as 0. */
    static String weight(float w) {
        if (w == 0) {
            return "0";
        }
        return new java.math.BigDecimal(w).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private void click(MouseEvent e) {
        figure.requestFocus();
        Figure f = figure.getFigure();
        double x = e.getX() - figure.snappedLeftInset();
        double y = e.getY() - figure.snappedTopInset();
        if (f instanceof HeatmapFigure hm) {
            double[] seen = figure.visiblePoint(x, y);
            HeatmapFigure.Hit hit = hm.hit(seen[0], seen[1]);
            AttentionMatrix m = hm.matrix();
            switch (hit.kind()) {
                case CELL, ROW_LABEL -> vm.toggleToken(m.rowSource()[hit.row()]);
                case COL_LABEL -> vm.toggleToken(m.colSource()[hit.col()]);
                default -> vm.selectedTokenProperty().set(-1);
            }
        } else if (f instanceof HeadLinesFigure hl) {
            HeadLinesFigure.Hit hit = hl.hit(x, y);
            AttentionMatrix m = vm.getMatrix();
            if (hit != null && m != null) {
                vm.toggleToken(hit.side() == 0 ? m.rowSource()[hit.index()] : m.colSource()[hit.index()]);
            }
        } else if (f instanceof ModelGridFigure grid) {
            int[] lh = grid.hit(x, y);
            if (lh != null) {
                figure.hideReadout();
                vm.open(lh[0], lh[1]);
            }
        }
    }

    /** Zoom back to the size that fits the figure area (the Fit button, Ctrl+0, or 0 on the figure). */
    @FXML
    public void fit() {
        vm.zoomProperty().set(AttentionExplorerViewModel.FIT_ZOOM);
    }

    /** Arrows move layer (up/down) and head (left/right) unless a text field or list wants them. */
    private void keys(KeyEvent e) {
        if (e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0)) {
            fit();
            e.consume();
            return;
        }
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        if (focus instanceof TextInputControl || focus instanceof ComboBoxBase || focus instanceof Slider) {
            return;
        }
        KeyCode code = e.getCode();
        if (code == KeyCode.UP) {
            vm.moveLayer(-1);
        } else if (code == KeyCode.DOWN) {
            vm.moveLayer(1);
        } else if (code == KeyCode.LEFT) {
            vm.moveHead(-1);
        } else if (code == KeyCode.RIGHT) {
            vm.moveHead(1);
        } else if (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0) {
            fit();
        } else if (code == KeyCode.ESCAPE && vm.selectedTokenProperty().get() >= 0) {
            vm.selectedTokenProperty().set(-1);
        } else {
            return;
        }
        e.consume();
    }

    @FXML
    private void exportAs(javafx.event.ActionEvent e) {
        export(org.attentionlab.ui.kit.ExportMenu.format(e));
    }

    private void export(FigureExport.Format format) {
        String suggested = suggestedName(format);
        Optional<Path> target = files.chooseSaveFile(root.getScene().getWindow(),
                Messages.get("explorer.export.title." + format.extension()), suggested, format);
        if (target.isEmpty()) {
            return;
        }
        try {
            vm.export(format, target.get(), figure.getFigureStyle(), fitWidth(), fitHeight());
        } catch (RuntimeException ex) {
            errors.report(Messages.get("explorer.export.failed"), ex);
        }
    }

    private String suggestedName(FigureExport.Format format) {
        ExplorerFigures.Snapshot s = vm.snapshot(fitWidth(), fitHeight());
        String view = s.mode() == ViewMode.MODEL ? "model"
                : s.mode() == ViewMode.HEADS ? "heads-L" + s.layer()
                : "L" + s.layer() + (s.head() < 0 ? "-mean" : "-H" + s.head());
        if (format == FigureExport.Format.CSV && s.mode() != ViewMode.MODEL) {
            view = "L" + s.layer() + (s.head() < 0 ? "-mean" : "-H" + s.head());
        }
        return "attention-" + view + "." + format.extension();
    }

    /** The GPT-2 legend: the space marker, and the parts of a split character when the text has one. */
    private static String splitLegend(org.attentionlab.service.explorer.ExplorerRun run) {
        if (run == null || run.trace() == null) {
            return Messages.get("explorer.spaceLegend");
        }
        TokenLabels.SplitCharacter split = TokenLabels.firstSplitCharacter(run.trace().input().tokens(), run.model().kind());
        if (split != null) {
            return Messages.get("explorer.splitLegend", split.character(),
                    split.character().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, split.tokens());
        }
        return Messages.get("explorer.spaceLegend");
    }
}
