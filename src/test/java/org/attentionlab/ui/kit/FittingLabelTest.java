package org.attentionlab.ui.kit;

import static org.attentionlab.ui.testkit.Fx.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The label picks the longest wording that fits its width, and tells the whole one in a tooltip. */
class FittingLabelTest {
    private static final String WHOLE = "Examples only (k = 4)";
    private static final String SHORT = "Examples only";

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** The label laid out in a column {@code width} pixels wide, at {@code size} points. */
    private static FittingLabel laidOut(double width, double size) {
        return fx(() -> {
            FittingLabel label = new FittingLabel();
            label.setFont(Font.font("System", size));
            label.setWordings(WHOLE, SHORT);
            VBox column = new VBox(label);
            column.setPrefWidth(width);
            column.setMaxWidth(width);
            new Scene(column, width, 100);
            column.applyCss();
            column.layout();
            return label;
        });
    }

    private static double width(String text, double size) {
        return fx(() -> FittingLabel.textWidth(text, Font.font("System", size)));
    }

    @Test
    void aWideColumnShowsTheWholeWordingWithoutATooltip() {
        FittingLabel label = laidOut(width(WHOLE, 13) + 40, 13);
        assertEquals(WHOLE, fx(label::getText));
        assertNull(fx(label::getTooltip));
    }

    @Test
    void projectorTypeInTheSameColumnShowsTheShortWordingAndTheWholeOneAsTooltip() {
        double column = width(WHOLE, 13) + 40;
        // large type: the whole wording no longer fits the column, the short one does
        double size = 13;
        while (width(WHOLE, size) <= column || width(SHORT, size) > column - 10) {
            size += 0.5;
            assertTrue(size < 60, "some size fits the short wording but not the whole one");
        }
        FittingLabel label = laidOut(column, size);
        assertEquals(SHORT, fx(label::getText));
        assertEquals(WHOLE, fx(() -> label.getTooltip().getText()));
        double room = fx(() -> label.getWidth() - label.getInsets().getLeft() - label.getInsets().getRight());
        assertTrue(width(SHORT, size) <= room, "the chosen wording fits: " + width(SHORT, size) + " in " + room);
    }

    @Test
    void whenNothingFitsTheShortestIsShown() {
        FittingLabel label = laidOut(20, 13);
        assertEquals(SHORT, fx(label::getText));
    }

    @Test
    void growingTheColumnAgainBringsTheWholeWordingBack() {
        FittingLabel label = laidOut(20, 13);
        String after = fx(() -> {
            VBox column = (VBox) label.getParent();
            column.setPrefWidth(600);
            column.setMaxWidth(600);
            column.resize(600, 100);
            column.layout();
            return label.getText();
        });
        assertEquals(WHOLE, after);
        assertNull(fx(label::getTooltip));
    }
}
