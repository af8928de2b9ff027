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
    },
    // a sample of the malformed-input corpus (org.attentionlab.robustness.MalformedCorpus, issue 16)
    CONFIG_IS_A_FIFO("not a regular file", "Copy the real file") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.delete(dir.resolve("config.json"));
            try {
                if (new ProcessBuilder("mkfifo", dir.resolve("config.json").toString()).start().waitFor() != 0) {
                    throw new IOException("mkfifo failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    },
    CONFIG_LINKED_TO_DEV_ZERO("link to a device", "Copy the real file") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.delete(dir.resolve("config.json"));
            Files.createSymbolicLink(dir.resolve("config.json"), Path.of("/dev/zero"));
        }
    },
    HIDDEN_SIZE_THAT_OVERFLOWS("more than this program can hold", "config.json saved with the model") {
        @Override
        void breakIt(Path dir) throws IOException {
            Path config = dir.resolve("config.json");
            Files.writeString(config, Files.readString(config).replace("\"hidden_size\": 32", "\"hidden_size\": 30000")
                    .replace("\"intermediate_size\": 64", "\"intermediate_size\": 120000"));
        }
    },
    LOWER_CASE_DTYPE("not a safetensors type", "Re-save the model") {
        @Override
        void breakIt(Path dir) throws IOException {
            Path weights = dir.resolve("model.safetensors");
            byte[] all = Files.readAllBytes(weights);
            String latin = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
            int at = latin.indexOf("\"F32\"");
            all[at + 1] = 'f'; // same length, so the header stays where it was
            Files.write(weights, all);
        }
    },
    BYTES_NO_TENSOR_COVERS("no tensor covers", "Re-save the model") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.write(dir.resolve("model.safetensors"), new byte[16], java.nio.file.StandardOpenOption.APPEND);
        }
    },
    SHARD_NAME_WITH_A_NUL("control characters", "index saved with the model's shards") {
        @Override
        void breakIt(Path dir) throws IOException {
            Files.move(dir.resolve("model.safetensors"), dir.resolve("model-00001.safetensors"));
            Files.writeString(dir.resolve("model.safetensors.index.json"),
                    "{\"weight_map\": {\"bert.embeddings.word_embeddings.weight\": \"model\\u0000.safetensors\"}}");
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
