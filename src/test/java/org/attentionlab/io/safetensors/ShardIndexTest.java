package org.attentionlab.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionlab.domain.ModelFormatException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed shard indexes (issue 16): each is a format error that names the entry. */
class ShardIndexTest {
    @TempDir
    Path dir;

    @BeforeEach
    void oneShard() throws IOException {
        new SafeTensorsWriter().add("a", new float[] {1, 2}, 2).write(dir.resolve("s1.safetensors"));
    }

    private ModelFormatException refused(String weightMapJson) throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": " + weightMapJson + "}");
        return assertThrows(ModelFormatException.class, () -> Checkpoints.open(dir));
    }

    @Test
    void shardNameWithANulIsAFormatErrorNamingTheEntry() throws IOException {
        var e = refused("{\"a\": \"s1.safe\\u0000tensors\"}");
        assertTrue(e.problem().contains("\"a\"") && e.problem().contains("\\u0000"), e.getMessage());
    }

    @Test
    void shardNameWithControlCharactersOrNoTextIsRefused() throws IOException {
        assertTrue(refused("{\"a\": \"s1\\n.safetensors\"}").problem().contains("\\u000a"));
        assertTrue(refused("{\"a\": 7}").problem().contains("not a file name"));
        assertTrue(refused("{\"a\": \"\"}").problem().contains("not a file name"));
        assertTrue(refused("{\"a\": null}").problem().contains("not a file name"));
    }

    @Test
    void shardNamesThatLeaveTheFolderOrNameItAreRefused() throws IOException {
        refused("{\"a\": \"../s1.safetensors\"}");
        refused("{\"a\": \"/etc/passwd\"}");
        assertTrue(refused("{\"a\": \".\"}").problem().contains("outside the model folder"));
        var e = refused("{\"a\": \"sub\"}");
        Files.createDirectory(dir.resolve("sub2"));
        e = refused("{\"a\": \"sub2\"}");
        assertTrue(e.problem().contains("folder"), e.getMessage());
    }

    @Test
    void duplicateTensorInTheIndexIsRefused() throws IOException {
        var e = refused("{\"a\": \"s1.safetensors\", \"a\": \"s1.safetensors\"}");
        assertTrue(e.problem().contains("'a'") || e.problem().contains("Duplicate"), e.getMessage());
    }

    @Test
    void missingShardSaysWhichFile() throws IOException {
        var e = refused("{\"a\": \"s2.safetensors\"}");
        assertTrue(e.problem().contains("s2.safetensors"), e.getMessage());
    }

    @Test
    void validIndexStillOpens() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": {\"a\": \"s1.safetensors\"}}");
        try (TensorSource s = Checkpoints.open(dir)) {
            assertEquals(2, s.readFloats("a").length);
        }
    }
}
