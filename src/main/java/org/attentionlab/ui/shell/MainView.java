package org.attentionlab.ui.shell;

import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.Messages;

/** Controller of {@code MainView.fxml}: binds the window's controls to {@link MainViewModel}. */
public final class MainView {
    private final MainViewModel vm;
    private final FileDialogs files;

    @FXML private BorderPane root;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private CheckMenuItem presentationItem;
    @FXML private CheckMenuItem controlsItem;
    @FXML private VBox chromeTop;
    @FXML private org.controlsfx.control.StatusBar statusBar;
    @FXML private ComboBox<ModelRef> modelPicker;
    @FXML private Button openFolderButton;
    @FXML private ToggleButton darkToggle;
    @FXML private ToggleButton presentationToggle;
    @FXML private javafx.scene.layout.VBox navigator;
    @FXML private ListView<Lesson> lessonList;
    @FXML private StackPane lessonHost;
    @FXML private Label modelStatus;
    @FXML private Label sizeStatus;
    @FXML private Label runStatus;
    @FXML private Label noticeStatus;
    @FXML private Label loadMessage;
    @FXML private ProgressBar loadProgress;
    @FXML private Button cancelLoadButton;

    public MainView(MainViewModel vm, FileDialogs files) {
        this.vm = vm;
        this.files = files;
    }

    @FXML
    private void initialize() {
        modelPicker.setItems(vm.models());
        modelPicker.valueProperty().bindBidirectional(vm.pickedProperty());
        modelPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelRef ref) {
                return ref == null ? "" : Messages.get("picker.entry." + ref.origin().name(), ref.name());
            }

