package org.attentionlab.service;

import java.util.List;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.engine.CausalLanguageModel;
import org.attentionlab.engine.MaskedLanguageModel;
import org.attentionlab.engine.TokenListener;
import org.attentionlab.engine.TransformerModel;
import org.attentionlab.io.tokenizer.Tokenizer;

/** A BERT or GPT-2 engine with its tokenizer: the {@link TransformerSession} that {@link ModelSessions} opens. */
final class TokenizedTransformer implements TransformerSession {
    private final TransformerModel model;
    private final Tokenizer tokenizer;

    TokenizedTransformer(TransformerModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
    }

    @Override
    public ModelInfo info() {
        return model.info();
    }

    @Override
    public Encoding encode(String text) {
        requireText(text, "text");
        return checkLength(tokenizer.encode(text));
    }

    @Override
    public Encoding encodePair(String first, String second) {
        requireText(first, "first sentence");
        requireText(second, "second sentence");
        return checkLength(tokenizer.encodePair(first, second));
    }

    private static void requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InputException("The " + what + " is empty.", "Type some text.");
        }
    }

    /** Refuses input longer than the model's positions with a message, instead of truncating it silently. */
    private Encoding checkLength(Encoding e) {
        int max = model.info().maxPositions();
        if (e.length() > max) {
            throw new InputException("The text is " + e.length() + " tokens long; " + model.info().name()
                    + " reads at most " + max + ".", "Shorten the text to fewer than about " + (max * 3 / 4) + " words.");
        }
        return e;
    }

    @Override
    public ForwardTrace run(Encoding input, Set<TraceItem> items) {
        return model.forward(input, items);
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    @Override
    public String token(int id) {
        return tokenizer.token(id);
    }

    @Override
    public boolean canPredictMasks() {
        return model instanceof MaskedLanguageModel m && m.hasLanguageModelHead() && tokenizer.maskId().isPresent();
    }

    @Override
    public List<MaskPrediction> predictMasks(Encoding input, int k) {
        if (!canPredictMasks()) {
            return TransformerSession.super.predictMasks(input, k);
        }
        return ((MaskedLanguageModel) model).predictMasks(input, tokenizer.maskId().getAsInt(), k);
    }

    @Override
    public boolean canGenerate() {
        return model instanceof CausalLanguageModel;
    }

    @Override
    public Generation generate(int[] promptIds, GenerationSettings settings, TokenListener onToken, Cancellation cancel) {
        if (!canGenerate()) {
            return TransformerSession.super.generate(promptIds, settings, onToken, cancel);
        }
        if (promptIds.length == 0) {
            throw new InputException("The prompt is empty.", "Type a prompt for the model to continue.");
        }
        return ((CausalLanguageModel) model).generate(promptIds, settings, onToken, cancel::isCancelled);
    }

    @Override
    public CausalDecoder decoder() {
        if (!canGenerate()) {
            return TransformerSession.super.decoder();
        }
        return ((CausalLanguageModel) model).decoder();
    }

    @Override
    public int endOfTextId() {
        return model instanceof CausalLanguageModel c ? c.endOfTextId() : -1;
    }

    /** The tokenizer, for lessons that show how text was split. */
    Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        model.close();
    }
}
