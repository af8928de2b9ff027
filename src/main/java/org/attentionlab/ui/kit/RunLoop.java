package org.attentionlab.ui.kit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.attentionlab.domain.LabException;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.concurrent.BackgroundService;
import org.attentionlab.ui.concurrent.Debouncer;
import org.attentionlab.ui.concurrent.ModelHost;
import org.attentionlab.ui.concurrent.ModelWork;

/**
 * A lesson's run loop: input changes ask for a run ({@link #request()}, debounced), the work runs
 * on the model thread, a newer run cancels the stale one, and only the latest result reaches
 * {@code onResult}, on the FX thread. Problems the user can fix ({@link LabException}) appear in
 * {@link #problemProperty()} as "problem remedy"; anything else goes to the error reporter.
 *
 * <pre>{@code
 * loop = new RunLoop<>(context, "mylesson", this::plan, this::accept);
 * text.addListener(o -> loop.request());
 * loop.followModel();                     // in start(): run again when the model changes
 *
 * private ModelWork<MyResult> plan() {    // on the FX thread: read the inputs now
 *     String t = text.get();
 *     if (t.isBlank()) { loop.showProblem(typeSomething); return null; }   // a text from the bundle
 *     return (session, cancel, progress) -> service.run(session, t);   // on the model thread
 * }
 * }</pre>
 *
 * <p>Nothing here needs the JavaFX toolkit until the first {@link #request()} or
 * {@link #runNow()}, so a view model that owns a loop stays unit-testable.
 *
 * @param <R> the result of one run (the lesson service's record)
 */
public final class RunLoop<R> {
    /** The debounce before the first timed run; later it adapts to how long runs take. */
    public static final javafx.util.Duration DEFAULT_MAX_DEBOUNCE = javafx.util.Duration.millis(120);

    /** Reads the inputs on the FX thread and returns the work to run, or null when there is nothing to run. */
    @FunctionalInterface
    public interface Plan<R> {
        ModelWork<R> next();
    }

    /** A result with the time its work took on the model thread. */
    private record Timed<R>(R value, double millis) {
    }

    private final ModelHost host;
    private final ErrorReporter errors;
    private final LessonContext.RunListener runs;
    private final String prefix;
    private final Plan<R> plan;
    private final Consumer<R> onResult;
    private javafx.util.Duration maxDebounce = DEFAULT_MAX_DEBOUNCE;

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private BackgroundService<Timed<R>> service;
    private Debouncer debouncer;

    /**
     * @param context  the shell's host, error reporter and run listener
     * @param prefix   the lesson's i18n prefix: an unexpected failure is reported under {@code <prefix>.runFailed}
     * @param plan     reads the inputs and returns the work (see {@link Plan})
     * @param onResult takes each latest result, on the FX thread
     */
    public RunLoop(LessonContext context, String prefix, Plan<R> plan, Consumer<R> onResult) {
        this(context.host(), context.errors(), context.runs(), prefix, plan, onResult);
    }

    public RunLoop(ModelHost host, ErrorReporter errors, LessonContext.RunListener runs, String prefix, Plan<R> plan,
                   Consumer<R> onResult) {
        this.host = Objects.requireNonNull(host);
        this.errors = Objects.requireNonNull(errors);
        this.runs = Objects.requireNonNull(runs);
        this.prefix = Objects.requireNonNull(prefix);
        this.plan = Objects.requireNonNull(plan);
        this.onResult = Objects.requireNonNull(onResult);
    }

    /** The longest debounce (default {@link #DEFAULT_MAX_DEBOUNCE}); set before the first run. */
    public RunLoop<R> maxDebounce(javafx.util.Duration max) {
        this.maxDebounce = max;
        return this;
    }

    /** Runs again whenever another model is loaded, and now if one is loaded. Call from the view model's start(). */
    public void followModel() {
        host.currentProperty().addListener((obs, old, now) -> runNow());
        if (host.current() != null) {
            runNow();
        }
    }

    /** The input changed: run once it has been quiet briefly. */
    public void request() {
        ensureMachinery();
        debouncer.trigger();
    }

    /** Runs now, cancelling a pending or running run. Does nothing while no model is loaded. */
    public void runNow() {
        ensureMachinery();
        debouncer.cancel();
        if (host.current() == null) {
            return;
        }
        ModelWork<R> work = plan.next();
        if (work == null) {
            service.cancel();
            return;
        }
        service.start((cancel, prog) -> host.submit((session, c, p) -> {
            long t0 = System.nanoTime();
            R value = work.run(session, c, p);
            return new Timed<>(value, (System.nanoTime() - t0) / 1e6);
        }, cancel, prog));
    }

    /** Drops a pending run and cancels the one in flight. */
    public void cancel() {
        if (service != null) {
            debouncer.cancel();
            service.cancel();
        }
    }

    /** Shows an input problem the plan found (empty text clears it). */
    public void showProblem(String text) {
        problem.set(text == null ? "" : text);
    }

    /** The last run's problem and remedy, or empty: shown in the lesson, not in a dialog. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True while a run is in flight: bind a busy indicator to it. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The running work's progress (0..1, or -1 when unknown), as its {@link org.attentionlab.service.Progress} reports it. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True when no run is in flight. Safe to read from any thread. */
    public boolean isIdle() {
        return !running.get();
    }

    private void ensureMachinery() {
        if (service != null) {
            return;
        }
        service = new BackgroundService<>();
        debouncer = new Debouncer(maxDebounce, this::runNow);
        running.bind(service.runningProperty());
        progress.bind(service.progressProperty());
        service.setOnSucceeded(e -> {
            Timed<R> timed = service.getValue();
            debouncer.lastRunTook(timed.millis());
            problem.set("");
            onResult.accept(timed.value());
            runs.ran(Duration.ofNanos((long) (timed.millis() * 1e6)));
        });
        service.setOnFailed(e -> {
            Throwable ex = service.getException();
            if (ex instanceof CancellationException) {
                return;
            }
            if (ex instanceof LabException lab) {
                // Input problems are shown in the lesson, not in a dialog on every keystroke.
                problem.set(lab.remedy().isEmpty() ? lab.problem() : lab.problem() + " " + lab.remedy());
            } else {
                String key = prefix + ".runFailed";
                errors.report(Messages.has(key) ? Messages.get(key) : Messages.get("lesson.runFailed"), ex);
            }
        });
    }
}