            @Override
            public ModelRef fromString(String s) {
                return null;
            }
        });
        modelPicker.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ModelRef ref, boolean empty) {
                super.updateItem(ref, empty);
                if (empty || ref == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                // The text stays the entry (what the closed picker shows); the graphic adds the
                // kind's heading above the first model of each kind and a one-line description.
                setText(Messages.get("picker.entry." + ref.origin().name(), ref.name()));
                VBox box = new VBox();
                int i = getIndex();
                List<ModelRef> items = list.getItems();
                if (ref.kind() != null && (i <= 0 || i > items.size() || items.get(i - 1).kind() != ref.kind())) {
                    Label group = new Label(Messages.get("picker.group." + ref.kind().name()));
                    group.getStyleClass().add("picker-group");
                    box.getChildren().add(group);
                }
                Label name = new Label(getText());
                name.getStyleClass().add("picker-name");
                box.getChildren().add(name);
                String about = PickerText.about(ref);
                if (!about.isEmpty()) {
                    Label line = new Label(about);
                    line.getStyleClass().add("picker-about");
                    box.getChildren().add(line);
                }
                setGraphic(box);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                setTooltip(new Tooltip(ref.folder().toString()));
            }
        });
        modelPicker.setPlaceholder(new Label(Messages.get("picker.empty")));
        modelPicker.setPromptText(Messages.get("picker.prompt"));

        lessonList.setItems(vm.visibleLessons());
        Label noLesson = new Label();
        noLesson.setWrapText(true);
        noLesson.textProperty().bind(vm.noLessonShortProperty());
        noLesson.getStyleClass().add("navigator-empty");
        lessonList.setPlaceholder(noLesson);
        lessonList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Lesson lesson, boolean empty) {
                super.updateItem(lesson, empty);
                setText(empty || lesson == null ? null : lesson.title());
                setTooltip(empty || lesson == null ? null : new Tooltip(lesson.description()));
            }
        });
        lessonList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                vm.currentLessonProperty().set(now);
            }
        });
        vm.currentLessonProperty().addListener((obs, old, now) -> showLesson(old, now));
        showLesson(null, vm.currentLessonProperty().get());

        darkToggle.selectedProperty().bindBidirectional(darkThemeItem.selectedProperty());
        darkThemeItem.setSelected(vm.themeProperty().get() == Theme.DARK);
        darkThemeItem.selectedProperty().addListener((obs, was, on) -> vm.themeProperty().set(on ? Theme.DARK : Theme.LIGHT));
        vm.themeProperty().addListener((obs, old, t) -> darkThemeItem.setSelected(t == Theme.DARK));
        presentationToggle.selectedProperty().bindBidirectional(presentationItem.selectedProperty());
        presentationItem.selectedProperty().bindBidirectional(vm.presentationProperty());
        // On a projector the lesson gets the whole width; leaving presentation mode brings the navigator back.
        navigator.visibleProperty().bind(vm.presentationProperty().not());
        navigator.managedProperty().bind(navigator.visibleProperty());
        // Presentation mode shows what teaches: menu, toolbar, status bar and the lessons'
        // "presentation-extra" controls hide until F6 (View > Show all controls) brings them back.
        controlsItem.selectedProperty().bindBidirectional(vm.controlsShownProperty());
        controlsItem.disableProperty().bind(vm.presentationProperty().not());
        for (javafx.scene.Node n : new javafx.scene.Node[] {chromeTop, statusBar}) {
            n.visibleProperty().bind(vm.chromeHiddenProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        vm.chromeHiddenProperty().addListener((obs, was, hidden) -> styleChrome(hidden));
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::presentationKeys);
            }
        });

        modelStatus.textProperty().bind(vm.modelStatusProperty());
        sizeStatus.textProperty().bind(vm.sizeStatusProperty());
        runStatus.textProperty().bind(vm.runStatusProperty());
        noticeStatus.textProperty().bind(vm.noticeProperty());
        loadMessage.textProperty().bind(vm.loadMessageProperty());
        for (javafx.scene.Node n : new javafx.scene.Node[] {loadMessage, loadProgress, cancelLoadButton}) {
            n.visibleProperty().bind(vm.loadingProperty());
            n.managedProperty().bind(vm.loadingProperty());
        }
        loadProgress.progressProperty().bind(vm.loadProgressProperty());
    }

    /** A first start: where the lessons are and where the keys are listed (closes with its x). */
    public void showFirstRunHint() {
        org.controlsfx.control.Notifications.create().owner(root).title(Messages.get("hint.firstRun.title"))
                .text(Messages.get("hint.firstRun.body")).hideAfter(javafx.util.Duration.INDEFINITE)
                // bottom right, over the figure's empty margin: at the top it hid the theme and presentation buttons
                .position(javafx.geometry.Pos.BOTTOM_RIGHT).show();
    }

    /** A notice that stays until closed (a problem at start-up that is no reason for a dialog). */
    public void showPopup(String text) {
        org.controlsfx.control.Notifications.create().owner(root).text(text)
                .hideAfter(javafx.util.Duration.INDEFINITE).position(javafx.geometry.Pos.TOP_RIGHT).show();
    }

    private void styleChrome(boolean hidden) {
        if (hidden) {
            if (!root.getStyleClass().contains("controls-hidden")) {
                root.getStyleClass().add("controls-hidden");
            }
        } else {
            root.getStyleClass().remove("controls-hidden");
        }
    }

    /** In presentation mode, Esc leaves and F6 shows or hides the controls (also while the menu is hidden). */
    private void presentationKeys(javafx.scene.input.KeyEvent e) {
        if (!vm.presentationProperty().get()) {
            return;
        }
        if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
            vm.presentationProperty().set(false);
            e.consume();
        } else if (e.getCode() == javafx.scene.input.KeyCode.F6 && vm.chromeHiddenProperty().get()) {
            vm.controlsShownProperty().set(true); // the menu's accelerator is not reachable while hidden
            e.consume();
        }
    }

    private void showLesson(Lesson old, Lesson now) {
        if (old != null) {
            old.hidden();
        }
        if (now == null) {
            Label none = new Label();
            none.setWrapText(true);
            none.getStyleClass().add("no-lesson");
            none.textProperty().bind(vm.noLessonProperty());
            lessonHost.getChildren().setAll(none);
            return;
        }
        Parent view = now.view();
        lessonHost.getChildren().setAll(view);
        if (lessonList.getSelectionModel().getSelectedItem() != now) {
            lessonList.getSelectionModel().select(now);
        }
        now.shown();
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void openFolder() {
        Optional<java.nio.file.Path> folder = files.chooseFolder(root.getScene().getWindow(),
                Messages.get("files.openFolder.title"));
        folder.ifPresent(vm::openFolder);
    }

    @FXML
    private void rescan() {
        vm.discover(false);
    }

    @FXML
    private void cancelLoad() {
        vm.cancelLoad();
    }

    @FXML
    private void quit() {
        Platform.exit();
    }

    /** Help > Keyboard shortcuts: the dialog listing every key. */
    @FXML
    public Alert showKeys() {
        return info(withoutMnemonic(Messages.get("menu.help.keys")), Messages.get("help.keys.body"));
    }

    /** Help > About. */
    @FXML
    public Alert showAbout() {
        return info(withoutMnemonic(Messages.get("menu.help.about")), Messages.get("help.about.body"));
    }

    /**
     * A menu text as a title: without the mnemonic marker ("_Keyboard shortcuts" becomes
     * "Keyboard shortcuts"); a doubled "__" stays one literal underscore.
     */
    static String withoutMnemonic(String menuText) {
        return menuText.replace("__", "\u0000").replace("_", "").replace("\u0000", "_");
    }

    private Alert info(String header, String body) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, body, ButtonType.OK);
        a.initOwner(root.getScene().getWindow());
        a.setTitle(header);
        a.setHeaderText(header);
        a.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        a.getDialogPane().getStyleClass().addAll(root.getScene().getRoot().getStyleClass());
        a.show();
        return a;
    }
}
