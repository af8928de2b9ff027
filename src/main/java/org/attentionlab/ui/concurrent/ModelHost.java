package org.attentionlab.ui.concurrent;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ModelSource;

/**
 * Owns the loaded model and the one inference thread that may touch it.
 *
 * <p>All model work, loading included, is queued on that thread, so ND4J state is never
 * shared. A cancelled job is skipped if it has not started and asked to stop (through its
 * {@link Cancellation}) if it has; the thread itself is never interrupted, because an
 * interrupt would close the file channels a model reads its weights through. The currently
 * loaded model is published on the FX thread as {@link #currentProperty()}; a failed or
 * cancelled load leaves the previous model in place.
 */
public final class ModelHost implements AutoCloseable {
    /** A model that is loaded and ready. */
    public record CurrentModel(ModelRef ref, ModelInfo info) {
    }

    private final ExecutorService inference = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "attention-lab-inference");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Runnable> fxThread;
    private final ReadOnlyObjectWrapper<CurrentModel> current = new ReadOnlyObjectWrapper<>(this, "current");
    /** Touched only on the inference thread. */
    private ModelSession session;

    public ModelHost() {
        this(Platform::runLater);
    }

    /** @param fxThread runs a change of {@link #currentProperty()} on the FX thread */
    public ModelHost(Consumer<Runnable> fxThread) {
        this.fxThread = fxThread;
    }

    /** The loaded model, or null before the first load succeeds. Read on the FX thread. */
    public ReadOnlyObjectProperty<CurrentModel> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public CurrentModel current() {
        return current.get();
    }

    /** Queues {@code work} on the inference thread with the loaded model. */
    public <T> Future<T> submit(ModelWork<T> work, Cancellation cancel, Progress progress) {
        Objects.requireNonNull(work);
        return inference.submit(() -> {
            cancel.check();
            if (session == null) {
                throw new InputException(Messages.get("error.noModel.problem"), Messages.get("error.noModel.remedy"));
            }
            return work.run(session, cancel, progress);
        });
    }

    /**
     * Queues loading {@code ref}; on success the new model replaces the old one, which is closed.
     */
    public Future<CurrentModel> load(ModelSource catalog, ModelRef ref, Cancellation cancel, Progress progress) {
        return inference.submit(() -> {
            cancel.check();
            ModelSession fresh = catalog.open(ref, progress, cancel);
            if (fresh == null) {
                throw new IllegalStateException("the model catalog returned no session for " + ref);
            }
            if (cancel.isCancelled()) {
                fresh.close();
                throw new CancellationException("cancelled");
            }
            ModelSession old = session;
            session = fresh;
            CurrentModel loaded = new CurrentModel(ref, fresh.info());
            fxThread.accept(() -> current.set(loaded));
            if (old != null) {
                old.close();
            }
            return loaded;
        });
    }

    /** Closes the model on the inference thread and stops the thread. */
    @Override
    public void close() {
        inference.submit(() -> {
            if (session != null) {
                session.close();
                session = null;
            }
        });
        inference.shutdown();
        try {
            inference.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
