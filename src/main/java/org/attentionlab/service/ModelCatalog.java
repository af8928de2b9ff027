package org.attentionlab.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.io.model.ModelLocator;

/**
 * The models a user can pick: the shipped samples and the HuggingFace cache's models of a
 * kind Attention Lab runs. Folders the user opens are resolved through {@link #resolve}.
 */
public final class ModelCatalog {
    /** config.json model_type values the app can run. */
    public static final Set<String> SUPPORTED_TYPES = Set.of("bert", "gpt2", "attention-lab-seq2seq");

    private final ModelLocator locator;

    public ModelCatalog(ModelLocator locator) {
        this.locator = locator;
    }

    public static ModelCatalog system() {
        return new ModelCatalog(ModelLocator.system());
    }

    /**
     * The models to offer, grouped by kind (BERT, GPT-2, seq2seq); within a kind the samples
     * first (in name order), then cached models of a supported type.
     */
    public List<ModelRef> available() {
        List<ModelRef> out = new ArrayList<>();
        for (var f : locator.samples()) {
            out.add(new ModelRef(f.name(), f.folder(), ModelRef.Origin.SAMPLE, facts(f.folder())));
        }
        for (var f : locator.cachedModels()) {
            if (f.modelType() != null && SUPPORTED_TYPES.contains(f.modelType())) {
                out.add(new ModelRef(f.name(), f.folder(), ModelRef.Origin.HF_CACHE, facts(f.folder())));
            }
        }
        // stable: keeps samples before the cache within a kind; unknown kinds last
        out.sort(Comparator.comparingInt(r -> r.kind() == null ? ModelKind.values().length : r.kind().ordinal()));
        return out;
    }

    /** BertForMaskedLM and BertForPreTraining (MLM plus next-sentence heads) both predict masked words. */
    private static boolean hasMlmHead(JsonNode config) {
        String architectures = config.path("architectures").toString();
        return architectures.contains("MaskedLM") || architectures.contains("ForPreTraining");
    }

    /** What {@code folder}'s config.json says the model is, or null when it cannot be read or understood. */
    public static ModelRef.Facts facts(Path folder) {
        try {
            String type = ModelLocator.modelTypeOf(folder).orElse("");
            JsonNode c = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
            return switch (type) {
                case "bert" -> new ModelRef.Facts(ModelKind.BERT, c.path("num_hidden_layers").asInt(0),
                        c.path("num_attention_heads").asInt(0), null, null,
                        hasMlmHead(c) ? "mlm" : null);
                case "gpt2" -> new ModelRef.Facts(ModelKind.GPT2, c.path("n_layer").asInt(0), c.path("n_head").asInt(0),
                        null, null, null);
                case "attention-lab-seq2seq" -> new ModelRef.Facts(ModelKind.SEQ2SEQ, c.path("num_layers").asInt(1), 1,
                        c.path("rnn_type").asText(null), c.path("score").asText(null), c.path("task").asText(null));
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return null; // the picker shows it without a description; loading it explains what is wrong
        }
    }

    /** Resolves a path, sample name or cache name (see {@link ModelLocator#resolve}). */
    public ModelRef resolve(String spec) {
        var f = locator.resolve(spec);
        ModelRef.Origin origin = switch (f.kind()) {
            case SAMPLE -> ModelRef.Origin.SAMPLE;
            case HF_CACHE -> ModelRef.Origin.HF_CACHE;
            case FOLDER -> ModelRef.Origin.FOLDER;
        };
        return new ModelRef(f.name(), f.folder(), origin, facts(f.folder()));
    }

    /**
     * A folder the user chose in a file dialog, named by its last path element. Nothing is read
     * here: a folder that is not a model is reported when it is opened, with the loader's message.
     */
    public ModelRef folder(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        return new ModelRef(String.valueOf(folder.getFileName()), folder, ModelRef.Origin.FOLDER);
    }
}
