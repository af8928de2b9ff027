package org.attentionlab.engine.tensor;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How many threads the engine computes with (default: the number of processors; the system
 * property {@code attentionlab.threads} or {@link #set} changes it).
 *
 * <p>The engine splits its own work (matrix products by output columns, attention by heads,
 * element-wise loops by rows) over these threads with {@link Parallel}, and runs OpenBLAS with one
 * thread per call. Letting OpenBLAS thread as well would oversubscribe the cores: its workers
 * spin after each call and compete with ours, and two callers would share one OpenBLAS pool.
 */
public final class ComputeThreads {
    /** The most threads a step is split over. */
    public static final int MAX = 64;
    private static volatile int threads;

    static {
        int n = Runtime.getRuntime().availableProcessors();
        String property = System.getProperty("attentionlab.threads");
        if (property != null) {
            try {
                n = Integer.parseInt(property.trim());
            } catch (NumberFormatException e) {
                // an unreadable setting keeps the default
            }
        }
        threads = Math.min(MAX, Math.max(1, n));
        // ND4J sets OpenBLAS to one thread per core when its backend starts: start it first, then
        // make every OpenBLAS call run on the thread that makes it
        Nd4j.getBackend();
        openblas_nolapack.blas_set_num_threads(1);
    }

    private ComputeThreads() {
    }

    /** The number of threads a parallel step uses at most. */
    public static int get() {
        return threads;
    }

    /** Uses {@code n} threads (1 to {@value #MAX}) from the next parallel step on. */
    public static void set(int n) {
        threads = Math.min(MAX, Math.max(1, n));
    }

    /** Makes sure the class is initialised (OpenBLAS set to one thread per call) before any BLAS call. */
    static void init() {
        // the static initialiser does the work
    }
}
