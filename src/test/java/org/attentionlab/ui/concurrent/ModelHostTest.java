package org.attentionlab.ui.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.testkit.SeededModelSession;
import org.attentionlab.ui.testkit.TestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelHostTest {
    private final ModelHost host = new ModelHost(Runnable::run);
    private final TestCatalog catalog = new TestCatalog();

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void workBeforeAnyModelIsAnInputErrorSayingWhatToDo() {
        Future<Integer> f = host.submit((s, c, p) -> 1, Cancellation.NONE, Progress.NONE);
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        InputException cause = assertInstanceOf(InputException.class, e.getCause());
        assertFalse(cause.remedy().isEmpty());
    }

    @Test
    void aFailedLoadKeepsThePreviousModelOpenAndCurrent() throws Exception {
        host.load(catalog, TestCatalog.TINY_BERT, Cancellation.NONE, Progress.NONE).get();
        SeededModelSession first = catalog.opened.get(0);
        ModelRef broken = new ModelRef("broken", Path.of("/nonexistent/broken"), ModelRef.Origin.FOLDER);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> host.load(catalog, broken, Cancellation.NONE, Progress.NONE).get());
        assertInstanceOf(ModelFormatException.class, e.getCause());
        assertEquals(TestCatalog.TINY_BERT, host.current().ref());
        assertFalse(first.isClosed());
        assertEquals("stand-in-bert", host.submit((s, c, p) -> s.info().name(), Cancellation.NONE, Progress.NONE).get());
    }

    @Test
    void aSuccessfulLoadClosesTheOldModel() throws Exception {
        host.load(catalog, TestCatalog.TINY_BERT, Cancellation.NONE, Progress.NONE).get();
        host.load(catalog, TestCatalog.TINY_GPT2, Cancellation.NONE, Progress.NONE).get();
        assertTrue(catalog.opened.get(0).isClosed());
        assertEquals("stand-in-gpt2", host.current().info().name());
    }

    @Test
    void aLoadCancelledMidwayLeavesThePreviousModel() throws Exception {
        host.load(catalog, TestCatalog.TINY_BERT, Cancellation.NONE, Progress.NONE).get();
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Future<ModelHost.LoadedModel> slow = host.load(catalog, TestCatalog.SLOW_BERT, cancel::get,
                (d, t, m) -> started.countDown());
        assertTrue(started.await(5, TimeUnit.SECONDS));
        cancel.set(true);
        assertThrows(ExecutionException.class, slow::get);
        assertEquals(TestCatalog.TINY_BERT, host.current().ref());
    }

    @Test
    void allModelWorkRunsOnOneThreadInOrderAndCancelledQueuedWorkNeverStarts() throws Exception {
        host.load(catalog, TestCatalog.TINY_BERT, Cancellation.NONE, Progress.NONE).get();
        CountDownLatch release = new CountDownLatch(1);
        Future<Thread> blocker = host.submit((s, c, p) -> {
            release.await();
            return Thread.currentThread();
        }, Cancellation.NONE, Progress.NONE);
        AtomicBoolean ran = new AtomicBoolean();
        Future<Boolean> stale = host.submit((s, c, p) -> ran.getAndSet(true), Cancellation.NONE, Progress.NONE);
        stale.cancel(false);
        AtomicBoolean flag = new AtomicBoolean(true);
        Future<Boolean> flagged = host.submit((s, c, p) -> ran.getAndSet(true), flag::get, Progress.NONE);
        Future<Thread> last = host.submit((s, c, p) -> Thread.currentThread(), Cancellation.NONE, Progress.NONE);
        release.countDown();
        assertSame(blocker.get(), last.get());
        assertTrue(last.get().getName().contains("inference"));
        assertThrows(ExecutionException.class, flagged::get, "a job whose flag is up is skipped");
        assertFalse(ran.get(), "neither stale job ran");
    }
}
