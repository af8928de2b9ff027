package org.attentionlab.app;

import org.attentionlab.ui.ModelCatalog;
import org.attentionlab.ui.shell.FxFileDialogs;

/**
 * Starts the desktop app for {@code java -jar attention-lab.jar} without arguments.
 *
 * <p>The model catalog (samples, folders, the HuggingFace cache, loading) comes from the
 * service layer through {@link AppModelCatalog}.
 */
final class GuiLauncher {
    private GuiLauncher() {
    }

    /** The models the app offers: shipped samples and the local HuggingFace cache. */
    static ModelCatalog catalog() {
        return new AppModelCatalog(org.attentionlab.service.ModelCatalog.system());
    }

    /** Opens the window; returns the process exit code once it closes. */
    static int launch() {
        // The app draws PNG exports with java.awt; headless AWT keeps it from starting a second toolkit.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            AttentionLabApp.launch(new AttentionLabApp.Config(catalog(), new FxFileDialogs(), true));
            return 0;
        } catch (RuntimeException | Error e) {
            System.err.println("error: the window could not open (" + e.getMessage() + "). "
                    + "Run it on a desktop, or use a subcommand: java -jar attention-lab.jar --help");
            return 1;
        }
    }
}
