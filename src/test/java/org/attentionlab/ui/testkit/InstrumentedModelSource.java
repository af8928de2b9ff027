package org.attentionlab.ui.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.ModelSource;

/**
 * TEST ONLY. The real catalog with a recorder around it: every session it opens is the real one,
 * wrapped to note when it is closed and which thread runs it. A slow disk can be switched on: each
 * progress report (one per tensor read) then waits, so a load takes long enough to cancel, while
 * the loading and its cancellation checks stay the real ones.
 */
public final class InstrumentedModelSource implements ModelSource {
    private final ModelSource real;
    /** Every session opened, in order. */
    public final List<TrackedSession> opened = new CopyOnWriteArrayList<>();
    /** Loads that stopped because they were cancelled. */
    public final List<ModelRef> cancelledLoads = new CopyOnWriteArrayList<>();
    /** The thread each load ran on. */
    public final List<Thread> loadThreads = new CopyOnWriteArrayList<>();
    private volatile long slowDiskMillis;

    public InstrumentedModelSource(ModelSource real) {
        this.real = real;
    }

    /** Makes each tensor read take {@code millis} longer (0: full speed). */
    public void slowDisk(long millis) {
        this.slowDiskMillis = millis;
    }

    @Override
    public List<ModelRef> discover() {
        return real.discover();
    }

    @Override
    public ModelRef folder(Path folder) {
        return real.folder(folder);
    }

    @Override
    public ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        loadThreads.add(Thread.currentThread());
        Progress slowed = (done, total, message) -> {
            progress.update(done, total, message);
            long wait = slowDiskMillis;
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        };
        try {
            ModelSession session = real.open(ref, slowed, cancel);
            if (!(session instanceof TransformerSession t)) {
                return session;
            }
            TrackedSession s = new TrackedSession(t);
            opened.add(s);
            return s;
        } catch (CancellationException e) {
            cancelledLoads.add(ref);
            throw e;
        }
    }

    /** The last session opened. */
    public TrackedSession last() {
        return opened.get(opened.size() - 1);
    }

    /** A real session that records its closing and the thread of its last run. */
    public static final class TrackedSession implements TransformerSession {
        private final TransformerSession real;
        private volatile boolean closed;
        private volatile Thread runThread;

        TrackedSession(TransformerSession real) {
            this.real = real;
        }

        public boolean isClosed() {
            return closed;
        }

        /** The thread the last forward pass ran on. */
        public Thread runThread() {
            return runThread;
        }

        @Override
        public ModelInfo info() {
            return real.info();
        }

        @Override
        public Encoding encode(String text) {
            return real.encode(text);
        }

        @Override
        public Encoding encodePair(String first, String second) {
            return real.encodePair(first, second);
        }

        @Override
        public ForwardTrace run(Encoding input, Set<TraceItem> items) {
            runThread = Thread.currentThread();
            return real.run(input, items);
        }

        @Override
        public ForwardTrace run(Encoding input, Set<TraceItem> items, int[] logitRows) {
            runThread = Thread.currentThread();
            return real.run(input, items, logitRows);
        }

        @Override
        public String decode(int[] ids) {
            return real.decode(ids);
        }

        @Override
        public String token(int id) {
            return real.token(id);
        }

        @Override
        public boolean canGenerate() {
            return real.canGenerate();
        }

        @Override
        public org.attentionlab.domain.Generation generate(int[] promptIds, org.attentionlab.domain.GenerationSettings settings,
                org.attentionlab.engine.TokenListener onToken, org.attentionlab.service.Cancellation cancel) {
            runThread = Thread.currentThread();
            return real.generate(promptIds, settings, onToken, cancel);
        }

        @Override
        public org.attentionlab.engine.CausalDecoder decoder() {
            runThread = Thread.currentThread();
            return real.decoder();
        }

        @Override
        public java.util.List<org.attentionlab.io.tokenizer.TokenSpan> spans(String text) {
            return real.spans(text);
        }


        @Override
        public int endOfTextId() {
            return real.endOfTextId();
        }

        @Override
        public long weightsChecksum() {
            return real.weightsChecksum();
        }

        @Override
        public void close() {
            closed = true;
            real.close();
        }
    }
}
