package org.attentionlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.bert.BertConfig;
import org.attentionlab.engine.bert.BertModel;
import org.attentionlab.engine.gpt2.Gpt2Config;
import org.attentionlab.engine.gpt2.Gpt2Model;
import org.attentionlab.io.files.ModelFiles;
import org.attentionlab.io.safetensors.Checkpoints;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * Loads a model folder in HuggingFace layout ({@code config.json} + {@code model.safetensors}
 * or shards) and returns the engine for its {@code model_type}.
 *
 * <p>To add an architecture, add one entry to {@link #LOADERS} (its {@code model_type}) and, if
 * its checkpoints may lack {@code model_type}, one to {@link #ARCHITECTURE_PREFIXES}.
 */
public final class Models {
    /** Builds a model from its parsed config.json and open weights (the source is closed by the caller). */
    @FunctionalInterface
    public interface Loader {
        LoadedModel load(JsonNode config, TensorSource weights, String name, Path dir);
    }

    /** model_type -> loader, in the order error messages list them. */
    private static final Map<String, Loader> LOADERS = new LinkedHashMap<>();
    /** Class-name prefix in config.json's "architectures" -> model_type, for configs without model_type. */
    private static final Map<String, String> ARCHITECTURE_PREFIXES = new LinkedHashMap<>();

    static {
        LOADERS.put("bert", (json, source, name, dir) -> BertModel.load(BertConfig.from(json), source, name, dir));
        LOADERS.put("gpt2", (json, source, name, dir) -> Gpt2Model.load(Gpt2Config.from(json), source, name, dir));
        ARCHITECTURE_PREFIXES.put("Bert", "bert");
        ARCHITECTURE_PREFIXES.put("GPT2", "gpt2");
    }

    private Models() {
    }

    /** The model types this build can load, e.g. {@code [bert, gpt2]}. */
    public static java.util.Set<String> supportedTypes() {
        return Collections.unmodifiableSet(LOADERS.keySet());
    }

    /** Loads {@code dir}, naming the model after the folder. */
    public static LoadedModel load(Path dir) {
        Path file = dir.toAbsolutePath().normalize().getFileName();
        return load(dir, file == null ? dir.toString() : file.toString());
    }

    /**
     * Loads {@code dir} under the display name {@code name}.
     *
     * @throws ModelFormatException when config.json is missing or malformed, names an unknown
     *         model type, or the weights do not match it (the message names the tensor and shapes)
     */
    public static LoadedModel load(Path dir, String name) {
        return load(dir, name, UnaryOperator.identity());
    }

    /**
     * Loads {@code dir} reading its weights through {@code observe}, e.g. an
     * {@link org.attentionlab.io.safetensors.ObservedTensorSource} that reports progress and
     * honours cancellation.
     */
    public static LoadedModel load(Path dir, String name, UnaryOperator<TensorSource> observe) {
        JsonNode config = readConfig(dir);
        String type = modelType(config);
        Loader loader = LOADERS.get(type);
        if (loader == null && "attention-lab-seq2seq".equals(type)) {
            throw new ModelFormatException(name + " is a seq2seq translator (an RNN with attention), not a transformer.",
                    "Run it with: java -jar attention-lab.jar seq2seq --model " + name + " --text \"...\"");
        }
        if (loader == null) {
            throw new ModelFormatException("config.json says model_type \"" + type + "\", which Attention Lab cannot run"
                    + " (supported: " + String.join(", ", LOADERS.keySet()) + ").",
                    "Choose a model folder of one of the supported types.");
        }
        try (TensorSource weights = observe.apply(Checkpoints.open(dir))) {
            return loader.load(config, weights, name, dir);
        }
    }

    /** Reads and parses {@code dir/config.json}. */
    public static JsonNode readConfig(Path dir) {
        Path file = dir.resolve("config.json");
        try {
            JsonNode root = new ObjectMapper().readTree(ModelFiles.readString(file));
            if (root == null || !root.isObject()) {
                throw new ModelFormatException("config.json in " + dir + " is not a JSON object.",
                        "Use the config.json saved with the model.");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("The folder " + dir + " has no config.json.",
                    "Choose a HuggingFace model folder (config.json, model.safetensors and tokenizer files).");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException("config.json in " + dir + " is not valid JSON (" + e.getOriginalMessage() + ").",
                    "Use the config.json saved with the model.", e);
        } catch (IOException e) {
            throw new ModelFormatException("config.json in " + dir + " cannot be read: " + e.getMessage(),
                    "Check that the file exists and that you may read it.", e);
        }
    }

    /** config.json's model_type, or the type implied by its "architectures" when model_type is absent. */
    static String modelType(JsonNode config) {
        JsonNode type = config.get("model_type");
        if (type != null && type.isTextual() && !type.asText().isBlank()) {
            return type.asText();
        }
        JsonNode architectures = config.get("architectures");
        if (architectures != null && architectures.isArray()) {
            for (JsonNode a : architectures) {
                for (Map.Entry<String, String> e : ARCHITECTURE_PREFIXES.entrySet()) {
                    if (a.asText().startsWith(e.getKey())) {
                        return e.getValue();
                    }
                }
            }
            if (architectures.size() > 0) {
                throw new ModelFormatException("config.json has no model_type, and its architectures " + architectures
                        + " are not ones Attention Lab knows (supported: " + String.join(", ", LOADERS.keySet()) + ").",
                        "Choose a model folder of one of the supported types.");
            }
        }
        throw new ModelFormatException("config.json has neither model_type nor architectures, so the kind of model is unknown.",
                "Add \"model_type\" (one of " + String.join(", ", LOADERS.keySet()) + ") to config.json, or use the one saved with the model.");
    }
}
