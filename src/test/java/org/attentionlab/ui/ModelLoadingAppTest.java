package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.testkit.BrokenFolder;
import org.attentionlab.ui.testkit.HfReference;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loading models in the real app: the picker, folders, broken folders and cancelling, on the real engine. */
class ModelLoadingAppTest extends AppTestBase {
    private static final String CAT = "The cat sat on the mat.";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(BrokenFolder.class)
    void aBrokenModelFolderShowsWhatIsWrongAndWhatToDoAndThePreviousModelStaysUsable(BrokenFolder broken) throws Exception {
        ModelRef before = app.host().current().ref();
        Path folder = broken.create(dir);
        files.folders.add(folder);
        clickOn("#openFolderButton");
        waitUntil("the error dialog", () -> lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = lookup("#errorDialog").queryAs(DialogPane.class);
        String header = fx(dialog::getHeaderText);
        assertTrue(header.contains(folder.getFileName().toString()), "the header names the folder: " + header);
        String body = fx(dialog::getContentText);
        String[] parts = body.split("\n\n");
        assertEquals(2, parts.length, "a problem and a remedy: " + body);
        assertTrue(parts[0].contains(broken.problem), "the problem: " + parts[0]);
        assertTrue(parts[1].contains(broken.remedy), "the remedy: " + parts[1]);
        assertFalse(fx(() -> dialog.getExpandableContent() != null), "a known problem shows no stack trace");
        clickOn(fx(() -> dialog.lookupButton(ButtonType.OK)));

        assertEquals(before, app.host().current().ref(), "the previous model is still loaded");
        assertEquals(before, fx(() -> app.mainViewModel().pickedProperty().get()), "the picker shows it");
        assertTrue(fx(() -> ((Label) lookup("#noticeStatus").query()).getText()).contains("previous model"));
        assertEquals(1, catalog.opened.size(), "no session was made from the broken folder");
        assertFalse(catalog.opened.get(0).isClosed());

        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        AttentionLabAppTest.assertClose(hf.attentions()[0][0], shown().weights(), "the previous model still runs");
    }

    @Test
    void aModelFolderOpensAndReplacesTheLoadedModel() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("my-gpt"));
        try (var source = Files.list(TestModels.PIPELINE_GPT2)) {
            for (Path f : (Iterable<Path>) source::iterator) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        files.folders.add(folder);
        clickOn("#openFolderButton");
        waitUntil("the folder's model", () -> app.host().current().info().name().equals("my-gpt")
                && explorer().getLastRun().model().name().equals("my-gpt") && explorer().isIdle());
        assertTrue(fx(() -> ((Label) lookup("#modelStatus").query()).getText()).contains("my-gpt"));
        assertTrue(fx(() -> ((Label) lookup("#sizeStatus").query()).getText()).contains("2 layers"));
        assertEquals(ModelRef.Origin.FOLDER, app.host().current().ref().origin());
        assertTrue(catalog.opened.get(0).isClosed(), "the previous model was closed");
        assertTrue(fx(() -> app.mainViewModel().models().stream().anyMatch(r -> r.folder().equals(folder.toAbsolutePath()))),
                "the picker lists the opened folder");

        HfReference.Case hf = HfReference.gpt2(CAT);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        AttentionLabAppTest.assertClose(hf.attentions()[1][3], fx(() -> {
            explorer().layerProperty().set(1);
            explorer().headProperty().set(3);
            return explorer().getMatrix();
        }).weights(), "GPT-2 from a folder, layer 1, head 3");
    }

