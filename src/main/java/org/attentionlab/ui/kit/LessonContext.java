package org.attentionlab.ui.kit;

import java.time.Duration;
import javafx.beans.value.ObservableBooleanValue;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.concurrent.ModelHost;

/**
 * What the shell gives every lesson: the model host to run work on, and ways to report errors,
 * runs and ask for files.
 *
 * @param host   owns the loaded model and the inference thread
 * @param errors shows what went wrong and what to do
 * @param runs   told after each model run, for the status bar
 * @param files  asks the user for folders and file names
 * @param presentation true while the shell is in presentation mode (F5), for lessons whose
 *               layout changes on a projector
 */
public record LessonContext(ModelHost host, ErrorReporter errors, RunListener runs, FileDialogs files,
                            ObservableBooleanValue presentation) {
    /** Receives the wall time of each finished model run. */
    @FunctionalInterface
    public interface RunListener {
        void ran(Duration took);
    }
}
