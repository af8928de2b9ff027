package org.attentionlab.io.safetensors;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Wraps a checkpoint so that loading it reports progress and can be cancelled: every tensor
 * read advances the byte count, and a read after cancellation throws
 * {@link CancellationException}. Loading a 500 MB model takes seconds, long enough to want both.
 */
public final class ObservedTensorSource implements TensorSource {
    /** Receives (bytes read so far, bytes in the checkpoint, name of the tensor just read). */
    @FunctionalInterface
    public interface Listener {
        void read(long bytesDone, long bytesTotal, String tensor);
    }

    private final TensorSource inner;
    private final Listener listener;
    private final BooleanSupplier cancelled;
    private final long total;
    private long done;

    public ObservedTensorSource(TensorSource inner, Listener listener, BooleanSupplier cancelled) {
        this.inner = inner;
        this.listener = listener;
        this.cancelled = cancelled;
        long t = 0;
        for (String n : inner.names()) {
            TensorInfo i = inner.info(n);
            t += i.end() - i.begin();
        }
        this.total = t;
    }

    @Override
    public Set<String> names() {
        return inner.names();
    }

    @Override
    public TensorInfo info(String name) {
        return inner.info(name);
    }

    @Override
    public float[] readFloats(String name) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("loading cancelled");
        }
        float[] v = inner.readFloats(name);
        TensorInfo i = inner.info(name);
        done += i.end() - i.begin();
        listener.read(done, total, name);
        return v;
    }

    @Override
    public void close() {
        inner.close();
    }
}
