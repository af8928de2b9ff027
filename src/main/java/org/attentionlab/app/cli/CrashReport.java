package org.attentionlab.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What the command line prints for a failure that is not the project's own error type (a bug)
 * or an {@link Error} such as running out of memory: one line that says what failed and where
 * the details are, and the stack trace in a log file instead of on the terminal.
 */
public final class CrashReport {
    /** System property naming the folder for crash logs (default: ~/.attention-lab/logs). */
    public static final String LOG_DIR_PROPERTY = "attentionlab.logDir";

    private CrashReport() {
    }

    /** Prints the one line for {@code t} on {@code err}, writes its details to a log file, and returns exit code 3. */
    public static int report(Throwable t, PrintStream err) {
        Path log = write(t);
        String where = log == null ? " (the details could not be written to a log file)" : " Details are in " + log + ".";
        if (t instanceof OutOfMemoryError) {
            err.println("error: Attention Lab ran out of memory (" + firstLine(t.getMessage()) + ")." + where
                    + " Use a smaller model or input, or give Java more memory (java -Xmx4g -jar ...).");
        } else if (t instanceof StackOverflowError) {
            err.println("error: the input nests too deeply for Attention Lab (stack overflow)." + where);
        } else {
            err.println("error: internal error: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())) + "." + where
                    + " Please report it with that file.");
        }
        err.flush();
        return 3;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Writes the stack trace; returns the file, or null when no folder could be written. */
    static Path write(Throwable t) {
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            w.println("Attention Lab crash report, " + LocalDateTime.now());
            w.println("java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            t.printStackTrace(w);
        }
        String name = "crash-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))
                + "-" + ProcessHandle.current().pid() + ".log";
        String configured = System.getProperty(LOG_DIR_PROPERTY);
        Path[] folders = configured != null ? new Path[] {Path.of(configured)} : new Path[] {
                Path.of(System.getProperty("user.home"), ".attention-lab", "logs"),
                Path.of(System.getProperty("java.io.tmpdir"), "attention-lab-logs")};
        for (Path folder : folders) {
            try {
                Files.createDirectories(folder);
                Path file = folder.resolve(name);
                Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
                return file;
            } catch (IOException | RuntimeException e) {
                // try the next folder
            }
        }
        return null;
    }
}
