package org.attentionlab.ui;

import java.nio.file.Path;
import java.util.List;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Progress;

/**
 * Where the app's models come from: what the picker lists and how a pick becomes a loaded
 * session. The launcher supplies it (backed by the service layer); tests supply their own.
 */
public interface ModelSource {
    /**
     * Models available without asking the user: shipped samples first, then snapshots in the
     * local HuggingFace cache. Called on a background thread; must not download anything.
     */
    List<ModelRef> discover();

    /**
     * The reference for a folder the user opened; it is only checked when loaded.
     */
    default ModelRef folder(Path folder) {
        Path name = folder.getFileName();
        return new ModelRef(name == null ? folder.toString() : name.toString(), folder, ModelRef.Origin.FOLDER);
    }

    /**
     * The reference for a model named on the command line: a sample name, a folder or a cache name.
     *
     * @throws org.attentionlab.domain.LabException when nothing of that name exists
     */
    default ModelRef resolve(String spec) {
        return discover().stream().filter(r -> r.name().equals(spec)).findFirst().orElseGet(() -> folder(Path.of(spec)));
    }

    /**
     * Loads a model and its tokenizer. Called on the inference thread, which then owns the session.
     *
     * @throws ModelFormatException when the folder is not a model the app can load
     * @throws java.util.concurrent.CancellationException when {@code cancel} asked to stop
     */
    ModelSession open(ModelRef ref, Progress progress, Cancellation cancel);
}
