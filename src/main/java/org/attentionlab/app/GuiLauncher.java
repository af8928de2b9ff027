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

    /** On Linux and other X11/Wayland systems, no display to open a window on (Monocle, for tests, needs none). */
    static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || System.getProperty("glass.platform") != null) {
            return false;
        }
        return blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The models the app offers: shipped samples and the local HuggingFace cache. */
    static ModelSource catalog() {
        return new CatalogModelSource(org.attentionlab.service.ModelCatalog.system());
    }

    static List<String> lessonIds() {
        return LessonRegistry.ids();
    }

    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'"
     * on every start from a single jar. The jar is the supported way to run this app, so that one
     * line is dropped; every other JavaFX message still shows. Held here: loggers are weak.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    static void quietUnnamedModuleWarning() {
        java.util.logging.Filter previous = JAVAFX_LOG.getFilter();
        JAVAFX_LOG.setFilter(r -> !isUnnamedModuleWarning(r.getMessage())
                && (previous == null || previous.isLoggable(r)));
    }

    static boolean isUnnamedModuleWarning(String message) {
        return message != null && message.startsWith("Unsupported JavaFX configuration");
    }

    /** Linux folders where GTK 3 is installed by the usual distributions. */
    static final List<String> LIB_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64",
            "/usr/lib", "/lib/x86_64-linux-gnu", "/lib64", "/usr/local/lib", "/run/current-system/sw/lib");

    /** True if libgtk-3.so.0 is in one of {@code dirs} or in LD_LIBRARY_PATH. */
    static boolean gtk3Present(List<String> dirs) {
        java.util.List<String> all = new java.util.ArrayList<>(dirs);
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            all.addAll(List.of(ld.split(java.io.File.pathSeparator)));
        }
        return all.stream().anyMatch(d -> !d.isEmpty() && java.nio.file.Files.exists(java.nio.file.Path.of(d, "libgtk-3.so.0")));
    }

    /** The one line printed when the window cannot open. */
    static String cannotOpen(Throwable e, boolean linux, boolean gtk3) {
        if (linux && !gtk3) {
            return "error: the window needs GTK 3, which is not installed (Debian/Ubuntu: sudo apt install libgtk-3-0; "
                    + "Fedora: sudo dnf install gtk3). The subcommands work without it: java -jar attention-lab.jar --help";
        }
        return "error: the window could not open (" + e.getMessage() + "). "
                + "Run it on a desktop, or use a subcommand: java -jar attention-lab.jar --help";
    }

    /** Opens the window; returns the process exit code once it closes. */
    static int launch(Start start) {
        if (noDisplay()) {
            System.err.println("error: the window cannot open: there is no display (DISPLAY and WAYLAND_DISPLAY are not set)."
                    + " Run it on a desktop, or use a subcommand: java -jar attention-lab.jar --help");
            return 1;
        }
        quietUnnamedModuleWarning();
        // The app draws PNG exports with java.awt; headless AWT keeps it from starting a second toolkit.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            AttentionLabApp.launch(new AttentionLabApp.Config(catalog(), new FxFileDialogs(), start.model() == null,
                    start.lesson(), start.model(), start.text(), LessonRegistry.builtIn(),
                    org.attentionlab.ui.shell.Settings.defaultFile()));
            return 0;
        } catch (RuntimeException | Error e) {
            boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
            System.err.println(cannotOpen(e, linux, !linux || gtk3Present(LIB_DIRS)));
            return 1;
        }
    }
}
