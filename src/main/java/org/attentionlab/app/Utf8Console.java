package org.attentionlab.app;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments and output in UTF-8 whatever the locale. Under the POSIX locale Java 17 decodes
 * the command line as ASCII (every other byte becomes U+FFFD) and encodes stdout as ASCII, so a
 * prompt such as "Grüße" would reach the model and the JSON damaged.
 */
final class Utf8Console {
    private Utf8Console() {
    }

    /** System.out and System.err as UTF-8. */
    static void useUtf8Output() {
        System.setOut(stream(FileDescriptor.out));
        System.setErr(stream(FileDescriptor.err));
    }

    private static PrintStream stream(FileDescriptor fd) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 1 << 14), true, StandardCharsets.UTF_8);
    }

    /**
     * {@code args} as UTF-8. When the JVM decoded them with another charset, they are read again
     * from the process's own command line (Linux: /proc/self/cmdline), whose last entries are
     * these arguments' bytes; used only when those bytes are consistent with what the JVM made of them.
     */
    static String[] arguments(String[] args) {
        Charset jnu = charset(System.getProperty("sun.jnu.encoding"));
        if (jnu == null || jnu.equals(StandardCharsets.UTF_8) || args.length == 0) {
            return args;
        }
        Path cmdline = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(cmdline)) {
            return args;
        }
        try {
            return fromCommandLine(Files.readAllBytes(cmdline), args, jnu);
        } catch (IOException | RuntimeException e) {
            return args;
        }
    }

    /** The last {@code args.length} NUL-terminated entries of {@code cmdline}, decoded as UTF-8 when they match {@code args}. */
    static String[] fromCommandLine(byte[] cmdline, String[] args, Charset jnu) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                byte[] part = new byte[i - start];
                System.arraycopy(cmdline, start, part, 0, part.length);
                parts.add(part);
                start = i + 1;
            }
        }
        if (parts.size() < args.length) {
            return args;
        }
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            byte[] raw = parts.get(parts.size() - args.length + i);
            if (!new String(raw, jnu).equals(args[i])) {
                return args; // not the bytes the JVM decoded: leave everything as it was
            }
            out[i] = new String(raw, StandardCharsets.UTF_8);
        }
        return out;
    }

    private static Charset charset(String name) {
        try {
            return name == null ? null : Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
