package org.attentionlab.ui.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.SplitPane;

/**
 * Gives a lesson's main figures the whole height on a projector: while presentation mode is on,
 * each vertical split's divider moves to the bottom, so its upper pane (the figure that carries
 * the lesson) fills the split and the lower one (a secondary figure) waits one drag of the
 * divider away; when presentation mode ends, every divider goes back where the user left it.
 */
public final class PresentationPanes {
    private final List<SplitPane> splits;
    private final double[] saved;

    private PresentationPanes(List<SplitPane> splits) {
        this.splits = List.copyOf(splits);
        this.saved = new double[splits.size()];
    }

    /** Follows {@code presentation} for the given two-pane vertical splits, from now on. */
    public static PresentationPanes follow(ObservableBooleanValue presentation, SplitPane... splits) {
        Objects.requireNonNull(presentation, "presentation");
        List<SplitPane> list = new ArrayList<>(List.of(splits));
        for (SplitPane s : list) {
            if (s.getItems().size() != 2) {
                throw new IllegalArgumentException("a split of two panes, not " + s.getItems().size());
            }
        }
        PresentationPanes panes = new PresentationPanes(list);
        presentation.addListener((obs, was, on) -> panes.apply(on));
        if (presentation.get()) {
            panes.apply(true);
        }
        return panes;
    }

    private void apply(boolean presenting) {
        for (int i = 0; i < splits.size(); i++) {
            SplitPane s = splits.get(i);
            if (presenting) {
                saved[i] = s.getDividerPositions()[0];
                s.setDividerPosition(0, 1.0);
            } else {
                s.setDividerPosition(0, saved[i]);
            }
        }
    }
}
