package org.attentionlab.engine.gpt2;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.engine.CausalLanguageModel;
import org.attentionlab.engine.InputChecks;
import org.attentionlab.engine.TokenListener;
import org.attentionlab.engine.TokenSampler;
import org.attentionlab.engine.TraceBuilder;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * GPT-2 ({@code GPT2Model} / {@code GPT2LMHeadModel}), equal to HuggingFace's eager implementation.
 *
 * <p>Pre-LN blocks: {@code x += Attn(LN1(x))}, {@code x += MLP(LN2(x))}, then {@code ln_f}.
 * Attention is causal: query t sees keys 0..t; hidden scores get {@code finfo(float32).min}
 * added, so the upper triangle of every attention matrix is exactly 0. The LM head is {@code wte}
 * (tied). Hidden states follow HF's {@code hidden_states}: index 0 is {@code wte + wpe},
 * index i the output of block i, and the last index is after {@code ln_f}.
 *
 * <p>Methods are synchronized and share one {@link Gpt2Session}; for independent runs (another
 * thread, or a KV cache kept between calls) use {@link #newSession()}.
 */
public final class Gpt2Model implements CausalLanguageModel {
    private final Gpt2Config config;
    private final Gpt2Weights weights;
    private final ModelInfo info;
    private final Gpt2Session session;

    public Gpt2Model(Gpt2Config config, Gpt2Weights weights, String name, Path source) {
        this.config = config;
        this.weights = weights;
        this.info = new ModelInfo(name, ModelKind.GPT2, config.nLayer(), config.nHead(), config.nEmbd(),
                config.vocabSize(), config.nPositions(), weights.parameterCount, String.valueOf(source));
        this.session = new Gpt2Session(config, weights);
    }

    /** Loads the weights for {@code config} from {@code source} (which stays owned by the caller). */
    public static Gpt2Model load(Gpt2Config config, TensorSource source, String name, Path dir) {
        return new Gpt2Model(config, Gpt2Weights.load(source, config), name, dir);
    }

    public Gpt2Config config() {
        return config;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int endOfTextId() {
        return config.eosTokenId();
    }

    /** A new decoding run with its own KV cache; close it when done. */
    public Gpt2Session newSession() {
        return new Gpt2Session(config, weights);
    }

    /**
     * {@inheritDoc} Padding ({@code attendMask == 0}) hides those keys in addition to the causal
     * mask; positions are 0..T-1 whatever the padding, as in HF when no position ids are given.
     */
    @Override
    public synchronized ForwardTrace forward(Encoding input, Set<TraceItem> record) {
        int[] ids = input.ids();
        InputChecks.tokens(ids, config.nPositions(), config.vocabSize(), "this GPT-2 model");
        TraceBuilder trace = new TraceBuilder(input, record, config.nLayer(), config.nHead(), config.nEmbd());
        session.reset(ids.length);
        int[] padding = Arrays.stream(input.attendMask()).allMatch(m -> m != 0) ? null : input.attendMask();
        float[] hidden = session.run(ids, padding, trace);
        if (record.contains(TraceItem.LOGITS) && weights.lmHead != null) {
            trace.logits(session.allLogits(hidden, ids.length), config.vocabSize());
        }
        if (record.contains(TraceItem.LOGIT_LENS) && weights.lmHead != null) {
            trace.logitLens(session.logitLens(trace.hiddenStates()));
        }
        return trace.build();
    }

    @Override
    public synchronized float[] nextTokenLogits(int[] ids) {
        return session.prefill(ids).clone();
    }

    /**
     * {@inheritDoc} The prompt is run once (prefill), then each new token is one cached step.
     * When the context window fills up before {@code maxNewTokens}, generation stops with
     * {@link Generation.StopReason#CONTEXT_FULL} (no truncation or sliding window).
     */
    @Override
    public synchronized Generation generate(int[] promptIds, GenerationSettings settings, TokenListener onToken,
                                            BooleanSupplier cancelled) {
        InputChecks.tokens(promptIds, config.nPositions(), config.vocabSize(), "this GPT-2 model");
        if (settings.stopAtEos() && config.eosTokenId() < 0) {
            settings = settings.withStopAtEos(false); // nothing to stop at
        }
        int[] prompt = promptIds.clone();
        session.reset(Math.min(config.nPositions(), prompt.length + settings.maxNewTokens()));
        TokenSampler sampler = new TokenSampler(settings);
        int[] ids = new int[settings.maxNewTokens()];
        float[] probs = new float[settings.maxNewTokens()];
        int produced = 0;
        Generation.StopReason reason;
        if (cancelled.getAsBoolean()) {
            reason = Generation.StopReason.CANCELLED;
        } else {
            float[] logits = session.prefill(prompt);
            while (true) {
                TokenSampler.Choice c = sampler.choose(logits);
                ids[produced] = c.id();
                probs[produced] = c.probability();
                onToken.onToken(produced, c.id(), c.probability());
                produced++;
                if (settings.stopAtEos() && c.id() == config.eosTokenId()) {
                    reason = Generation.StopReason.END_OF_TEXT;
                    break;
                }
                if (produced == settings.maxNewTokens()) {
                    reason = Generation.StopReason.MAX_TOKENS;
                    break;
                }
                if (session.length() >= config.nPositions()) {
                    reason = Generation.StopReason.CONTEXT_FULL;
                    break;
                }
                if (cancelled.getAsBoolean()) {
                    reason = Generation.StopReason.CANCELLED;
                    break;
                }
                logits = session.append(c.id());
            }
        }
        return new Generation(prompt, Arrays.copyOf(ids, produced), Arrays.copyOf(probs, produced), reason, settings);
    }

    @Override
    public synchronized long parameterChecksum() {
        return weights.checksum();
    }

    @Override
    public CausalDecoder decoder() {
        return new Gpt2Decoder(config, weights);
    }

    /** The prompt limit, for callers that want to check before tokenizing more text. */
    public int maxPositions() {
        return config.nPositions();
    }

    @Override
    public synchronized void close() {
        session.close();
        weights.close();
    }
}