    @Test
    void aSeq2SeqFolderLoadsAndTheNavigatorSaysWhichLessonWillShowIt() throws Exception {
        ModelRef before = app.host().current().ref();
        Path folder = moreSamples.resolve(TestModels.SEQ2SEQ_SAMPLE.getFileName().toString());
        files.folders.add(folder);
        clickOn("#openFolderButton");
        waitUntil("the seq2seq model to load", () -> app.host().current().info().kind() == ModelKind.SEQ2SEQ);
        assertEquals(app.lessons().stream().filter(l -> l.supports(ModelKind.SEQ2SEQ)).map(Lesson::id).toList(),
                fx(() -> app.mainViewModel().visibleLessons().stream().map(Lesson::id).toList()),
                "only the lessons for seq2seq models are offered for it, no transformer lesson");
        assertTrue(fx(() -> app.mainViewModel().visibleLessons().stream().noneMatch(l -> l.supports(ModelKind.BERT)
                || l.supports(ModelKind.GPT2))), "no transformer lesson is offered for it");
        waitUntil("the navigator to switch to the seq2seq lab", () -> fx(() -> {
            Lesson current = app.mainViewModel().currentLessonProperty().get();
            return current != null && current.supports(ModelKind.SEQ2SEQ);
        }));

        fxRun(() -> app.mainViewModel().load(before));
        waitUntil("the explorer to come back", () -> fx(() -> app.mainViewModel().currentLessonProperty().get()) == explorerLesson()
                && explorer().getLastRun() != null && explorer().isIdle());
    }

