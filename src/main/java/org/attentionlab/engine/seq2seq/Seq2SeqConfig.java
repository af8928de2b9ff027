package org.attentionlab.engine.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.ConfigJson;
import org.attentionlab.io.files.ModelFiles;

/**
 * The {@code config.json} of a seq2seq model folder ({@code "model_type": "attention-lab-seq2seq"}).
 * Every key is described in docs/seq2seq-format.md.
 *
 * @param rnnType              encoder and decoder cell ({@code "rnn_type"})
 * @param score                attention score function ({@code "score"}), or {@link ScoreFunction#NONE} for a model
 *                             without attention ({@code "attention": "none"}, when {@code "score"} is not needed)
 * @param sourceVocabSize      rows of {@code encoder.embedding.weight} and entries of src_vocab.json
 * @param targetVocabSize      rows of {@code decoder.embedding.weight} and {@code out.weight}; entries of tgt_vocab.json
 * @param embeddingSize        word embedding width (encoder and decoder)
 * @param hiddenSize           decoder state width, which is also the width of an encoder state
 *                             (each direction has hiddenSize / 2 when the encoder is bidirectional)
 * @param layers               stacked RNN layers, the same in encoder and decoder
 * @param bidirectionalEncoder whether the encoder reads the source both ways
 * @param attentionSize        width of the MLP score's hidden layer (0 unless score is mlp)
 * @param maxSourceLength      most encoder positions accepted, counting the appended {@code </s>}
 * @param maxTargetLength      most decoder steps, counting the final {@code </s>}
 * @param padId                id of {@code <pad>} in both vocabularies
 * @param bosId                id of {@code <s>} in both vocabularies (the decoder's first input)
 * @param eosId                id of {@code </s>} in both vocabularies (ends source and output)
 * @param unkId                id of {@code <unk>} in both vocabularies (words not in the vocabulary)
 * @param lowercase            whether the tokenizer lower-cases text first
 * @param splitDigits          whether the tokenizer makes every digit its own token
 */
