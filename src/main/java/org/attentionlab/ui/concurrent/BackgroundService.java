package org.attentionlab.ui.concurrent;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.Progress;

/**
 * A {@link Service} for model work: bind a progress bar to {@link #progressProperty()} and a
 * busy indicator to {@link #runningProperty()}; {@link #start(Job)} cancels the run in flight
 * and starts the new one, so only the latest result ever reaches {@code onSucceeded}, which
 * runs on the FX thread.
 *
 * <p>The job itself runs where it is queued (the inference thread); the service's own worker
 * only waits for it. Cancelling interrupts that waiting worker, which then withdraws the job
 * if it has not started and raises its cancellation flag if it has.
 */
public final class BackgroundService<T> extends Service<T> {
    /** Starts the real work somewhere and returns its future. */
    @FunctionalInterface
    public interface Job<T> {
        Future<T> start(Cancellation cancel, Progress progress);
    }

    private Job<T> next;
    private boolean restarting;

    /** Cancels any run in flight and starts {@code job}. Call on the FX thread. */
    public void start(Job<T> job) {
        this.next = job;
        restarting = true;
        try {
            restart();
        } finally {
            restarting = false;
        }
    }

    /**
     * True while {@link #start(Job)} replaces the previous run. {@link Service#restart()} reports
     * CANCELLED for the previous run even when it had already finished; an {@code onCancelled}
     * handler checks this to tell that apart from the user cancelling.
     */
    public boolean isRestarting() {
        return restarting;
    }

    @Override
    protected Task<T> createTask() {
        Job<T> job = next;
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                Future<T> future = job.start(this::isCancelled, (done, total, message) -> {
                    updateProgress(done, total);
                    if (message != null) {
                        updateMessage(message);
                    }
                });
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    future.cancel(false);
                    throw new CancellationException("superseded");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        };
    }
}
