package org.attentionlab.io.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what a model folder should hold (issue 16): pipes, devices, looping links,
 * folders and oversized files are refused with a message naming the file, and never block.
 */
class ModelFilesTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    static Path mkfifo(Path p) throws Exception {
        assumeTrue(new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0, "mkfifo is not available");
        return p;
    }

    private static ModelFormatException refused(Path file) {
        return assertTimeoutPreemptively(BOUND, () -> assertThrows(ModelFormatException.class, () -> ModelFiles.readBytes(file)));
    }

    @Test
    void regularFileIsReadWhole() throws IOException {
        Path f = Files.write(dir.resolve("config.json"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, ModelFiles.readBytes(f));
    }

    @Test
    void fifoIsRefusedWithoutBlocking() throws Exception {
        var e = refused(mkfifo(dir.resolve("config.json")));
        assertTrue(e.problem().contains("config.json") && e.problem().contains("not a regular file"), e.getMessage());
    }

    @Test
    void linkToDevZeroIsRefusedBeforeReading() throws IOException {
        Path dev = Path.of("/dev/zero");
        assumeTrue(Files.exists(dev));
        var e = refused(Files.createSymbolicLink(dir.resolve("config.json"), dev));
        assertTrue(e.problem().contains("link to a device"), e.getMessage());
    }

    @Test
    void symlinkLoopIsNamed() throws IOException {
        Path a = dir.resolve("config.json");
        Files.createSymbolicLink(a, dir.resolve("other.json"));
        Files.createSymbolicLink(dir.resolve("other.json"), a);
        var e = refused(a);
        assertTrue(e.problem().contains("symbolic link") && e.problem().contains("config.json"), e.getMessage());
    }

    @Test
    void danglingLinkIsNamed() throws IOException {
        var e = refused(Files.createSymbolicLink(dir.resolve("vocab.json"), dir.resolve("gone.json")));
        assertTrue(e.problem().contains("does not exist"), e.getMessage());
    }

    @Test
    void folderWhereAFileIsExpectedIsNamed() throws IOException {
        var e = refused(Files.createDirectory(dir.resolve("config.json")));
        assertTrue(e.problem().contains("is a folder"), e.getMessage());
    }

    @Test
    void missingFileIsLeftToTheCaller() {
        assertThrows(NoSuchFileException.class, () -> ModelFiles.readBytes(dir.resolve("nope.json")));
    }

    @Test
    void fileOverTheLimitIsRefusedNamingItBeforeAllocating() throws IOException {
        Path big = dir.resolve("tokenizer.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ModelFiles.MAX_TEXT_BYTES + 1); // sparse: no disk used
        }
        var e = refused(big);
        assertTrue(e.problem().contains("tokenizer.json") && e.problem().contains("64.0 MB"), e.getMessage());
    }

    @Test
    void configJsonThatIsAFifoFailsTheModelLoadWithAMessage() throws Exception {
        mkfifo(dir.resolve("config.json"));
        var e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ModelFormatException.class, () -> Models.load(dir)));
        assertTrue(e.problem().contains("not a regular file"), e.getMessage());
    }

    @Test
    void configJsonLinkedToDevZeroFailsTheModelLoadWithAMessage() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Files.createSymbolicLink(dir.resolve("config.json"), Path.of("/dev/zero"));
        var e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ModelFormatException.class, () -> Models.load(dir)));
        assertTrue(e.problem().contains("config.json"), e.getMessage());
    }

    @Test
    void seq2seqVocabularyThatIsAFifoFailsTheLoadWithAMessage() throws Exception {
        Path model = dir.resolve("s2s");
        Files.createDirectory(model);
        Path sample = Path.of("sample-models/seq2seq-dot");
        for (String f : new String[] {"config.json", "model.safetensors", "tgt_vocab.json"}) {
            Files.copy(sample.resolve(f), model.resolve(f));
        }
        mkfifo(model.resolve("src_vocab.json"));
        var e = assertTimeoutPreemptively(BOUND, () -> assertThrows(ModelFormatException.class, () -> Seq2SeqModel.load(model)));
        assertTrue(e.getMessage().contains("src_vocab.json") && e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