    @Test
    void thePickerListsSamplesThenSupportedHuggingFaceCacheModelsAndLoadsOne() {
        ModelRef cached = model(TestModels.LONG_BERT_REPO);
        List<ModelRef> models = fx(() -> List.copyOf(app.mainViewModel().models()));
        assertEquals(List.of(BERT, TestModels.LONG_BERT_REPO, GPT2, "seq2seq-dot"), models.stream().map(ModelRef::name).toList(),
                "grouped by kind (BERT, GPT-2, seq2seq), samples before the cache within a kind; the cached llama is not offered");
        assertEquals(ModelRef.Origin.HF_CACHE, cached.origin());
        assertTrue(cached.folder().startsWith(hfCache), cached.folder().toString());

        // what the picker's list shows for each entry
        ComboBox<ModelRef> picker = lookup("#modelPicker").queryComboBox();
        clickOn(picker);
        waitUntil("the picker's list", () -> lookup(".combo-box-popup .list-cell").queryAll().size() >= 4);
        List<String> shownNames = fx(() -> lookup(".combo-box-popup .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() != null).map(ListCell::getText).toList());
        assertEquals(List.of("bert  (sample)", TestModels.LONG_BERT_REPO + "  (HF cache)", "gpt2  (sample)",
                "seq2seq-dot  (sample)"), shownNames);
        List<String> headings = fx(() -> lookup(".combo-box-popup .picker-group").queryAllAs(Label.class).stream()
                .map(Label::getText).toList());
        assertEquals(List.of("BERT", "GPT-2", "Seq2seq (RNN with attention)"), headings, "one heading per kind");
        assertEquals(4, fx(() -> lookup(".combo-box-popup .picker-about").queryAll().size()), "a description per model");
        clickOn(TestModels.LONG_BERT_REPO + "  (HF cache)");

        waitUntil("the cached model to load and run", () -> app.host().current().ref().equals(cached)
                && explorer().getLastRun().model().name().equals(TestModels.LONG_BERT_REPO) && explorer().isIdle());
        assertTrue(fx(() -> ((Label) lookup("#sizeStatus").query()).getText())
                .startsWith(TestModels.LONG_LAYERS + " layers \u00d7 " + TestModels.LONG_HEADS + " heads"));
        assertEquals(TestModels.LONG_LAYERS, explorer().layerCountProperty().get());
        assertEquals(TestModels.LONG_POSITIONS, app.host().current().info().maxPositions());
    }

    @Test
    void cancellingASlowLoadKeepsThePreviousModel() {
        ModelRef before = app.host().current().ref();
        ModelRef slow = model(TestModels.LONG_BERT_REPO);
        catalog.slowDisk(150);
        fxRun(() -> app.mainViewModel().pickedProperty().set(slow));
        waitUntil("the load to show progress", () -> lookup("#cancelLoadButton").query().isVisible()
                && fx(() -> app.mainViewModel().loadProgressProperty().get()) > 0);
        assertTrue(fx(() -> ((Label) lookup("#loadMessage").query()).getText()).contains(TestModels.LONG_BERT_REPO),
                "the status bar says what is loading");
        // the button's own action (fired, not clicked: after another test in this class the robot's
        // click on the status bar's small Cancel button does not always land in time, see the notes)
        fxRun(() -> ((javafx.scene.control.Button) lookup("#cancelLoadButton").query()).fire());
        waitUntil("the load to stop", () -> !fx(() -> app.mainViewModel().loadingProperty().get()));
        waitUntil("the loader to notice", () -> catalog.cancelledLoads.contains(slow));
        catalog.slowDisk(0);

        assertEquals(before, app.host().current().ref());
        assertEquals(before, fx(() -> app.mainViewModel().pickedProperty().get()));
        assertTrue(fx(() -> ((Label) lookup("#noticeStatus").query()).getText()).contains("cancelled"));
        assertEquals(1, catalog.opened.size(), "the cancelled load made no session");
        assertFalse(catalog.last().isClosed());
        assertTrue(catalog.loadThreads.stream().allMatch(t -> t.getName().contains("inference")),
                "models load on the inference thread");

        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        AttentionLabAppTest.assertClose(hf.attentions()[0][0], shown().weights(), "the previous model still runs");
        assertTrue(catalog.last().runThread().getName().contains("inference"), "model work runs on the inference thread");
    }

    /**
     * The watchdog of issue 16: while a long model run is in progress (a load slowed to 150 ms a
     * tensor), the FX thread keeps answering, measured as the largest gap between animation
     * pulses; and cancel gives control back quickly. The bounds (250 ms, 500 ms) are the issue's.
     */
    @Test
    void theFxThreadKeepsAnsweringDuringALongRunAndCancelReturnsControlQuickly() {
        // timing bounds mean nothing on a machine running several times more threads than it has cores
        double loadPerCore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
        org.junit.jupiter.api.Assumptions.assumeTrue(loadPerCore < 4,
                "skipped: the machine's load average is " + loadPerCore + " per core");
        ModelRef slow = model(TestModels.LONG_BERT_REPO);
        catalog.slowDisk(150);
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong worstGap = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
        javafx.animation.AnimationTimer pulses = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long before = last.getAndSet(t);
                if (before != 0) {
                    worstGap.accumulateAndGet(t - before, Math::max);
                }
                frames.incrementAndGet();
            }
        };
        fxRun(() -> {
            pulses.start();
            app.mainViewModel().pickedProperty().set(slow);
        });
        try {
            waitUntil("the load to show progress", () -> lookup("#cancelLoadButton").query().isVisible()
                    && fx(() -> app.mainViewModel().loadProgressProperty().get()) > 0);
            // watch the pulses while the model thread works
            fxRun(() -> {
                last.set(0);
                worstGap.set(0);
                frames.set(0);
            });
            sleep(1500);
            long gapMs = worstGap.get() / 1_000_000;
            int seen = frames.get();
            assertTrue(fx(() -> app.mainViewModel().loadingProperty().get()), "the load is still running while watched");
            assertTrue(seen > 10, "the FX thread pulsed " + seen + " times in 1.5 s");
            assertTrue(gapMs <= 250, "the largest gap between FX pulses during the load was " + gapMs + " ms");

            long clicked = System.nanoTime();
            fxRun(() -> ((javafx.scene.control.Button) lookup("#cancelLoadButton").query()).fire());
            waitUntil("the load to stop", () -> !fx(() -> app.mainViewModel().loadingProperty().get()));
            long backMs = (System.nanoTime() - clicked) / 1_000_000;
            assertTrue(backMs <= 500, "control came back " + backMs + " ms after cancel");
            System.out.printf("watchdog: %d FX pulses in 1.5 s of loading, largest gap %d ms; cancel returned in %d ms%n",
                    seen, gapMs, backMs);
        } finally {
            catalog.slowDisk(0);
            fxRun(pulses::stop);
        }
    }
}
