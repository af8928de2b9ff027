package org.attentionlab.ui.explorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.figure.AttentionSlices;
import org.attentionlab.ui.concurrent.ModelHost;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.TransformerSession;
import org.attentionlab.service.explorer.ExplorerRun;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's selection logic, without a JavaFX toolkit, on runs of real models: the pipeline
 * BERT (2 layers x 4 heads, 48 positions) and a larger one (3 layers x 6 heads).
 */
class AttentionExplorerViewModelTest {
    @TempDir
    static Path models;
    private static TransformerSession bert;
    private static TransformerSession larger;

    private final ModelHost host = new ModelHost(Runnable::run);
    private final AttentionExplorerViewModel vm = new AttentionExplorerViewModel(host, (c, e) -> { }, d -> { });

    @BeforeAll
    static void open() throws Exception {
        bert = ModelSessions.openTransformer(new ModelRef("bert", TestModels.PIPELINE_BERT, ModelRef.Origin.SAMPLE));
        larger = ModelSessions.openTransformer(new ModelRef("larger", TestModels.writeLongBert(models.resolve("larger")), ModelRef.Origin.FOLDER));
    }

    @AfterAll
    static void close() {
        bert.close();
        larger.close();
    }

    private static ExplorerRun run(TransformerSession s, String text) {
        Encoding enc = s.encode(text);
        ForwardTrace t = s.run(enc, EnumSet.of(TraceItem.ATTENTIONS));
        return new ExplorerRun(s.info(), text, null, t, 1);
    }

    @Test
    void aRunShowsTheSelectedHeadOfTheTrace() {
        ExplorerRun r = run(bert, "the cat sat");
        vm.layerProperty().set(1);
        vm.headProperty().set(3);
        vm.accept(r);
        assertArrayEquals(r.trace().attentions()[1][3][1], vm.getMatrix().weights()[1]);
        assertEquals(2, vm.layerCountProperty().get());
        assertEquals(4, vm.headCountProperty().get());
    }

    @Test
    void aSmallerModelPullsLayerAndHeadBackIntoRange() {
        vm.accept(run(larger, "a big cat"));
        vm.layerProperty().set(2);
        vm.headProperty().set(5);
        vm.accept(run(bert, "a big cat"));
        assertEquals(1, vm.layerProperty().get());
        assertEquals(3, vm.headProperty().get());
    }

    @Test
    void movingLayerAndHeadStopsAtTheEnds() {
        vm.accept(run(bert, "the dog"));
        vm.moveLayer(-1);
        assertEquals(0, vm.layerProperty().get());
        vm.moveLayer(5);
        assertEquals(1, vm.layerProperty().get());
        for (int i = 0; i < 5; i++) {
            vm.moveHead(1);
        }
        assertEquals(3, vm.headProperty().get());
    }

    @Test
    void movingTheHeadLeavesTheMeanOfHeads() {
        vm.accept(run(bert, "the dog"));
        vm.averageHeadsProperty().set(true);
        float[][] mean = AttentionSlices.meanOverHeads(vm.getLastRun().trace().attentions()[0]);
        assertArrayEquals(mean[0], vm.getMatrix().weights()[0], 1e-7f);
        vm.moveHead(1);
        assertFalse(vm.averageHeadsProperty().get());
        assertArrayEquals(vm.getLastRun().trace().attentions()[0][1][0], vm.getMatrix().weights()[0]);
    }

    @Test
    void optionsReshapeTheMapWithoutRunningTheModelAgain() {
        ExplorerRun r = run(bert, "she saw the bird");
        vm.accept(r);
        vm.hideSpecialProperty().set(true);
        assertFalse(vm.getMatrix().rowTokens().contains("[CLS]"));
        vm.topKProperty().set(1);
        for (float[] row : vm.getMatrix().weights()) {
            int nonZero = 0;
            for (float v : row) {
                nonZero += v > 0 ? 1 : 0;
            }
            assertEquals(1, nonZero);
        }
        assertTrue(vm.getLastRun() == r, "the trace is the same run");
    }

    @Test
    void clickingAThumbnailOpensThatHeadAsAHeatmap() {
        vm.accept(run(larger, "the big red bird"));
        vm.viewModeProperty().set(ViewMode.MODEL);
        vm.averageHeadsProperty().set(true);
        vm.open(2, 1);
        assertEquals(ViewMode.HEATMAP, vm.viewModeProperty().get());
        assertEquals(2, vm.layerProperty().get());
        assertEquals(1, vm.headProperty().get());
        assertFalse(vm.averageHeadsProperty().get());
    }

    @Test
    void clickingTheSameTokenTwiceClearsTheHighlight() {
        vm.toggleToken(2);
        assertEquals(2, vm.selectedTokenProperty().get());
        vm.toggleToken(2);
        assertEquals(-1, vm.selectedTokenProperty().get());
    }

    @Test
    void aShorterInputDropsAHighlightPastItsEnd() {
        vm.accept(run(bert, "a b c d e f"));
        vm.toggleToken(6);
        vm.accept(run(bert, "a"));
        assertEquals(-1, vm.selectedTokenProperty().get());
    }

    @Test
    void noRunMeansNoMap() {
        assertNull(vm.getMatrix());
    }

    @Test
    void textLongerThanTheModelAcceptsIsAnInputErrorWithARemedy() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append("cat ");
        }
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> AttentionExplorerViewModel.compute(bert, text.toString(), null));
        assertTrue(e.problem().contains("62"), e.problem());
        assertTrue(e.problem().contains("48"), "the pipeline BERT reads 48 positions: " + e.problem());
        assertFalse(e.remedy().isEmpty());
    }
}
