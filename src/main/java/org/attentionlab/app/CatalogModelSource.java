package org.attentionlab.app;

import java.nio.file.Path;
import java.util.List;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.ModelSource;

/**
 * The app's models: the service layer's samples and HuggingFace cache, of every kind the app
 * opens (BERT, GPT-2, seq2seq), loaded through {@link ModelSessions}.
 */
public final class CatalogModelSource implements ModelSource {
    private final org.attentionlab.service.ModelCatalog models;

    /** The system catalog: sample models and the user's HuggingFace cache. */
    public CatalogModelSource() {
        this(org.attentionlab.service.ModelCatalog.system());
    }

    /** A source over {@code models}, e.g. one with explicit sample folders and HuggingFace cache (tests, tools). */
    public CatalogModelSource(org.attentionlab.service.ModelCatalog models) {
        this.models = models;
    }

    @Override
    public List<ModelRef> discover() {
        return models.available();
    }

    @Override
    public ModelRef folder(Path folder) {
        return models.folder(folder);
    }

    @Override
    public ModelRef resolve(String spec) {
        return models.resolve(spec);
    }

    @Override
    public ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        return ModelSessions.open(ref, progress, cancel);
    }
}
