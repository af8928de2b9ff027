package org.attentionlab.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.model.ModelLocator;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ModelSource;

/**
 * The app's models: the service layer's samples and HuggingFace cache, loaded through
 * {@link ModelSessions}. Lists only the kinds its sessions open (BERT and GPT-2): the seq2seq
 * samples have no lesson in the window yet, and offering them first would greet the user with
 * an error.
 */
public final class CatalogModelSource implements ModelSource {
    /** config.json model_type values that {@link ModelSessions} opens. */
    static final Set<String> OPENED_TYPES = Set.of("bert", "gpt2");
    private static final String SEQ2SEQ_TYPE = "attention-lab-seq2seq";

    private final org.attentionlab.service.ModelCatalog models;

    /** The system catalog: sample models and the user's HuggingFace cache. */
    public CatalogModelSource() {
        this(org.attentionlab.service.ModelCatalog.system());
    }

    /** A catalog over {@code models}, e.g. one with explicit sample folders and HuggingFace cache (tests, tools). */
    public CatalogModelSource(org.attentionlab.service.ModelCatalog models) {
        this.models = models;
    }

    @Override
    public List<ModelRef> discover() {
        return models.available().stream()
                .filter(ref -> OPENED_TYPES.contains(ModelLocator.modelTypeOf(ref.folder()).orElse("")))
                .toList();
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
        if (SEQ2SEQ_TYPE.equals(ModelLocator.modelTypeOf(ref.folder()).orElse(""))) {
            throw new ModelFormatException(Messages.get("error.seq2seq.problem", ref.name()),
                    Messages.get("error.seq2seq.remedy", ref.name()));
        }
        return ModelSessions.open(ref, progress, cancel);
    }
}
