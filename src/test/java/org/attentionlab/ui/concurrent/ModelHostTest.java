package org.attentionlab.ui.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
import org.attentionlab.service.TransformerSession;
import org.attentionlab.app.CatalogModelSource;
import org.attentionlab.ui.testkit.InstrumentedModelSource;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inference thread's model ownership, with real model folders loaded by the real catalog. */
class ModelHostTest {
    private static final ModelRef BERT = new ModelRef("bert", TestModels.PIPELINE_BERT.toAbsolutePath(), ModelRef.Origin.SAMPLE);
    private static final ModelRef GPT2 = new ModelRef("gpt2", TestModels.PIPELINE_GPT2.toAbsolutePath(), ModelRef.Origin.SAMPLE);

    private final ModelHost host = new ModelHost(Runnable::run);
    private final InstrumentedModelSource catalog = new InstrumentedModelSource(new CatalogModelSource(TestModels.catalog(Path.of("no-cache"))));

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
        host.load(catalog, BERT, Cancellation.NONE, Progress.NONE).get();
        InstrumentedModelSource.TrackedSession first = catalog.opened.get(0);
        ModelRef broken = new ModelRef("broken", Path.of("/nonexistent/broken"), ModelRef.Origin.FOLDER);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> host.load(catalog, broken, Cancellation.NONE, Progress.NONE).get());
        assertInstanceOf(ModelFormatException.class, e.getCause());
        assertEquals(BERT, host.current().ref());
        assertFalse(first.isClosed());
        assertEquals(9, host.submit((s, c, p) -> TransformerSession.of(s).encode("The cat sat on the mat.").length(), Cancellation.NONE,
                Progress.NONE).get(), "the previous model still tokenizes");
    }

    @Test
    void aSuccessfulLoadClosesTheOldModel() throws Exception {
        host.load(catalog, BERT, Cancellation.NONE, Progress.NONE).get();
        host.load(catalog, GPT2, Cancellation.NONE, Progress.NONE).get();
        assertTrue(catalog.opened.get(0).isClosed());
        assertFalse(catalog.opened.get(1).isClosed());
        assertEquals("gpt2", host.current().info().name());
    }

    @Test
    void aLoadCancelledMidwayLeavesThePreviousModel() throws Exception {
        host.load(catalog, BERT, Cancellation.NONE, Progress.NONE).get();
        catalog.slowDisk(100);
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Future<ModelHost.CurrentModel> slow = host.load(catalog, GPT2, cancel::get, (d, t, m) -> started.countDown());
        assertTrue(started.await(5, TimeUnit.SECONDS));
        cancel.set(true);
        assertThrows(ExecutionException.class, slow::get);
        assertEquals(List.of(GPT2), catalog.cancelledLoads, "the real loader stopped part-way");
        assertEquals(BERT, host.current().ref());
        assertEquals(1, catalog.opened.size());
        assertFalse(catalog.opened.get(0).isClosed());
    }

    @Test
    void allModelWorkRunsOnOneThreadInOrderAndCancelledQueuedWorkNeverStarts() throws Exception {
        host.load(catalog, BERT, Cancellation.NONE, Progress.NONE).get();
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
