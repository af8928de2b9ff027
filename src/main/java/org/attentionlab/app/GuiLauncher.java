package org.attentionlab.app;

import java.util.List;
import org.attentionlab.ui.ModelSource;
import org.attentionlab.ui.shell.FxFileDialogs;

/**
 * Starts the desktop app for {@code java -jar attention-lab.jar} without arguments, or on one
 * lesson for {@code --lesson ID [--model M] [--text T]}.
 *
 * <p>The model catalog (samples, folders, the HuggingFace cache, loading) comes from the
 * service layer through {@link CatalogModelSource}.
 */
final class GuiLauncher {
    /**
     * Where the window starts.
     *
     * @param lesson the lesson id to show first, or null for the first one
     * @param model  the model to load (sample name, folder or cache name), or null for the first found
     * @param text   the text the lesson starts with, or null for its own
     */
    record Start(String lesson, String model, String text) {
        static final Start DEFAULT = new Start(null, null, null);
    }

    private GuiLauncher() {
    }

    /** The models the app offers: shipped samples and the local HuggingFace cache. */
    static ModelSource catalog() {
        return new CatalogModelSource(org.attentionlab.service.ModelCatalog.system());
    }

    static List<String> lessonIds() {
        return LessonRegistry.ids();
    }

    /** Opens the window; returns the process exit code once it closes. */
    static int launch(Start start) {
        // The app draws PNG exports with java.awt; headless AWT keeps it from starting a second toolkit.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            AttentionLabApp.launch(new AttentionLabApp.Config(catalog(), new FxFileDialogs(), start.model() == null,
                    start.lesson(), start.model(), start.text(), LessonRegistry.builtIn()));
            return 0;
        } catch (RuntimeException | Error e) {
            System.err.println("error: the window could not open (" + e.getMessage() + "). "
                    + "Run it on a desktop, or use a subcommand: java -jar attention-lab.jar --help");
            return 1;
        }
    }
}
