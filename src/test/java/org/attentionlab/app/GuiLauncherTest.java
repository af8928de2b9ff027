package org.attentionlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuiLauncherTest {
    @TempDir
    Path dir;

    @Test
    void withoutGtk3OnLinuxTheWindowFailureIsOneLineNamingGtk3AndTheInstall() {
        String line = GuiLauncher.cannotOpen(new UnsatisfiedLinkError("libgtk-3.so.0: cannot open shared object file"), true, false);
        assertEquals(1, line.lines().count());
        assertTrue(line.contains("GTK 3") && line.contains("libgtk-3-0") && line.contains("--help"), line);
        String other = GuiLauncher.cannotOpen(new RuntimeException("no display"), true, true);
        assertFalse(other.contains("GTK"), other);
    }

    @Test
    void gtk3IsFoundWhereItIsInstalled() throws Exception {
        assertFalse(GuiLauncher.gtk3Present(List.of(dir.toString())) && System.getenv("LD_LIBRARY_PATH") == null);
        Files.createFile(dir.resolve("libgtk-3.so.0"));
        assertTrue(GuiLauncher.gtk3Present(List.of(dir.toString())));
    }

    @Test
    void onlyTheUnnamedModuleWarningIsDropped() {
        assertTrue(GuiLauncher.isUnnamedModuleWarning(
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @5e9f23b4'"));
        assertFalse(GuiLauncher.isUnnamedModuleWarning("Loading FXML document with JavaFX API of version 21"));
    }
}
