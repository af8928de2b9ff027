package org.attentionlab.ui.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Task;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ModelSource;
import org.attentionlab.ui.concurrent.BackgroundService;
import org.attentionlab.ui.concurrent.ModelHost;

/**
 * State of the main window: the models to pick from, the loading in progress, the lessons that
 * work with the loaded model, the status line, theme and presentation mode.
 *
 * <p>Loading runs on the inference thread through a {@link BackgroundService}; picking another
 * model cancels a load in flight. A load that fails or is cancelled changes nothing: the picker
 * returns to the model still loaded and the error is reported with what to do.
 */
public final class MainViewModel {
    private final ModelSource catalog;
    private final ModelHost host;
    private final ErrorReporter errors;

    private final ObservableList<ModelRef> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRef> picked = new SimpleObjectProperty<>(this, "picked");
    private final ObservableList<Lesson> lessons = FXCollections.observableArrayList();
    private final FilteredList<Lesson> visibleLessons = new FilteredList<>(lessons);
    private final ObjectProperty<Lesson> currentLesson = new SimpleObjectProperty<>(this, "currentLesson");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation", false);
    private final BooleanProperty controlsShown = new SimpleBooleanProperty(this, "controlsShown", false);
    private final javafx.beans.binding.BooleanBinding chromeHidden = presentation.and(controlsShown.not());
    private final ReadOnlyStringWrapper modelStatus = new ReadOnlyStringWrapper(this, "modelStatus", StatusText.model(null));
    private final ReadOnlyStringWrapper sizeStatus = new ReadOnlyStringWrapper(this, "sizeStatus", "");
    private final ReadOnlyStringWrapper runStatus = new ReadOnlyStringWrapper(this, "runStatus", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper noLesson = new ReadOnlyStringWrapper(this, "noLesson", Messages.get("navigator.none"));
    private final ReadOnlyStringWrapper noLessonShort = new ReadOnlyStringWrapper(this, "noLessonShort", Messages.get("navigator.empty"));
    private final BackgroundService<ModelHost.CurrentModel> loader = new BackgroundService<>();
    private ModelRef loadingRef;
    private boolean revertingPick;

    public MainViewModel(ModelSource catalog, ModelHost host, ErrorReporter errors) {
        this.catalog = catalog;
        this.host = host;
        this.errors = errors;
        presentation.addListener((obs, was, on) -> controlsShown.set(false)); // each presentation starts uncluttered
        host.currentProperty().addListener((obs, old, now) -> modelChanged(now));
        picked.addListener((obs, old, ref) -> {
            if (!revertingPick && ref != null && !isLoaded(ref)) {
                load(ref);
            }
        });
        loader.setOnSucceeded(e -> {
            org.attentionlab.ui.StartupProbe.mark("model-loaded");
            loadingRef = null;
            notice.set("");
        });
        loader.setOnCancelled(e -> {
            if (loader.isRestarting()) {
                return; // replaced by a newer load, which keeps loadingRef
            }
            notice.set(afterLoad("status.loadCancelled", loadingRef));
            loadingRef = null;
            revertPick();
        });
        loader.setOnFailed(e -> {
            Throwable ex = loader.getException();
            ModelRef failed = loadingRef;
            loadingRef = null;
            revertPick();
            if (ex instanceof CancellationException) {
                notice.set(afterLoad("status.loadCancelled", failed));
                return;
            }
            notice.set(afterLoad("status.loadFailed", failed));
            errors.report(Messages.get("error.context.load", failed == null ? "" : failed.name()), ex);
        });
    }

    /** The status line after a load that did not happen: it mentions the model still loaded only if there is one. */
    private String afterLoad(String key, ModelRef ref) {
        String name = ref == null ? "" : ref.name();
        return Messages.get(host.current() == null ? key + "NoModel" : key, name);
    }

    /** Adds the lessons the navigator may show. */
    public void setLessons(List<Lesson> all) {
        lessons.setAll(all);
        refilterLessons(host.current());
        if (currentLesson.get() == null && !visibleLessons.isEmpty()) {
            currentLesson.set(visibleLessons.get(0));
        }
    }

    /** Makes the lesson with this id the current one, if the navigator lists it. */
    public void showLesson(String id) {
        visibleLessons.stream().filter(l -> l.id().equals(id)).findFirst().ifPresent(currentLesson::set);
    }

    /** Loads a model named on the command line (sample name, folder or cache name); a bad name is reported. */
    public void loadByName(String spec) {
        ModelRef ref;
        try {
            ref = catalog.resolve(spec);
        } catch (RuntimeException e) {
            errors.report(Messages.get("error.context.load", spec), e);
            return;
        }
        load(ref);
    }

    /** Finds models in the background; loads the first one if none is loaded yet. */
    public Task<List<ModelRef>> discover(boolean loadFirst) {
        Task<List<ModelRef>> task = new Task<>() {
            @Override
            protected List<ModelRef> call() {
                return catalog.discover();
            }
        };
        task.setOnSucceeded(e -> {
            org.attentionlab.ui.StartupProbe.mark("models-found");
            List<ModelRef> found = task.getValue();
            // In the catalog's order (grouped by kind), also when a model was loaded before the scan ended.
            int at = 0;
            for (ModelRef r : found) {
                int i = models.indexOf(r);
                if (i < 0) {
                    models.add(Math.min(at, models.size()), r);
                    at++;
                } else {
                    at = Math.max(at, i + 1);
                }
            }
            if (found.isEmpty()) {
                notice.set(Messages.get("status.noModelsFound"));
            } else if (!loadFirst) {
                notice.set(foundText(found)); // "Look for models again" says what it found
            }
            if (loadFirst && host.current() == null && loadingRef == null && !models.isEmpty()) {
                picked.set(models.get(0));
            }
        });
        task.setOnFailed(e -> errors.report(Messages.get("error.context.discover"), task.getException()));
        Thread t = new Thread(task, "attention-lab-discover");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** "Found 6 models: 1 BERT, 1 GPT-2, 4 seq2seq." */
    static String foundText(List<ModelRef> found) {
        java.util.Map<org.attentionlab.domain.ModelKind, Integer> byKind = new java.util.EnumMap<>(org.attentionlab.domain.ModelKind.class);
        int other = 0;
        for (ModelRef r : found) {
            if (r.kind() == null) {
                other++;
            } else {
                byKind.merge(r.kind(), 1, Integer::sum);
            }
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        byKind.forEach((k, n) -> parts.add(n + " " + Messages.get("picker.group." + k.name())));
        if (other > 0) {
            parts.add(Messages.get("status.found.other", other));
        }
        return Messages.get("status.found", found.size(), String.join(", ", parts));
    }

    /** Loads {@code ref} in the background, cancelling a load in flight. */
    public void load(ModelRef ref) {
        loadingRef = ref;
        if (!models.contains(ref)) {
            models.add(ref);
        }
        if (picked.get() != ref) {
            revertingPick = true;
            picked.set(ref);
            revertingPick = false;
        }
        notice.set(Messages.get("status.loading", ref.name()));
        loader.start((cancel, progress) -> host.load(catalog, ref, cancel, progress));
    }

    /** Loads the model in a folder the user chose. */
    public void openFolder(Path folder) {
        load(catalog.folder(folder));
    }

    /** Stops the load in flight; the previous model stays. */
    public void cancelLoad() {
        loader.cancel();
    }

    /** Records a finished model run for the status bar. */
    public void ran(Duration took) {
        runStatus.set(StatusText.lastRun(LocalTime.now(), took));
    }

    private void modelChanged(ModelHost.CurrentModel now) {
        ModelInfo info = now == null ? null : now.info();
        modelStatus.set(StatusText.model(info));
        sizeStatus.set(StatusText.size(info));
        if (now != null && picked.get() != now.ref()) {
            revertingPick = true;
            picked.set(now.ref());
            revertingPick = false;
        }
        refilterLessons(now);
        if (currentLesson.get() == null || !visibleLessons.contains(currentLesson.get())) {
            currentLesson.set(visibleLessons.isEmpty() ? null : visibleLessons.get(0));
        }
        String kindKey = now == null ? null : "navigator.none." + now.info().kind().name();
        noLesson.set(kindKey != null && Messages.has(kindKey) ? Messages.get(kindKey, now.ref().name())
                : Messages.get("navigator.none"));
        String shortKey = now == null ? null : "navigator.empty." + now.info().kind().name();
        noLessonShort.set(shortKey != null && Messages.has(shortKey) ? Messages.get(shortKey) : Messages.get("navigator.empty"));
    }

    private void refilterLessons(ModelHost.CurrentModel now) {
        // Before any model is loaded every lesson is listed (each says to load a model).
        visibleLessons.setPredicate(now == null ? l -> true : l -> l.supports(now.info().kind()));
    }

    private void revertPick() {
        ModelHost.CurrentModel current = host.current();
        revertingPick = true;
        picked.set(current == null ? null : current.ref());
        revertingPick = false;
    }

    private boolean isLoaded(ModelRef ref) {
        ModelHost.CurrentModel current = host.current();
        return current != null && current.ref().equals(ref) && loadingRef == null;
    }

    // ---- properties

    public ObservableList<ModelRef> models() {
        return models;
    }

    /** The picker's value; setting it loads that model. */
    public ObjectProperty<ModelRef> pickedProperty() {
        return picked;
    }

    public ObservableList<Lesson> visibleLessons() {
        return visibleLessons;
    }

    public ObjectProperty<Lesson> currentLessonProperty() {
        return currentLesson;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }

    /** In presentation mode: true while the controls that do not teach are shown (F6). */
    public BooleanProperty controlsShownProperty() {
        return controlsShown;
    }

    /** True while presentation mode hides the menu, toolbar, status bar and lessons' extra controls. */
    public javafx.beans.binding.BooleanBinding chromeHiddenProperty() {
        return chromeHidden;
    }

    public ReadOnlyStringProperty modelStatusProperty() {
        return modelStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sizeStatusProperty() {
        return sizeStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runStatusProperty() {
        return runStatus.getReadOnlyProperty();
    }

    /** What the navigator and the lesson area say when no lesson works with the loaded model (and which one will). */
    public ReadOnlyStringProperty noLessonProperty() {
        return noLesson.getReadOnlyProperty();
    }

    /** The navigator's short form of {@link #noLessonProperty()}. */
    public ReadOnlyStringProperty noLessonShortProperty() {
        return noLessonShort.getReadOnlyProperty();
    }

    /** Shows a passing message in the status bar. */
    public void showNotice(String text) {
        notice.set(text);
    }

    /** A passing message: loading, cancelled, failed. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loader.runningProperty();
    }

    public ReadOnlyDoubleProperty loadProgressProperty() {
        return loader.progressProperty();
    }

    public ReadOnlyStringProperty loadMessageProperty() {
        return loader.messageProperty();
    }

    public ModelHost host() {
        return host;
    }
}
