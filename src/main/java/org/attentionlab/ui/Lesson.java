package org.attentionlab.ui;

import javafx.scene.Parent;
import org.attentionlab.domain.ModelKind;

/**
 * One lesson of the navigator: a view with its own state, built once and kept while the app
 * runs. A lesson appears only while the loaded model is of a kind it {@link #supports}.
 */
public interface Lesson {
    /** Stable id, e.g. {@code explorer}. */
    String id();

    /** Name shown in the navigator. */
    String title();

    /** One sentence shown as the navigator's tooltip. */
    String description();

    /** True when the lesson works with models of this kind. */
    boolean supports(ModelKind kind);

    /** The lesson's view; built on the first call, the same node afterwards. */
    Parent view();

    /** Sets the text the lesson starts with ({@code --lesson ID --text T}); lessons without text ignore it. */
    default void startWith(String text) {
    }

    /** Called when the lesson becomes the visible one. */
    default void shown() {
    }

    /** Called when another lesson replaces it. */
    default void hidden() {
    }
}
