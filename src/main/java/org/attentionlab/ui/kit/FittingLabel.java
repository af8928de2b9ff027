package org.attentionlab.ui.kit;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A label that shows the first of its wordings (longest first) that fits its width, instead of
 * cutting one short with an ellipsis: "Examples only (k = 4)" on a wide screen, "Examples only"
 * on a projector's large type rather than a cut "Examples only (k =...". When a shorter wording
 * is shown, the full one is the label's tooltip. The label takes
 * the width its parent gives it (it grows to fill it), and the choice is made again whenever
 * that width or the font changes.
 */
public final class FittingLabel extends Label {
    private List<String> wordings = List.of("");
    private final Tooltip full = new Tooltip();

    public FittingLabel() {
        setMaxWidth(Double.MAX_VALUE);
        setMinWidth(0);
        widthProperty().addListener((obs, was, now) -> choose());
        fontProperty().addListener((obs, was, now) -> choose());
    }

    /** The wordings, longest (preferred) first; the last is shown when none fits. */
    public void setWordings(String... texts) {
        if (texts.length == 0) {
            throw new IllegalArgumentException("at least one wording");
        }
        wordings = List.of(texts);
        choose();
    }

    /** The wording the label would show at {@code width} pixels in {@code font}. */
    public String wordingFor(double width, Font font) {
        Insets in = getInsets();
        double room = width - in.getLeft() - in.getRight();
        for (String w : wordings) {
            if (textWidth(w, font) <= room) {
                return w;
            }
        }
        return wordings.get(wordings.size() - 1);
    }

    static double textWidth(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    @Override
    protected double computePrefWidth(double height) {
        // asks for the preferred wording's room, so a wide parent shows it whole
        Insets in = getInsets();
        return textWidth(wordings.get(0), getFont()) + in.getLeft() + in.getRight();
    }

    private void choose() {
        double width = getWidth();
        String chosen = width <= 0 ? wordings.get(0) : wordingFor(width, getFont());
        setText(chosen);
        if (chosen.equals(wordings.get(0))) {
            setTooltip(null);
        } else {
            full.setText(wordings.get(0));
            setTooltip(full);
        }
    }
}
