package org.attentionlab.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.LabException;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.NonFiniteValuesException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.engine.CausalLanguageModel;
import org.attentionlab.engine.MaskedLanguageModel;
import org.attentionlab.engine.TokenListener;
import org.attentionlab.engine.TransformerModel;
import org.attentionlab.io.tokenizer.TokenSpan;
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
        return finite(model.forward(input, items));
    }

    @Override
    public ForwardTrace run(Encoding input, Set<TraceItem> items, int[] logitRows) {
        return finite(model.forward(input, items, logitRows));
    }

    /** {@code trace}, or an error naming where the model first computed NaN or infinity. */
    private ForwardTrace finite(ForwardTrace trace) {
        if (!NonFiniteCheck.finite(trace)) {
            throw NonFiniteCheck.locate(model, trace.input());
        }
        return trace;
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
    public boolean canPredictNextSentence() {
        return model instanceof MaskedLanguageModel m && m.hasNextSentenceHead();
    }

    @Override
    public float[] nextSentence(Encoding pair) {
        if (!canPredictNextSentence()) {
            return TransformerSession.super.nextSentence(pair);
        }
        return ((MaskedLanguageModel) model).nextSentence(pair);
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
        List<MaskPrediction> predictions = ((MaskedLanguageModel) model).predictMasks(input, tokenizer.maskId().getAsInt(), k);
        for (MaskPrediction p : predictions) {
            if (!NonFiniteCheck.finite(p.probs())) {
                throw NonFiniteCheck.locate(model, input);
            }
        }
        return predictions;
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
        // a token drawn from non-finite logits is garbage: stop at the first one and say where it came from
        TokenListener checked = (step, id, probability) -> {
            if (!Float.isFinite(probability)) {
                throw new NonFiniteValuesException(model.info().name() + " computed a non-finite probability at step " + step + ".");
            }
            onToken.onToken(step, id, probability);
        };
        // no more tokens fit than the context has room for (+1: the last is drawn from the full
        // window's logits); asking the engine for more would allocate for nothing, or fail on
        // 2^31 - 1. The engine then stops with CONTEXT_FULL, which says why.
        int room = model.info().maxPositions() - promptIds.length + 1;
        GenerationSettings run = settings.maxNewTokens() <= room ? settings
                : new GenerationSettings(Math.max(1, room + 1), settings.sample(), settings.temperature(), settings.topK(),
                        settings.topP(), settings.seed(), settings.stopAtEos());
        Generation g;
        try {
            g = ((CausalLanguageModel) model).generate(promptIds, run, checked, cancel::isCancelled);
        } catch (NonFiniteValuesException e) {
            throw locateOr(e, promptIds);
        } catch (LabException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. an index of -1 from a distribution of NaN: report the cause if it is that
            NonFiniteValuesException located = locateOrNull(promptIds);
            if (located != null) {
                throw located;
            }
            throw e;
        }
        if (!NonFiniteCheck.finite(g.newProbs())) {
            throw locateOr(new NonFiniteValuesException(model.info().name() + " computed non-finite probabilities."), promptIds);
        }
        return run == settings ? g : new Generation(g.promptIds(), g.newIds(), g.newProbs(), g.stopReason(), settings);
    }

    private NonFiniteValuesException locateOr(NonFiniteValuesException fallback, int[] promptIds) {
        NonFiniteValuesException located = locateOrNull(promptIds);
        return located == null ? fallback : located;
    }

    /** Where the prompt's forward pass first turns non-finite, or null when it stays finite. */
    private NonFiniteValuesException locateOrNull(int[] promptIds) {
        int n = promptIds.length;
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        Encoding prompt = new Encoding(java.util.Arrays.stream(promptIds).mapToObj(String::valueOf).toList(), promptIds,
                new int[n], new boolean[n], ones);
        ForwardTrace t = model.forward(prompt, Set.of(TraceItem.HIDDEN, TraceItem.LOGITS));
        return NonFiniteCheck.finite(t) ? null : NonFiniteCheck.locate(model, prompt);
    }

    @Override
    public Optional<Tokenizer> tokenizer() {
        return Optional.of(tokenizer);
    }

    @Override
    public List<TokenSpan> spans(String text) {
        requireText(text, "text");
        return tokenizer.spans(text);
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

    @Override
    public long weightsChecksum() {
        if (!canGenerate()) {
            return TransformerSession.super.weightsChecksum();
        }
        return ((CausalLanguageModel) model).parameterChecksum();
    }

    @Override
    public void close() {
        model.close();
    }
}
