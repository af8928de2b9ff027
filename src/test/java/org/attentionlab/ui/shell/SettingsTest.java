package org.attentionlab.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.service.ModelRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void whatIsPutIsThereAfterARestartAndTheFileIsCreatedWithItsFolder() {
        Path file = dir.resolve("sub").resolve("settings.properties");
        Settings s = Settings.load(file);
        s.put("theme", "DARK");
        s.put("explorer.text", "Once upon\na time, \u00e7a va");
        s.save();
        Settings again = Settings.load(file);
        assertEquals(Optional.of("DARK"), again.get("theme"));
        assertEquals(Optional.of("Once upon\na time, \u00e7a va"), again.get("explorer.text"));
        assertTrue(again.problem().isEmpty());
    }

    @Test
    void aCorruptFileIsIgnoredWithItsNameAndNeverThrows() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "theme=DARK\nbroken=\\u12G4\n");
        Settings s = Settings.load(file);
        assertEquals(Optional.empty(), s.get("theme"), "nothing half-read");
        assertEquals(Optional.of(file.toString()), s.problem());
        s.put("theme", "LIGHT");
        s.save();
        assertEquals(Optional.of("LIGHT"), Settings.load(file).get("theme"), "the next save repairs it");
    }

    @Test
    void noFileRemembersNothing() {
        Settings s = Settings.none();
        s.put("theme", "DARK");
        s.save();
        assertEquals(Optional.of("DARK"), s.get("theme"));
        assertEquals(0.5, s.getDouble("missing", 0.5));
    }

    @Test
    void lookingForModelsAgainSaysHowManyOfEachKind() {
        List<ModelRef> found = List.of(ref("a", ModelKind.BERT), ref("b", ModelKind.GPT2), ref("c", ModelKind.SEQ2SEQ),
                ref("d", ModelKind.SEQ2SEQ));
        String text = MainViewModel.foundText(found);
        assertTrue(text.startsWith("Found 4 models: 1 BERT, 1 GPT-2, 2 Seq2seq"), text);
    }

    private ModelRef ref(String name, ModelKind kind) {
        return new ModelRef(name, dir.resolve(name), ModelRef.Origin.SAMPLE,
                new ModelRef.Facts(kind, 2, 2, null, null, null));
    }
}
