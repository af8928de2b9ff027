package org.attentionlab.io.safetensors;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionlab.domain.ModelFormatException;

/** Opens the weights of a HuggingFace-layout model folder. */
public final class Checkpoints {
    private Checkpoints() {
    }

    /**
     * Opens {@code model.safetensors}, or the shards listed in {@code model.safetensors.index.json}.
     * A folder holding only PyTorch pickles is refused: model files are data, never code.
     */
    public static TensorSource open(Path modelDir) {
        Path single = modelDir.resolve("model.safetensors");
        Path index = modelDir.resolve("model.safetensors.index.json");
        // anything at these names (a folder, a pipe, a broken link) is opened, so its message says what it is
        if (Files.exists(single) || Files.isSymbolicLink(single)) {
            return SafeTensorsFile.open(single);
        }
        if (Files.exists(index) || Files.isSymbolicLink(index)) {
            return ShardedSafeTensors.open(index);
        }
        if (Files.exists(modelDir.resolve("pytorch_model.bin")) || Files.exists(modelDir.resolve("pytorch_model.bin.index.json"))) {
            throw new ModelFormatException("The folder " + modelDir + " has only pytorch_model.bin, a PyTorch pickle, which"
                    + " Attention Lab does not load because a pickle can run code.",
                    "Convert it once with Python: AutoModel.from_pretrained(dir).save_pretrained(dir, safe_serialization=True),"
                    + " which writes model.safetensors.");
        }
        throw new ModelFormatException("The folder " + modelDir + " has no model.safetensors.",
                "Choose a HuggingFace model folder (config.json, model.safetensors and tokenizer files).");
    }
}