public record Seq2SeqConfig(RnnType rnnType, ScoreFunction score, int sourceVocabSize, int targetVocabSize,
                            int embeddingSize, int hiddenSize, int layers, boolean bidirectionalEncoder,
                            int attentionSize, int maxSourceLength, int maxTargetLength,
                            int padId, int bosId, int eosId, int unkId, boolean lowercase, boolean splitDigits) {

    /** The {@code model_type} that marks a folder as this format. */
    public static final String MODEL_TYPE = "attention-lab-seq2seq";
    /** The newest {@code format_version} this code reads. */
    public static final int FORMAT_VERSION = 1;
    /** The longest source or target accepted: far beyond any sentence, small enough to decode in seconds. */
    public static final int MAX_LENGTH = 4096;

    private static final String REMEDY =
            "Fix config.json as described in docs/seq2seq-format.md, or save the model again with the training script.";

    /** Width of one encoder direction's hidden state. */
    public int encoderDirectionSize() {
        return bidirectionalEncoder ? hiddenSize / 2 : hiddenSize;
    }

    /** 2 for a bidirectional encoder, else 1. */
    public int encoderDirections() {
        return bidirectionalEncoder ? 2 : 1;
    }

    /** Reads and checks {@code dir/config.json}. */
    public static Seq2SeqConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(ModelFiles.readString(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("The folder " + dir + " has no config.json.",
                    "Choose a seq2seq model folder (config.json, model.safetensors, src_vocab.json, tgt_vocab.json).");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException("The seq2seq config " + file + " is not valid JSON: " + e.getOriginalMessage(), REMEDY, e);
        } catch (IOException e) {
            throw new ModelFormatException("The seq2seq config " + file + " is not readable JSON: " + e.getMessage(), REMEDY, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException("The seq2seq config " + file + " is not a JSON object.", REMEDY);
        }
        return fromJson(root);
    }

    /** Builds and checks a config from the parsed JSON object of config.json. */
    public static Seq2SeqConfig fromJson(JsonNode root) {
        String modelType = text(root, "model_type");
        if (!MODEL_TYPE.equals(modelType)) {
            throw new ModelFormatException("config.json says model_type '" + modelType + "', but a seq2seq model needs '"
                    + MODEL_TYPE + "'.", "Open this folder as the model it is, or fix model_type.");
        }
        if (root.has("format_version")) {
            int version = integer(root, "format_version", 1, Integer.MAX_VALUE);
            if (version > FORMAT_VERSION) {
                throw new ModelFormatException("config.json has format_version " + version + ", newer than the version "
                        + FORMAT_VERSION + " this Attention Lab reads.", "Update Attention Lab, or save the model in version 1.");
            }
        }
        String rnnName = text(root, "rnn_type");
        RnnType rnnType = RnnType.fromConfigName(rnnName);
        if (rnnType == null) {
            throw new ModelFormatException("config.json has rnn_type '" + rnnName + "', which is not one of \"gru\", \"lstm\".", REMEDY);
        }
        String attentionMode = root.has("attention") ? text(root, "attention") : "global";
        ScoreFunction score;
        if ("none".equals(attentionMode) || "none".equals(root.path("score").asText(""))) {
            // "score": "none" is the sample recipe's spelling of the same model
            score = ScoreFunction.NONE;
        } else if ("global".equals(attentionMode) && "none".equals(root.path("score").asText(null))) {
            score = ScoreFunction.NONE; // "score": "none" says the same as "attention": "none" (the samples' spelling)
        } else if ("global".equals(attentionMode)) {
            String scoreName = text(root, "score");
            score = ScoreFunction.fromConfigName(scoreName);
            if (score == null) {
                throw new ModelFormatException("config.json has score '" + scoreName
                        + "', which is not one of \"dot\", \"bilinear\", \"mlp\".", REMEDY);
            }
        } else {
            throw new ModelFormatException("config.json has attention '" + attentionMode
                    + "', which is not one of \"global\" (the default), \"none\".", REMEDY);
        }
        if (root.has("input_feeding") && root.get("input_feeding").asBoolean(true)) {
            throw new ModelFormatException("config.json asks for input feeding, which this format does not have: the decoder"
                    + " reads only the previous target word.", "Train the model without input feeding (see docs/seq2seq-format.md).");
        }
        int srcVocab = integer(root, "src_vocab_size", 4, 10_000_000);
        int tgtVocab = integer(root, "tgt_vocab_size", 4, 10_000_000);
        int embedding = integer(root, "embedding_size", 1, 1 << 16);
        int hidden = integer(root, "hidden_size", 1, 1 << 16);
        int layers = integer(root, "num_layers", 1, 64);
        boolean bidirectional = bool(root, "bidirectional_encoder", false);
        if (bidirectional && hidden % 2 != 0) {
            throw new ModelFormatException("config.json has a bidirectional encoder with odd hidden_size " + hidden
                    + "; each direction gets hidden_size / 2, so it must be even.", REMEDY);
        }
        int attention = 0;
        if (score == ScoreFunction.MLP) {
            attention = integer(root, "attention_size", 1, 1 << 16);
        }
        // a decode keeps every step's scores and logits, and a model that never says </s> runs
        // to the limit: keep both lengths to what a lesson can show
        int maxSource = integer(root, "max_source_length", 2, MAX_LENGTH);
        int maxTarget = integer(root, "max_target_length", 1, MAX_LENGTH);
        ConfigJson.requireArrayFits("the output weight (tgt_vocab_size x hidden_size)", tgtVocab, hidden);
        ConfigJson.requireArrayFits("a source embedding (src_vocab_size x embedding_size)", srcVocab, embedding);
        ConfigJson.requireArrayFits("a target embedding (tgt_vocab_size x embedding_size)", tgtVocab, embedding);
        ConfigJson.requireArrayFits("an RNN weight (4 hidden_size x (embedding_size + hidden_size))",
                4L * hidden, (long) embedding + hidden);
        ConfigJson.requireArrayFits("the attention output weight (hidden_size x 2 hidden_size)", hidden, 2L * hidden);
        ConfigJson.requireArrayFits("the logits of a whole decode (max_target_length x tgt_vocab_size)", maxTarget, tgtVocab);
        int pad = integer(root, "pad_token_id", 0, Integer.MAX_VALUE);
        int bos = integer(root, "bos_token_id", 0, Integer.MAX_VALUE);
        int eos = integer(root, "eos_token_id", 0, Integer.MAX_VALUE);
        int unk = integer(root, "unk_token_id", 0, Integer.MAX_VALUE);
        int smallest = Math.min(srcVocab, tgtVocab);
        for (int id : new int[] {pad, bos, eos, unk}) {
            if (id >= smallest) {
                throw new ModelFormatException("config.json has special token id " + id + ", outside a vocabulary of "
                        + smallest + " words.", REMEDY);
            }
        }
        if (pad == bos || pad == eos || pad == unk || bos == eos || bos == unk || eos == unk) {
            throw new ModelFormatException("config.json gives two special tokens the same id (pad " + pad + ", bos " + bos
                    + ", eos " + eos + ", unk " + unk + ").", REMEDY);
        }
        return new Seq2SeqConfig(rnnType, score, srcVocab, tgtVocab, embedding, hidden, layers, bidirectional, attention,
                maxSource, maxTarget, pad, bos, eos, unk, bool(root, "lowercase", true), bool(root, "split_digits", false));
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || !n.isTextual()) {
            throw new ModelFormatException("config.json has no text value for \"" + key + "\".", REMEDY);
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String key, int min, int max) {
        JsonNode n = root.get(key);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new ModelFormatException("config.json has no integer value for \"" + key + "\".", REMEDY);
        }
        int v = n.asInt();
        if (v < min || v > max) {
            throw new ModelFormatException("config.json has \"" + key + "\": " + v + ", outside the allowed range "
                    + min + ".." + max + ".", REMEDY);
        }
        return v;
    }

    private static boolean bool(JsonNode root, String key, boolean fallback) {
        JsonNode n = root.get(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw new ModelFormatException("config.json has \"" + key + "\": " + n + ", which is not true or false.", REMEDY);
        }
        return n.asBoolean();
    }
}
