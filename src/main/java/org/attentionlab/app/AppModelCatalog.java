package org.attentionlab.app;

import java.nio.file.Path;
import java.util.List;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.ModelSessions;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.ModelCatalog;

/** The app's models: the service layer's samples and HuggingFace cache, loaded through {@link ModelSessions}. */
public final class AppModelCatalog implements ModelCatalog {
    private final org.attentionlab.service.ModelCatalog models;

    /** The system catalog: sample models and the user's HuggingFace cache. */
    public AppModelCatalog() {
        this(org.attentionlab.service.ModelCatalog.system());
    }

    /** A catalog over {@code models}, e.g. one with explicit sample folders and HuggingFace cache (tests, tools). */
    public AppModelCatalog(org.attentionlab.service.ModelCatalog models) {
        this.models = models;
    }

    @Override
    public List<ModelRef> discover() {
        return models.available();
    }

    @Override
    public ModelRef folder(Path folder) {
        return new ModelRef(String.valueOf(folder.toAbsolutePath().normalize().getFileName()), folder.toAbsolutePath().normalize(),
                ModelRef.Origin.FOLDER);
    }

    @Override
    public ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        return ModelSessions.open(ref, progress, cancel);
    }
}
