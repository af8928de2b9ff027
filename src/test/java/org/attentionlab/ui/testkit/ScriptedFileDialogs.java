package org.attentionlab.ui.testkit;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.stage.Window;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.ui.FileDialogs;

/** TEST ONLY. Answers file dialogs with paths queued by the test. */
public final class ScriptedFileDialogs implements FileDialogs {
    public final Deque<Path> folders = new ArrayDeque<>();
    public final Deque<Path> saves = new ArrayDeque<>();
    public volatile String lastSuggestedName;

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        return Optional.ofNullable(folders.poll());
    }

    @Override
    public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, FigureExport.Format format) {
        lastSuggestedName = suggestedName;
        return Optional.ofNullable(saves.poll());
    }
}
