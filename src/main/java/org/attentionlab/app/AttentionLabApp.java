package org.attentionlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ModelSource;
import org.attentionlab.ui.ViewLoader;
import org.attentionlab.ui.concurrent.ModelHost;
import org.attentionlab.ui.shell.AlertErrorReporter;
import org.attentionlab.ui.shell.FxFileDialogs;
import org.attentionlab.ui.shell.MainView;
import org.attentionlab.ui.shell.MainViewModel;
import org.attentionlab.service.EngineWarmup;
import org.attentionlab.ui.StartupProbe;
import org.attentionlab.ui.shell.Settings;
import org.attentionlab.ui.shell.Theme;
import org.attentionlab.ui.kit.LessonMemory;

/**
 * The desktop app: one window with the lesson navigator, the model picker and the status bar.
 * Wiring only; the state lives in the view models.
 */
public final class AttentionLabApp extends Application {
    /** Default window size: fits a 1366 x 768 laptop and a 1280 x 800 projector. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    /** The stylesheets, in cascade order; themes and presentation mode switch by style class. */
    public static final List<String> STYLESHEETS = List.of("/styles/app.css", "/styles/theme-light.css",
            "/styles/theme-dark.css", "/styles/presentation.css");

    /**
     * What the app is started with.
     *
     * @param catalog    where models come from; null shows an explanation instead of models
     * @param files      folder and save dialogs
     * @param loadFirst  load the first model found at start-up
     * @param lesson     the id of the lesson shown first, or null for the navigator's first
     * @param model      a model to load at start-up (sample name, folder or cache name), or null
     * @param text       the text the first lesson starts with, or null for its own
     * @param lessons    the lessons of the navigator, normally {@link LessonRegistry#builtIn()}
     * @param settings   the settings file to restore from and save to, or null to remember nothing (tests)
     */
    public record Config(ModelSource catalog, FileDialogs files, boolean loadFirst, String lesson, String model,
                         String text, List<LessonRegistry.Entry> lessons, java.nio.file.Path settings) {
        public Config {
            Objects.requireNonNull(files);
            lessons = List.copyOf(lessons);
        }

        public Config(ModelSource catalog, FileDialogs files, boolean loadFirst, String lesson, String model,
                      String text, List<LessonRegistry.Entry> lessons) {
            this(catalog, files, loadFirst, lesson, model, text, lessons, null);
        }

        public Config(ModelSource catalog, FileDialogs files, boolean loadFirst) {
            this(catalog, files, loadFirst, null, null, null, LessonRegistry.builtIn());
        }

        /** The same start with other lessons (tests that add a lesson of their own). */
        public Config withLessons(List<LessonRegistry.Entry> other) {
            return new Config(catalog, files, loadFirst, lesson, model, text, other, settings);
        }
    }

    private static volatile Config launchConfig;

    private final Config config;
    private ModelHost host;
    private MainViewModel mainViewModel;
    private MainView mainView;
    private final List<Lesson> lessons = new ArrayList<>();
    private Stage stage;
    private Settings settings = Settings.none();
    private boolean stopped;

    /** Used by {@link Application#launch}: takes the config given to {@link #launch(Config)}. */
    public AttentionLabApp() {
        this(launchConfig != null ? launchConfig : new Config(null, new FxFileDialogs(), true));
    }

    public AttentionLabApp(Config config) {
        this.config = config;
    }

    /**
     * Drops JavaFX's "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"
     * line, as the jar's own start does; for tools that start the toolkit themselves.
     */
    public static void quietUnnamedModuleWarning() {
        GuiLauncher.quietUnnamedModuleWarning();
    }

    /** Starts the app and returns when its window closes. */
    public static void launch(Config config) {
        launchConfig = config;
        Application.launch(AttentionLabApp.class);
    }

    @Override
    public void init() {
        StartupProbe.mark("fx-init");
    }

