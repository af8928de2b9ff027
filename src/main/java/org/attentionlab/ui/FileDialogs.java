package org.attentionlab.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;
import org.attentionlab.figure.FigureExport;

/**
 * Asks the user for a folder to open or a file to save. The app uses JavaFX choosers; tests
 * substitute answers so they can drive the real app headless.
 */
public interface FileDialogs {
    Optional<Path> chooseFolder(Window owner, String title);

    /** @param suggestedName file name to propose, with its extension */
    Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, FigureExport.Format format);
}
