package org.attentionlab.ui.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST ONLY. Model folders broken the ways users break them, each made from a copy of the
 * pipeline BERT, with words the app's explanation must contain: what is wrong, and what to do.
 */
public enum BrokenFolder {
    MISSING_CONFIG("no config.json", "HuggingFace model folder") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.delete(dir.resolve("config.json"));
        }
    },
    TRUNCATED_WEIGHTS("truncated", "download its model.safetensors again") {
        @Override
        void breakIt(Path dir) throws IOException {
            Path weights = dir.resolve("model.safetensors");
            byte[] all = Files.readAllBytes(weights);
            Files.write(weights, java.util.Arrays.copyOf(all, all.length / 2)); // a download that stopped half-way
        }
    },
    UNKNOWN_MODEL_TYPE("\"llama\"", "supported types") {
        @Override
        void breakIt(Path dir) throws IOException {
            Path config = dir.resolve("config.json");
            Files.writeString(config, Files.readString(config).replace("\"model_type\": \"bert\"", "\"model_type\": \"llama\""));
        }
    },
    PYTORCH_BIN_ONLY("pytorch_model.bin", "safe_serialization=True") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.delete(dir.resolve("model.safetensors"));
            // The app must refuse it by its name alone: a pickle is code and is never opened.
            Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 0x02, 'c', 'o', 's', '\n'});
        }
    },
    MISSING_VOCAB("no vocab.txt", "Copy vocab.txt") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.delete(dir.resolve("vocab.txt"));
        }
    };

    /** Words of the problem sentence. */
    public final String problem;
    /** Words of the remedy sentence. */
    public final String remedy;

    BrokenFolder(String problem, String remedy) {
        this.problem = problem;
        this.remedy = remedy;
    }

    abstract void breakIt(Path dir) throws IOException;

    /** Writes the broken folder as {@code parent/<name>} and returns it. */
    public Path create(Path parent) throws IOException {
        Path dir = parent.resolve(name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        Files.createDirectories(dir);
        try (var files = Files.list(TestModels.PIPELINE_BERT)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        breakIt(dir);
        return dir;
    }
}
