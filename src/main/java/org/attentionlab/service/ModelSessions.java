package org.attentionlab.service;

import java.util.concurrent.CancellationException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.engine.LoadedModel;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.TransformerModel;
import org.attentionlab.io.model.ModelLocator;
import org.attentionlab.io.safetensors.ObservedTensorSource;
import org.attentionlab.io.tokenizer.Tokenizer;
import org.attentionlab.io.tokenizer.Tokenizers;

/** Opens a BERT or GPT-2 model folder as a {@link ModelSession}. */
public final class ModelSessions {
    private ModelSessions() {
    }

    /**
     * Loads the tokenizer and the weights of {@code ref}, reporting progress per tensor (in bytes).
     *
     * @throws ModelFormatException  when the folder is not a BERT or GPT-2 model Attention Lab can read
     * @throws CancellationException when {@code cancel} turned true while loading
     */
    public static ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        progress.update(0, 1, "Reading the tokenizer of " + ref.name());
        // The tokenizer first: it is small, so a folder without one fails before seconds of weight loading.
        String type = ModelLocator.modelTypeOf(ref.folder()).orElse("");
        Tokenizer tokenizer = switch (type) {
            case "bert" -> Tokenizers.load(ref.folder(), ModelKind.BERT);
            case "gpt2" -> Tokenizers.load(ref.folder(), ModelKind.GPT2);
            default -> null; // Models.load explains what is wrong with the config
        };
        LoadedModel loaded = Models.load(ref.folder(), ref.name(), source -> new ObservedTensorSource(source,
                (done, total, tensor) -> progress.update(done, total, "Loading " + ref.name() + ": " + tensor),
                cancel::isCancelled));
        try {
            cancel.check();
            if (!(loaded instanceof TransformerModel model)) {
                throw new ModelFormatException(ref.name() + " is not a BERT or GPT-2 model.",
                        "Open it in the lesson made for its kind of model.");
            }
            if (tokenizer == null) {
                tokenizer = Tokenizers.load(ref.folder(), model.info().kind());
            }
            return new TransformerSession(model, tokenizer);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Loads without progress or cancellation (CLI, tests). */
    public static ModelSession open(ModelRef ref) {
        return open(ref, Progress.NONE, Cancellation.NONE);
    }
}
