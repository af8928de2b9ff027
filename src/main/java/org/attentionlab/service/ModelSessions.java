package org.attentionlab.service;

import java.util.concurrent.CancellationException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.engine.LoadedModel;
import org.attentionlab.engine.Models;
import org.attentionlab.engine.TransformerModel;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.io.model.ModelLocator;
import org.attentionlab.io.safetensors.ObservedTensorSource;
import org.attentionlab.io.tokenizer.Tokenizer;
import org.attentionlab.io.tokenizer.Tokenizers;

/** Opens a model folder as a {@link ModelSession}: BERT and GPT-2 as a {@link TransformerSession}, seq2seq as a {@link Seq2SeqSession}. */
public final class ModelSessions {
    /** config.json model_type of the seq2seq translators. */
    public static final String SEQ2SEQ_TYPE = "attention-lab-seq2seq";

    private ModelSessions() {
    }

    /**
     * Loads the tokenizer and the weights of {@code ref}, reporting progress per tensor (in bytes).
     *
     * @throws ModelFormatException  when the folder is not a model Attention Lab can read
     * @throws CancellationException when {@code cancel} turned true while loading
     */
    public static ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        progress.update(0, 1, "Reading the tokenizer of " + ref.name());
        // The tokenizer first: it is small, so a folder without one fails before seconds of weight loading.
        String type = ModelLocator.modelTypeOf(ref.folder()).orElse("");
        if (SEQ2SEQ_TYPE.equals(type)) {
            return openSeq2seq(ref, progress, cancel);
        }
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
            return new TokenizedTransformer(model, tokenizer);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Loads without progress or cancellation (CLI, tests). */
    public static ModelSession open(ModelRef ref) {
        return open(ref, Progress.NONE, Cancellation.NONE);
    }

    /**
     * Loads a BERT or GPT-2 model (CLI, tests).
     *
     * @throws org.attentionlab.domain.InputException when {@code ref} is a seq2seq model
     */
    public static TransformerSession openTransformer(ModelRef ref) {
        ModelSession s = open(ref);
        if (s instanceof TransformerSession t) {
            return t;
        }
        s.close();
        return TransformerSession.of(s);
    }

    /**
     * Loads a seq2seq model (CLI, tests).
     *
     * @throws org.attentionlab.domain.InputException when {@code ref} is a BERT or GPT-2 model
     */
    public static Seq2SeqSession openSeq2seq(ModelRef ref) {
        ModelSession s = open(ref);
        if (s instanceof Seq2SeqSession q) {
            return q;
        }
        s.close();
        return Seq2SeqSession.of(s);
    }

    private static Seq2SeqSession openSeq2seq(ModelRef ref, Progress progress, Cancellation cancel) {
        progress.update(0, 1, "Loading " + ref.name());
        Seq2SeqModel model = Seq2SeqModel.load(ref.folder());
        cancel.check();
        progress.update(1, 1, "Loaded " + ref.name());
        ModelInfo i = model.info();
        return new Seq2SeqSession(model, new ModelInfo(ref.name(), i.kind(), i.layers(), i.heads(), i.hidden(), i.vocab(),
                i.maxPositions(), i.parameters(), i.source()));
    }
}
