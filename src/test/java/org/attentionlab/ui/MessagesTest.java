package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text key the views and the code use exists in the bundle, so no "!key!" reaches the screen. */
class MessagesTest {
    private final ResourceBundle bundle = Messages.bundle();

    @Test
    void everyPercentKeyInTheFxmlViewsIsInTheBundle() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern key = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");
        // the shell's views in fxml/, the lessons' beside their classes in src/main/resources
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("fxml")), Files.walk(Path.of("src/main/resources")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    if (!Messages.has(m.group(1))) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "missing: " + missing);
    }

    @Test
    void everyLiteralKeyPassedToMessagesGetIsInTheBundle() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern key = Pattern.compile("Messages\\.get\\(\"([A-Za-z0-9_.]+)\"\\s*[,)]"); // prefixes + names: see below
        int seen = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    seen++;
                    if (!Messages.has(m.group(1))) {
                        missing.add(f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertTrue(seen > 50, "the scan found the calls (" + seen + ")");
        assertTrue(missing.isEmpty(), "missing: " + missing);
    }

    @Test
    void keysBuiltFromEnumsAndMapNamesExist() {
        for (org.attentionlab.domain.ModelKind k : org.attentionlab.domain.ModelKind.values()) {
            assertTrue(bundle.containsKey("picker.group." + k.name()), "picker.group." + k.name());
            assertTrue(bundle.containsKey("picker.about." + k.name()), "picker.about." + k.name());
        }
        for (org.attentionlab.service.ModelRef.Origin o : org.attentionlab.service.ModelRef.Origin.values()) {
            assertTrue(bundle.containsKey("picker.entry." + o.name()), o.name());
        }
        for (org.attentionlab.figure.ColorMap m : org.attentionlab.figure.ColorMap.all()) {
            assertTrue(bundle.containsKey("colormap." + m.name()), m.name());
        }
        for (org.attentionlab.figure.FigureExport.Format f : org.attentionlab.figure.FigureExport.Format.values()) {
            assertTrue(bundle.containsKey("explorer.export.title." + f.extension()));
            assertTrue(bundle.containsKey("files.filter." + f.extension()));
        }
    }
}
