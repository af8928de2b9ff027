package org.attentionlab.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionlab.app.cli.BenchCommand;
import org.attentionlab.app.cli.Command;
import org.attentionlab.app.cli.ExportCommand;
import org.attentionlab.app.cli.GenerateCommand;
import org.attentionlab.app.cli.InspectCommand;
import org.attentionlab.app.cli.Seq2SeqCommand;
import org.attentionlab.domain.LabException;
import org.attentionlab.service.ModelCatalog;

/**
 * Entry point of {@code attention-lab.jar}: with no arguments the desktop app starts; with a
 * subcommand, it runs headless and prints JSON on stdout and logs on stderr.
 *
 * <p>This class must not extend {@code javafx.application.Application}: a shaded jar whose main
 * class is an Application fails to start on the class path.
 */
public final class Main {
    private Main() {
    }

    /** The subcommands, in the order the usage text lists them. */
    static Map<String, Command> commands() {
        ModelCatalog catalog = ModelCatalog.system();
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : List.<Command>of(
                new InspectCommand(catalog),
                new GenerateCommand(catalog),
                new ExportCommand(catalog),
                new Seq2SeqCommand(catalog),
                new BenchCommand(catalog))) {
            m.put(c.name(), c);
        }
        return m;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.exit(GuiLauncher.launch());
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a subcommand and returns its exit code (0 ok, 1 user error, 2 usage, 3 internal error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(commands, args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("error: unknown subcommand '" + args[0] + "'. Run with --help to see the subcommands.");
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(c.summary());
            out.println("usage: java -jar attention-lab.jar " + c.usage());
            return 0;
        }
        try {
            return c.run(rest, out, err);
        } catch (LabException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("error: internal error: " + e);
            e.printStackTrace(err);
            return 3;
        }
    }

    private static void usage(Map<String, Command> commands, PrintStream to) {
        to.println("Attention Lab");
        to.println("usage: java -jar attention-lab.jar                 start the desktop app");
        to.println("       java -jar attention-lab.jar COMMAND [options] run headless, JSON on stdout");
        to.println("commands:");
        commands.values().forEach(c -> to.printf("  %-10s %s%n", c.name(), c.summary()));
        to.println("COMMAND --help shows a command's options.");
    }
}
