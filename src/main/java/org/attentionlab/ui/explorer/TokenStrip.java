package org.attentionlab.ui.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.figure.TokenLabels;
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

    /** What one chip shows; its tooltip is built from it on first hover. */
    private record Chip(int position, String raw, int id, String segment, boolean pair) {
    }

    /**
     * Shows {@code enc}'s tokens; null clears the strip. Chips are reused and only changed where
     * the text changed: a new node per token on every keystroke costs CSS work that, at 100+
     * tokens, is most of a keystroke's time.
     */
    public void show(Encoding enc, ModelKind kind) {
        if (enc == null) {
            getChildren().clear();
            return;
        }
        boolean pair = false;
        for (int t : enc.typeIds()) {
            pair |= t != 0;
        }
        int shown = 0;
        List<String> labels = TokenLabels.displayAll(enc.tokens(), kind);
        for (int i = 0; i < enc.length(); i++) {
            if (enc.attendMask()[i] == 0) {
                continue;
            }
            String raw = enc.tokens().get(i);
            Label chip;
            boolean fresh = shown >= getChildren().size();
            if (fresh) {
                chip = newChip();
                getChildren().add(chip);
            } else {
                chip = (Label) getChildren().get(shown);
            }
            shown++;
            String text = labels.get(i);
            if (!text.equals(chip.getText())) {
                chip.setText(text);
            }
            List<String> classes = new ArrayList<>(List.of("token"));
            if (enc.special()[i]) {
                classes.add("special");
            }
            if (pair) {
                classes.add(enc.typeIds()[i] == 0 ? "segment-a" : "segment-b");
            }
            if (!enc.special()[i] && continuesWord(raw, kind, i)) {
                classes.add("continuation");
            }
            if (i == selected) {
                classes.add("selected");
            }
            if (!chip.getStyleClass().equals(classes)) {
                chip.getStyleClass().setAll(classes);
            }
            Chip data = new Chip(i, raw, enc.ids()[i], enc.typeIds()[i] == 0 ? "A" : "B", pair);
            if (!data.equals(chip.getUserData())) {
                chip.setUserData(data);
                chip.setTooltip(null); // rebuilt on the next hover
            }
            if (fresh) {
                // Styled now, so the strip can be measured at once; styling the whole strip would
                // restyle every chip.
                chip.applyCss();
            }
        }
        if (shown < getChildren().size()) {
            getChildren().remove(shown, getChildren().size());
        }
    }

    private Label newChip() {
        Label chip = new Label();
        chip.setOnMouseClicked(e -> onSelect.accept(((Chip) chip.getUserData()).position()));
        // Built on first hover: a tooltip per chip up front would slow every keystroke.
        chip.setOnMouseEntered(e -> {
            if (chip.getTooltip() == null && chip.getUserData() instanceof Chip c) {
                Tooltip tip = new Tooltip(c.pair()
                        ? Messages.get("explorer.token.tooltipPair", c.position(), c.raw(), c.id(), c.segment())
                        : Messages.get("explorer.token.tooltip", c.position(), c.raw(), c.id()));
                tip.setShowDelay(Duration.millis(250));
                chip.setTooltip(tip);
            }
        });
        return chip;
    }

    /** Marks the chip at encoding position {@code position} (-1 for none). */
    public void select(int position) {
        selected = position;
        for (Node n : getChildren()) {
            boolean on = n.getUserData() instanceof Chip c && c.position() == position;
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
