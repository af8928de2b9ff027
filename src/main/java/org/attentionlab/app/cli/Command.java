package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.util.List;

/** One headless subcommand: JSON on {@code out}, logs on {@code err}, exit code returned. */
public interface Command {
    /** The word that selects it, e.g. {@code inspect}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Its options, as {@code COMMAND --help} prints them: the name first, optional parts in brackets. */
    String usage();

    /** Runs with the arguments after the subcommand name; returns the process exit code. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
