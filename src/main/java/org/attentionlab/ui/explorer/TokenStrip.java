package org.attentionlab.ui.explorer;

import java.util.function.IntConsumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.service.render.TokenLabels;
import org.attentionlab.ui.Messages;

/**
 * The text exactly as the model saw it: one chip per token, special tokens and the second
 * sentence of a pair styled apart, and pieces that continue a word marked so subword splits are
 * visible. Clicking a chip selects that token.
 */
public final class TokenStrip extends FlowPane {
    private IntConsumer onSelect = i -> { };
    private int selected = -1;

    public TokenStrip() {
        getStyleClass().add("token-strip");
    }

    public void setOnSelect(IntConsumer onSelect) {
        this.onSelect = onSelect;
    }

    /** Shows {@code enc}'s tokens; null clears the strip. */
    public void show(Encoding enc, ModelKind kind) {
        getChildren().clear();
        if (enc == null) {
            return;
        }
        boolean anyB = false;
        for (int t : enc.typeIds()) {
            anyB |= t != 0;
        }
        boolean pair = anyB;
        for (int i = 0; i < enc.length(); i++) {
            if (enc.attendMask()[i] == 0) {
                continue;
            }
            String raw = enc.tokens().get(i);
            Label chip = new Label(TokenLabels.display(raw, kind));
            chip.getStyleClass().add("token");
            if (enc.special()[i]) {
                chip.getStyleClass().add("special");
            }
            if (pair) {
                chip.getStyleClass().add(enc.typeIds()[i] == 0 ? "segment-a" : "segment-b");
            }
            if (!enc.special()[i] && continuesWord(raw, kind, i)) {
                chip.getStyleClass().add("continuation");
            }
            int position = i;
            int id = enc.ids()[i];
            String segment = enc.typeIds()[i] == 0 ? "A" : "B";
            chip.setUserData(position);
            chip.setOnMouseClicked(e -> onSelect.accept(position));
            // Built on first hover: a tooltip per chip up front would slow every keystroke.
            chip.setOnMouseEntered(e -> {
                if (chip.getTooltip() == null) {
                    Tooltip tip = new Tooltip(pair
                            ? Messages.get("explorer.token.tooltipPair", position, raw, id, segment)
                            : Messages.get("explorer.token.tooltip", position, raw, id));
                    tip.setShowDelay(Duration.millis(250));
                    chip.setTooltip(tip);
                }
            });
            getChildren().add(chip);
        }
        select(selected);
    }

    /** Marks the chip at encoding position {@code position} (-1 for none). */
    public void select(int position) {
        selected = position;
        for (Node n : getChildren()) {
            boolean on = n.getUserData() instanceof Integer p && p == position;
            if (on) {
                if (!n.getStyleClass().contains("selected")) {
                    n.getStyleClass().add("selected");
                }
            } else {
                n.getStyleClass().remove("selected");
            }
        }
    }

    /** True for a piece that glues onto the previous one rather than starting a new word. */
    static boolean continuesWord(String raw, ModelKind kind, int position) {
        if (kind == ModelKind.GPT2) {
            // Byte-level BPE marks a word start with a leading space (Ġ); the first token has none.
            char c = raw.isEmpty() ? ' ' : raw.charAt(0);
            return position > 0 && c != '\u0120' && c != '\u010a' && Character.isLetterOrDigit(c);
        }
        return raw.startsWith("##");
    }
}
