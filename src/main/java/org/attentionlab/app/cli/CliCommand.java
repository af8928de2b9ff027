package org.attentionlab.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.attentionlab.service.ModelCatalog;
import picocli.CommandLine.Option;

/**
 * A headless subcommand: picocli fills its {@code @Option} fields, then {@link #run()} prints
 * one JSON object on {@link #out} and logs on {@link #err}, and returns the exit code.
 *
 * <p>Errors are thrown, not printed: a {@link org.attentionlab.domain.LabException} becomes the
 * one line {@code error: problem remedy} and exit code 1 (see {@link Cli}). Every subclass gets
 * {@code -h, --help}, which prints its options with their defaults.
 */
public abstract class CliCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    /** Where model names, folders and cache names are resolved. */
    protected ModelCatalog catalog;
    /** The JSON result. */
    protected PrintStream out;
    /** Progress and log lines. */
    protected PrintStream err;

    /** Called by {@link Cli} before the command runs. */
    final void bind(ModelCatalog catalog, PrintStream out, PrintStream err) {
        this.catalog = catalog;
        this.out = out;
        this.err = err;
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Runs with the parsed options; returns the process exit code. */
    protected abstract int run() throws Exception;
}
