package org.attentionlab.io.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;

/** Picks and loads the tokenizer a model folder needs. */
public final class Tokenizers {
    private Tokenizers() {
    }

    /**
     * Loads the tokenizer for a model of the given kind from its folder: {@link WordPieceTokenizer}
     * for BERT (vocab.txt), {@link ByteLevelBpeTokenizer} for GPT-2 (vocab.json + merges.txt);
     * either falls back to tokenizer.json.
     *
     * @throws ModelFormatException if the folder lacks the files, they are malformed, or the kind has no
     *                              HuggingFace tokenizer (seq2seq models carry their own vocabulary)
     */
    public static Tokenizer load(Path modelDir, ModelKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        switch (kind) {
            case BERT:
                return WordPieceTokenizer.load(modelDir);
            case GPT2:
                return ByteLevelBpeTokenizer.load(modelDir);
            default:
                throw new ModelFormatException("A " + kind + " model has no HuggingFace tokenizer to load from " + modelDir + ".",
                        "Load its vocabulary with the seq2seq model itself.");
        }
    }

    /**
     * Guesses the kind from the files present: vocab.txt means BERT, vocab.json or merges.txt
     * GPT-2; for tokenizer.json alone, its model type (WordPiece or BPE) decides.
     *
     * @throws ModelFormatException if no tokenizer files are found
     */
    public static ModelKind detectKind(Path modelDir) {
        TokenizerFiles files = TokenizerFiles.open(modelDir);
        if (files.exists("vocab.txt")) {
            return ModelKind.BERT;
        }
        if (files.exists("vocab.json") || files.exists("merges.txt")) {
            return ModelKind.GPT2;
        }
        if (files.exists("tokenizer.json")) {
            String type = TokenizerFiles.json(files.file("tokenizer.json")).path("model").path("type").asText("");
            if (type.equals("WordPiece")) {
                return ModelKind.BERT;
            }
            if (type.equals("BPE")) {
                return ModelKind.GPT2;
            }
            throw new ModelFormatException("The tokenizer.json in " + modelDir + " describes a \"" + type
                    + "\" tokenizer; Attention Lab reads WordPiece (BERT) and byte-level BPE (GPT-2).",
                    "Choose a BERT or GPT-2 model.");
        }
        throw new ModelFormatException("The folder " + modelDir + " has no tokenizer files (vocab.txt, vocab.json"
                + " with merges.txt, or tokenizer.json).",
                "Copy the tokenizer files from the model's HuggingFace repository into this folder.");
    }

    /** True if {@code dir} looks like it holds tokenizer files of either kind. */
    public static boolean hasTokenizerFiles(Path dir) {
        return dir != null && (Files.isRegularFile(dir.resolve("vocab.txt")) || Files.isRegularFile(dir.resolve("vocab.json"))
                || Files.isRegularFile(dir.resolve("tokenizer.json")));
    }
}
