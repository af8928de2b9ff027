package org.attentionlab.ui.explorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.service.render.AttentionSlices;
import org.attentionlab.ui.concurrent.ModelHost;
import org.attentionlab.ui.testkit.SeededModelSession;
import org.junit.jupiter.api.Test;

/** The explorer's selection logic, without a JavaFX toolkit. */
class AttentionExplorerViewModelTest {
    private final ModelHost host = new ModelHost(Runnable::run);
    private final AttentionExplorerViewModel vm = new AttentionExplorerViewModel(host, (c, e) -> { }, d -> { });

    private ExplorerRun run(SeededModelSession s, String text) {
        Encoding enc = s.encode(text);
        ForwardTrace t = s.run(enc, EnumSet.of(TraceItem.ATTENTIONS));
        return new ExplorerRun(s.info(), text, null, t, 1);
    }

    @Test
    void aRunShowsTheSelectedHeadOfTheTrace() {
        ExplorerRun r = run(new SeededModelSession("b", ModelKind.BERT, 3, 4), "the cat sat");
        vm.layerProperty().set(2);
        vm.headProperty().set(3);
        vm.accept(r);
        assertArrayEquals(r.trace().attentions()[2][3][1], vm.getMatrix().weights()[1]);
        assertEquals(3, vm.layerCountProperty().get());
        assertEquals(4, vm.headCountProperty().get());
    }

    @Test
    void aSmallerModelPullsLayerAndHeadBackIntoRange() {
        vm.accept(run(new SeededModelSession("big", ModelKind.BERT, 6, 6), "a b c"));
        vm.layerProperty().set(5);
        vm.headProperty().set(5);
        vm.accept(run(new SeededModelSession("small", ModelKind.BERT, 2, 2), "a b c"));
        assertEquals(1, vm.layerProperty().get());
        assertEquals(1, vm.headProperty().get());
    }

    @Test
    void movingLayerAndHeadStopsAtTheEnds() {
        vm.accept(run(new SeededModelSession("b", ModelKind.BERT, 2, 3), "x y"));
        vm.moveLayer(-1);
        assertEquals(0, vm.layerProperty().get());
        vm.moveLayer(5);
        assertEquals(1, vm.layerProperty().get());
        vm.moveHead(1);
        vm.moveHead(1);
        vm.moveHead(1);
        assertEquals(2, vm.headProperty().get());
    }

    @Test
    void movingTheHeadLeavesTheMeanOfHeads() {
        vm.accept(run(new SeededModelSession("b", ModelKind.BERT, 2, 3), "x y"));
        vm.averageHeadsProperty().set(true);
        float[][] mean = AttentionSlices.meanOverHeads(vm.getLastRun().trace().attentions()[0]);
        assertArrayEquals(mean[0], vm.getMatrix().weights()[0], 1e-7f);
        vm.moveHead(1);
        assertFalse(vm.averageHeadsProperty().get());
        assertArrayEquals(vm.getLastRun().trace().attentions()[0][1][0], vm.getMatrix().weights()[0]);
    }

    @Test
    void optionsReshapeTheMapWithoutRunningTheModelAgain() {
        ExplorerRun r = run(new SeededModelSession("b", ModelKind.BERT, 2, 2), "one two three");
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
        vm.accept(run(new SeededModelSession("b", ModelKind.BERT, 4, 4), "x y z"));
        vm.viewModeProperty().set(ViewMode.MODEL);
        vm.averageHeadsProperty().set(true);
        vm.open(3, 1);
        assertEquals(ViewMode.HEATMAP, vm.viewModeProperty().get());
        assertEquals(3, vm.layerProperty().get());
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
        vm.accept(run(new SeededModelSession("b", ModelKind.BERT, 1, 1), "a b c d e f"));
        vm.toggleToken(6);
        vm.accept(run(new SeededModelSession("b", ModelKind.BERT, 1, 1), "a"));
        assertEquals(-1, vm.selectedTokenProperty().get());
    }

    @Test
    void noRunMeansNoMap() {
        assertNull(vm.getMatrix());
    }

    @Test
    void textLongerThanTheModelAcceptsIsAnInputErrorWithARemedy() {
        SeededModelSession s = new SeededModelSession("b", ModelKind.BERT, 1, 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            text.append("w ");
        }
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> AttentionExplorerViewModel.compute(s, text.toString(), null));
        assertTrue(e.problem().contains("602"), e.problem());
        assertTrue(e.problem().contains("512"), e.problem());
        assertFalse(e.remedy().isEmpty());
    }
}
