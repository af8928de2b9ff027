package org.attentionlab.ui.shell;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.ui.FileDialogs;
import org.attentionlab.ui.Messages;

/** The platform's folder and save dialogs; remembers the last folder used. */
public final class FxFileDialogs implements FileDialogs {
    private File lastFolder;

    @Override
    public Optional<Path> chooseFolder(Window owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        File f = chooser.showDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        lastFolder = f.getParentFile();
        return Optional.of(f.toPath());
    }

    @Override
    public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, FigureExport.Format format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                Messages.get("files.filter." + format.extension()), "*." + format.extension()));
        if (lastFolder != null && lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        File f = chooser.showSaveDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        lastFolder = f.getParentFile();
        String name = f.getName();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith("." + format.extension())) {
            f = new File(f.getParentFile(), name + "." + format.extension());
        }
        return Optional.of(f.toPath());
    }
}