    @Override
    public void start(Stage primary) {
        StartupProbe.mark("fx-start");
        this.stage = primary;
        settings = config.settings() == null ? Settings.none() : Settings.load(config.settings());
        LessonMemory.install(settings);
        host = new ModelHost();
        ErrorReporter errors = new AlertErrorReporter(() -> stage);
        ModelSource catalog = config.catalog() != null ? config.catalog() : new MissingModelSource();
        mainViewModel = new MainViewModel(catalog, host, errors);
        LessonContext context = new LessonContext(host, errors, mainViewModel::ran, config.files(),
                mainViewModel.presentationProperty());
        for (LessonRegistry.Entry entry : config.lessons()) {
            Lesson lesson = entry.factory().apply(context);
            if (!lesson.id().equals(entry.id())) {
                throw new IllegalStateException("LessonRegistry lists " + entry.id() + " but the lesson says " + lesson.id());
            }
            lessons.add(lesson);
            if (lesson.id().equals(config.lesson()) && config.text() != null) {
                lesson.startWith(config.text());
            }
        }
        mainView = new MainView(mainViewModel, config.files());
        Parent root = ViewLoader.load("MainView", mainView);
        mainViewModel.setLessons(lessons);
        if (config.lesson() != null) {
            mainViewModel.showLesson(config.lesson());
        }

        mainViewModel.themeProperty().set(settings.get("theme").map(AttentionLabApp::theme).orElse(Theme.LIGHT));
        double w = Math.max(800, settings.getDouble("window.width", WIDTH));
        double h = Math.max(560, settings.getDouble("window.height", HEIGHT));
        Scene scene = new Scene(root, w, h);
        for (String sheet : STYLESHEETS) {
            scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource(sheet), sheet).toExternalForm());
        }
        applyTheme(root, mainViewModel.themeProperty().get());
        mainViewModel.themeProperty().addListener((obs, old, t) -> applyTheme(root, t));
        mainViewModel.presentationProperty().addListener((obs, was, on) -> {
            if (on) {
                root.getStyleClass().add("presentation");
            } else {
                root.getStyleClass().remove("presentation");
            }
            // A projector shows the lesson full screen; Esc (handled by the main view) leaves both.
            primary.setFullScreen(on);
        });
        primary.setFullScreenExitKeyCombination(javafx.scene.input.KeyCombination.NO_MATCH);
        primary.setFullScreenExitHint(Messages.get("presentation.exitHint"));
        primary.fullScreenProperty().addListener((obs, was, full) -> {
            if (!full && mainViewModel.presentationProperty().get()) {
                mainViewModel.presentationProperty().set(false); // the window manager left full screen
            }
        });

        primary.setTitle(Messages.get("app.title"));
        primary.setMinWidth(800);
        primary.setMinHeight(560);
        primary.setScene(scene);
        primary.show();
        StartupProbe.mark("window-shown");
        if (launchConfig != null) {
            // The native math loads while the models are found, not while the window is built:
            // on two busy cores it would slow the window down (StartupBenchmark).
            EngineWarmup.startInBackground();
        }
        settings.problem().ifPresent(f -> mainView.showPopup(Messages.get("status.settingsIgnored", f)));
        if (config.catalog() == null) {
            errors.report(Messages.get("error.context.start"), new MissingModelSource.NoBackendException());
        } else {
            String last = config.model() == null && config.loadFirst() ? settings.get("model").orElse(null) : null;
            ModelRefHolder lastRef = new ModelRefHolder();
            if (last != null) {
                try {
                    lastRef.ref = catalog.resolve(last);
                } catch (RuntimeException e) {
                    lastRef.ref = null; // gone since: start with the first model found, as on a first start
                }
            }
            mainViewModel.discover(config.loadFirst() && lastRef.ref == null);
            if (config.model() != null) {
                mainViewModel.loadByName(config.model());
            } else if (lastRef.ref != null) {
                mainViewModel.load(lastRef.ref);
            }
        }
        if (config.settings() != null && settings.get("hint.firstRun").isEmpty()) {
            mainView.showFirstRunHint();
            settings.put("hint.firstRun", "shown");
        }
    }

    private static final class ModelRefHolder {
        org.attentionlab.service.ModelRef ref;
    }

    private static Theme theme(String name) {
        try {
            return Theme.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    /** Remembers the theme, the window size and the model for the next start. */
    private void saveSettings() {
        if (mainViewModel == null || stage == null) {
            return;
        }
        settings.put("theme", mainViewModel.themeProperty().get().name());
        if (!stage.isFullScreen() && !stage.isMaximized() && stage.getScene() != null) {
            settings.put("window.width", Double.toString(stage.getScene().getWidth()));
            settings.put("window.height", Double.toString(stage.getScene().getHeight()));
        }
        ModelHost.CurrentModel m = host == null ? null : host.current();
        if (m != null) {
            // A sample or cache model by its name (the picker's entry again), an opened folder by its path.
            settings.put("model", m.ref().origin() == org.attentionlab.service.ModelRef.Origin.FOLDER
                    ? m.ref().folder().toString() : m.ref().name());
        }
        settings.save();
    }

    private static void applyTheme(Parent root, Theme theme) {
        for (Theme t : Theme.values()) {
            root.getStyleClass().remove(t.styleClass());
        }
        root.getStyleClass().add(theme.styleClass());
    }

    @Override
    public void stop() {
        if (stopped) {
            return; // stop() runs once (tests that restart the app call it again)
        }
        stopped = true;
        saveSettings();
        if (host != null) {
            host.close();
        }
    }

    // ---- for tests and tools that drive the running app

    public MainViewModel mainViewModel() {
        return mainViewModel;
    }

    public List<Lesson> lessons() {
        return List.copyOf(lessons);
    }

    /** The lesson with this id; tests find lessons by id, never by position. */
    public Lesson lesson(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson " + id));
    }

    public MainView mainView() {
        return mainView;
    }

    public ModelHost host() {
        return host;
    }

    public Stage stage() {
        return stage;
    }
}
