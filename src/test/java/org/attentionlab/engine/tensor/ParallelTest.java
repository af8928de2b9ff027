package org.attentionlab.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's thread pool: every chunk once, failures passed on, nested work inline. */
class ParallelTest {
    private int threadsBefore;

    @BeforeEach
    void fourThreads() {
        threadsBefore = ComputeThreads.get();
        ComputeThreads.set(4);
    }

    @AfterEach
    void restore() {
        ComputeThreads.set(threadsBefore);
    }

    @Test
    void everyChunkRunsExactlyOnceAndWorkersStayInRange() {
        for (int round = 0; round < 200; round++) {
            int chunks = 1 + round % 37;
            AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
            Set<Integer> workers = ConcurrentHashMap.newKeySet();
            Parallel.run(chunks, (chunk, worker) -> {
                runs.incrementAndGet(chunk);
                workers.add(worker);
            });
            for (int c = 0; c < chunks; c++) {
                assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks);
            }
            for (int w : workers) {
                assertTrue(w >= 0 && w < ComputeThreads.get(), "worker " + w);
            }
        }
    }

    @Test
    void aFailingChunkFailsTheCallWithItsException() {
        IllegalStateException boom = new IllegalStateException("chunk 5");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.run(8, (chunk, w) -> {
            if (chunk == 5) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
        AtomicIntegerArray runs = new AtomicIntegerArray(3);   // the pool still works afterwards
        Parallel.run(3, (chunk, w) -> runs.incrementAndGet(chunk));
        for (int c = 0; c < 3; c++) {
            assertEquals(1, runs.get(c));
        }
    }

    @Test
    void aChunkThatAsksForParallelWorkRunsItOnItsOwnThread() {
        AtomicIntegerArray inner = new AtomicIntegerArray(4 * 6);
        Parallel.run(4, (outer, w) -> {
            Thread mine = Thread.currentThread();
            Parallel.run(6, (c, w2) -> {
                assertSame(mine, Thread.currentThread());
                inner.incrementAndGet(outer * 6 + c);
            });
        });
        for (int i = 0; i < inner.length(); i++) {
            assertEquals(1, inner.get(i));
        }
    }

    @Test
    void oneThreadMeansOneChunkOnTheCaller() {
        ComputeThreads.set(1);
        assertEquals(1, Parallel.chunks(1L << 40, 1, 8));
        Thread caller = Thread.currentThread();
        Parallel.run(5, (c, w) -> {
            assertSame(caller, Thread.currentThread());
            assertEquals(0, w);
        });
    }
}
