package org.attentionlab.app;

import java.io.PrintStream;
import java.util.List;
import org.attentionlab.app.cli.Cli;
import org.attentionlab.service.ModelCatalog;

/**
 * Entry point of {@code attention-lab.jar}: with no arguments the desktop app starts; with
 * {@code --lesson ID} it starts on that lesson; with a subcommand, it runs headless and prints
 * JSON on stdout and logs on stderr (see {@link Cli}).
 *
 * <p>This class must not extend {@code javafx.application.Application}: a shaded jar whose main
 * class is an Application fails to start on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.exit(GuiLauncher.launch(GuiLauncher.Start.DEFAULT));
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 user error, 2 usage, 3 internal error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, ModelCatalog.system(), new Cli.Gui() {
            @Override
            public List<String> lessonIds() {
                return GuiLauncher.lessonIds();
            }

            @Override
            public int open(String lesson, String model, String text) {
                return GuiLauncher.launch(new GuiLauncher.Start(lesson, model, text));
            }
        }, out, err);
    }
}
