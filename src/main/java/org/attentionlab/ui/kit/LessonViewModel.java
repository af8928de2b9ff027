package org.attentionlab.ui.kit;

/**
 * The state of one lesson as properties, built by {@link LessonBase} before its view. Keep it
 * free of nodes so that it can be unit-tested without a JavaFX toolkit; run model work through a
 * {@link RunLoop}.
 */
public interface LessonViewModel {
    /**
     * Starts following the inputs and the loaded model (e.g. {@link RunLoop#followModel()}).
     * Called once, on the FX thread, after the view was built and bound.
     */
    void start();

    /** Sets the text the lesson starts with ({@code --lesson ID --text T}); called before {@link #start()}. */
    default void startWith(String text) {
    }
}
