package org.attentionlab.engine.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the chunks of one computation on the engine's compute threads ({@link ComputeThreads}):
 * the calling thread and helper threads take chunks one at a time until none is left, and the
 * call returns when every chunk has finished.
 *
 * <p>Chunks are taken, not assigned, because the machine is shared: a helper that the operating
 * system has not scheduled yet simply takes no chunk, and the caller does the work itself instead
 * of waiting for it. (Assigning each thread a fixed half made a loaded 2-core machine wait a
 * whole scheduler time slice for a half now and then: up to 8x slower decoding.)
 *
 * <p>Helpers are daemon threads that, after a computation, keep polling for the next one for a
 * short while (yielding the core to other threads) before they park: a decode step hands out
 * about fifty computations per token, and waking a parked thread for each costs more than a
 * small computation. Only one computation uses
 * the helpers at a time; a second caller meanwhile (another model on another thread), or a chunk
 * that itself asks for parallel work, runs its chunks one after the other on its own thread.
 */
public final class Parallel {
    /** One chunk of a split computation. */
    @FunctionalInterface
    public interface Chunk {
        /**
         * Runs chunk {@code chunk}; {@code worker} (0 for the calling thread, below
         * {@link ComputeThreads#get()}) tells which per-thread buffers it may use.
         */
        void run(int chunk, int worker);
    }

    /** Waiting threads poll without giving up the core for this long... */
    private static final long SPIN_NANOS = 5_000;
    /** ...then poll but yield the core to any other runnable thread until this long, then park. */
    private static final long YIELD_NANOS = 100_000;
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static Helper[] helpers = new Helper[0];

    private Parallel() {
    }

    /**
     * How many chunks a computation of {@code units} units of work should be cut into: none
     * smaller than {@code minUnits}, at most {@code perThread} per compute thread, 1 when the
     * engine runs on one thread.
     */
    public static int chunks(long units, long minUnits, int perThread) {
        int threads = ComputeThreads.get();
        if (threads == 1) {
            return 1;
        }
        long byWork = Math.max(1, units / Math.max(1, minUnits));
        return (int) Math.min((long) threads * perThread, byWork);
    }

    /** Runs chunks {@code 0 .. chunks-1} of {@code task} and returns when all have finished. */
    public static void run(int chunks, Chunk task) {
        int threads = ComputeThreads.get();
        if (chunks <= 1 || threads == 1 || INSIDE.get() || !BUSY.tryLock()) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, 0);
            }
            return;
        }
        INSIDE.set(true);
        try {
            Job job = new Job(task, chunks, Thread.currentThread());
            int helperCount = Math.min(threads - 1, chunks - 1);
            Helper[] hs = helpers(helperCount);
            for (int i = 0; i < helperCount; i++) {
                hs[i].post(job);
            }
            job.work(0);
            job.awaitAll();
            job.rethrow();
        } finally {
            INSIDE.set(false);
            BUSY.unlock();
        }
    }

    /** Splits {@code [0, n)} into up to {@code perThread} ranges per thread of at least {@code minPerChunk} and runs them. */
    public static void forRange(int n, int minPerChunk, int perThread, Range body) {
        int chunks = chunks(n, minPerChunk, perThread);
        run(chunks, (c, worker) -> {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            if (from < to) {
                body.run(from, to);
            }
        });
    }

    /** A loop body over {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * One step of waiting that started at {@code start}: spin, then yield (on a loaded machine
     * the thread being waited for may need this core), then park until unparked or 100 us pass.
     */
    private static void pause(long start, Object blocker) {
        long waited = System.nanoTime() - start;
        if (waited < SPIN_NANOS) {
            Thread.onSpinWait();
        } else if (waited < YIELD_NANOS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(blocker, 100_000);
        }
    }

    private static Helper[] helpers(int count) {
        if (helpers.length < count) {
            Helper[] grown = java.util.Arrays.copyOf(helpers, count);
            for (int i = helpers.length; i < count; i++) {
                grown[i] = new Helper(i + 1);
                grown[i].start();
            }
            helpers = grown;
        }
        return helpers;
    }

    /** One computation: its chunks are claimed by counting up {@code next}. */
    private static final class Job {
        final Chunk task;
        final int chunks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(Chunk task, int chunks, Thread caller) {
            this.task = task;
            this.chunks = chunks;
            this.caller = caller;
        }

        /** Takes and runs chunks until none is left. */
        void work(int worker) {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    task.run(c, worker);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
                if (done.incrementAndGet() == chunks && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Waits for chunks that helpers took and are still running. */
        void awaitAll() {
            long start = System.nanoTime();
            while (done.get() < chunks) {
                pause(start, this);
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A helper thread: takes chunks of each job posted to it. */
    private static final class Helper extends Thread {
        private final int worker;
        private volatile Job job;

        Helper(int worker) {
            super("attention-lab-compute-" + worker);
            this.worker = worker;
            setDaemon(true);
        }

        void post(Job j) {
            job = j;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            Job last = null;
            while (true) {
                long start = System.nanoTime();
                Job j;
                while ((j = job) == last) {
                    pause(start, this);
                }
                last = j;
                j.work(worker);
            }
        }
    }
}
