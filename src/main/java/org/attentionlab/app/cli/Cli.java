package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.attentionlab.domain.LabException;
import org.attentionlab.service.ModelCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code java -jar attention-lab.jar [--lesson ID ...] | COMMAND [options]}.
 * Subcommands are registered in {@link #COMMANDS}; see {@code package-info.java} for the recipe.
 *
 * <p>Exit codes: 0 ok, 1 a problem the user can fix (bad option or input, one line on stderr),
 * 2 no or unknown subcommand, 3 an internal error (with its stack trace, to report it).
 */
public final class Cli {
    /** The subcommands, in the order {@code --help} lists them. Add a lesson's command here. */
    static final List<Supplier<CliCommand>> COMMANDS = List.of(
            InspectCommand::new,
            GenerateCommand::new,
            ExportCommand::new,
            Seq2SeqCommand::new,
            BenchCommand::new);

    private static final String JAR = "java -jar attention-lab.jar";

    /** Opens the desktop app on a lesson; supplied by the launcher so that this package needs no JavaFX. */
    public interface Gui {
        /** The lesson ids the app knows, in navigator order. */
        List<String> lessonIds();

        /** Opens the window on {@code lesson}, optionally loading {@code model} and typing {@code text}; returns the exit code. */
        int open(String lesson, String model, String text);
    }

    private Cli() {
    }

    /** Runs {@code args} and returns the exit code. */
    public static int run(String[] args, ModelCatalog catalog, Gui gui, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Root(gui, err));
        for (Supplier<CliCommand> factory : COMMANDS) {
            CliCommand command = factory.get();
            command.bind(catalog, out, err);
            cl.addSubcommand(command);
        }
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.setParameterExceptionHandler(Cli::badArguments);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failed(e, err));
        cl.setExecutionStrategy(Cli::refuseUnknownThenRun);
        // Wide enough that a synopsis stays on one line: the help is read, and also parsed by tests.
        cl.setUsageHelpWidth(200);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, Cli::optionList);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, Cli::optionList);
        }
        try {
            return cl.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** A bad option or value: one line that says what and points to --help. */
    private static int badArguments(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        boolean root = line.getParent() == null;
        // An unknown option is reported before a missing one: a typo is the likely cause of both.
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched() : line.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            if (root && !first.startsWith("-")) {
                err.println("error: unknown subcommand '" + first + "'. Run with --help to see the subcommands.");
                return 2;
            }
            String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            err.println("error: Unknown option " + option + ". Run the command with --help to see its options.");
        } else {
            err.println("error: " + e.getMessage() + ". Run " + line.getCommandName() + " --help to see its options.");
        }
        err.flush();
        return root ? 2 : 1;
    }

    /** Picocli prints the help even when an unknown option follows --help; we refuse the unknown option first. */
    private static int refuseUnknownThenRun(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int failed(Exception e, PrintStream err) {
        if (e instanceof LabException lab) {
            err.println("error: " + lab.getMessage());
            return 1;
        }
        err.println("error: internal error: " + e);
        e.printStackTrace(err);
        return 3;
    }

    /** Each option on one line: its names, its value's name, what it does and its default. */
    private static String optionList(Help help) {
        CommandSpec spec = help.commandSpec();
        List<String[]> rows = new ArrayList<>();
        int width = 0;
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            boolean flag = o.arity().max() == 0;
            String label = String.join(", ", o.names()) + (flag ? "" : " " + o.paramLabel());
            StringBuilder text = new StringBuilder(String.join(" ", o.description()));
            if (o.required()) {
                text.append(" (required)");
            } else if (!flag && o.defaultValue() != null) {
                text.append(" (default: ").append(o.defaultValue()).append(')');
            }
            rows.add(new String[] {label, text.toString()});
            width = Math.max(width, label.length());
        }
        StringBuilder sb = new StringBuilder("options:%n".formatted());
        for (String[] row : rows) {
            sb.append(String.format("  %-" + width + "s  %s%n", row[0], row[1]));
        }
        return sb.toString();
    }

    /** The top level: the desktop app on a lesson, or the list of subcommands. */
    @Command(name = "attention-lab", synopsisHeading = "",
            customSynopsis = {
                "usage: " + JAR + "                                     start the desktop app",
                "       " + JAR + " --lesson ID [--model M] [--text T]  open the app on a lesson",
                "       " + JAR + " COMMAND [options]                   run headless, JSON on stdout"},
            commandListHeading = "commands:%n",
            footer = "COMMAND --help shows a command's options.",
            header = "Attention Lab")
    static final class Root implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        private boolean help;

        @Spec
        private CommandSpec spec;

        @Option(names = "--lesson", paramLabel = "ID", description = "open the app on this lesson")
        private String lesson;

        @Option(names = "--model", paramLabel = "M", description = "with --lesson: load this model (sample name, folder or cache name)")
        private String model;

        @Option(names = "--text", paramLabel = "T", description = "with --lesson: start with this text")
        private String text;

        private final Gui gui;
        private final PrintStream err;

        Root(Gui gui, PrintStream err) {
            this.gui = gui;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (lesson == null) {
                if (model != null || text != null) {
                    err.println("error: --model and --text open the app only together with --lesson ID.");
                    return 1;
                }
                spec.commandLine().usage(err, Help.Ansi.OFF);
                return 2;
            }
            List<String> ids = gui.lessonIds();
            if (!ids.contains(lesson)) {
                err.println("error: there is no lesson '" + lesson + "'; the lessons are: " + String.join(", ", ids) + ".");
                return 1;
            }
            return gui.open(lesson, model, text);
        }
    }
}
