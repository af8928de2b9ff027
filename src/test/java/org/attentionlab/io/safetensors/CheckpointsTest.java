package org.attentionlab.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.attentionlab.domain.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void shardedCheckpointReadsEveryTensorFromItsShard() throws IOException {
        new SafeTensorsWriter().add("a", new float[] {1, 2}, 2).write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafeTensorsWriter().add("b", new float[] {3}, 1).add("c", new float[] {4, 5, 6}, 3)
                .write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"), """
                {"metadata": {"total_size": 24}, "weight_map": {
                  "a": "model-00001-of-00002.safetensors",
                  "b": "model-00002-of-00002.safetensors",
                  "c": "model-00002-of-00002.safetensors"}}
                """);
        try (TensorSource s = Checkpoints.open(dir)) {
            assertEquals(Set.of("a", "b", "c"), s.names());
            assertArrayEquals(new float[] {1, 2}, s.readFloats("a"));
            assertArrayEquals(new float[] {4, 5, 6}, s.readFloats("c"));
            assertArrayEquals(new long[] {3}, s.info("c").shape());
        }
    }

    @Test
    void indexNamingATensorItsShardLacksIsRefused() throws IOException {
        new SafeTensorsWriter().add("a", new float[] {1}, 1).write(dir.resolve("s1.safetensors"));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"s1.safetensors\", \"ghost\": \"s1.safetensors\"}}");
        var e = assertThrows(ModelFormatException.class, () -> Checkpoints.open(dir));
        assertTrue(e.problem().contains("ghost"), e.getMessage());
    }

    @Test
    void indexPointingOutsideTheFolderIsRefused() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"../elsewhere.safetensors\"}}");
        assertThrows(ModelFormatException.class, () -> Checkpoints.open(dir));
    }

    @Test
    void pytorchPickleOnlyFolderIsRefusedWithConversionAdvice() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        var e = assertThrows(ModelFormatException.class, () -> Checkpoints.open(dir));
        assertTrue(e.problem().contains("pickle"), e.getMessage());
        assertTrue(e.remedy().contains("safe_serialization=True"), e.getMessage());
    }

    @Test
    void folderWithoutWeightsSaysWhatIsMissing() {
        var e = assertThrows(ModelFormatException.class, () -> Checkpoints.open(dir));
        assertTrue(e.problem().contains("model.safetensors"), e.getMessage());
    }
}
