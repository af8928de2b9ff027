package org.attentionlab.ui.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.attentionlab.ui.kit.LessonMemory;

/**
 * What the app remembers between starts (theme, last model, window size, each lesson's last
 * text...), as a properties file in the user's configuration folder. A file that cannot be read
 * is ignored with a notice; a file that cannot be written is skipped silently (the app works
 * without it). No file at all ({@link #none()}) keeps nothing, as in tests.
 */
public final class Settings implements LessonMemory {
    private final Path file;
    private final Properties values = new Properties();
    private String problem;

    private Settings(Path file) {
        this.file = file;
    }

    /** Remembers nothing. */
    public static Settings none() {
        return new Settings(null);
    }

    /** The settings in {@code file} (it need not exist yet). */
    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (file != null && Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                s.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                s.values.clear();
                s.problem = file.toString();
            }
        }
        return s;
    }

    /** The user's settings file: $XDG_CONFIG_HOME or ~/.config on Linux, %APPDATA% on Windows, Library/Application Support on macOS. */
    public static Path defaultFile() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home", "."));
        Path dir;
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            dir = appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return dir.resolve("Attention Lab").resolve("settings.properties");
        } else if (os.contains("mac")) {
            dir = home.resolve("Library").resolve("Application Support");
            return dir.resolve("Attention Lab").resolve("settings.properties");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        dir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return dir.resolve("attention-lab").resolve("settings.properties");
    }

    /** The unreadable file that was ignored, if any. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    @Override
    public void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    public double getDouble(String key, double fallback) {
        try {
            return get(key).map(Double::parseDouble).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Writes the file (through a temporary file, so a crash never leaves half a file). */
    public void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(w, "Attention Lab settings");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // Not remembering is no reason to disturb a lesson.
        }
    }
}
