package org.attentionlab.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /** Samples first (in name order), then cached models of a supported type. */
    public List<ModelRef> available() {
        List<ModelRef> out = new ArrayList<>();
        for (var f : locator.samples()) {
            out.add(new ModelRef(f.name(), f.folder(), ModelRef.Origin.SAMPLE));
        }
        for (var f : locator.cachedModels()) {
            if (f.modelType() != null && SUPPORTED_TYPES.contains(f.modelType())) {
                out.add(new ModelRef(f.name(), f.folder(), ModelRef.Origin.HF_CACHE));
            }
        }
        return out;
    }

    /** Resolves a path, sample name or cache name (see {@link ModelLocator#resolve}). */
    public ModelRef resolve(String spec) {
        var f = locator.resolve(spec);
        ModelRef.Origin origin = switch (f.kind()) {
            case SAMPLE -> ModelRef.Origin.SAMPLE;
            case HF_CACHE -> ModelRef.Origin.HF_CACHE;
            case FOLDER -> ModelRef.Origin.FOLDER;
        };
        return new ModelRef(f.name(), f.folder(), origin);
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
