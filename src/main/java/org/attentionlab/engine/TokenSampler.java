package org.attentionlab.engine;

import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.NonFiniteValuesException;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.engine.tensor.FloatMath;
import org.attentionlab.engine.tensor.Ops;

/**
 * Chooses the next token from logits: greedy (argmax, the first on ties, as torch.argmax) or
 * sampling after {@link LogitsFilters}, drawing with a {@link SeededRandom} so that the same
 * seed, settings and logits give the same tokens. The draw walks the kept tokens from the most
 * likely down ({@link SamplingStages#pick}); {@link #step} also returns every stage of the choice.
 */
public final class TokenSampler {
    /** A chosen token and its probability in the distribution it was drawn from. */
    public record Choice(int id, float probability) {
    }

    private final GenerationSettings settings;
    private final SeededRandom random;
    private float[] work = new float[0];

    public TokenSampler(GenerationSettings settings) {
        this.settings = settings;
        this.random = new SeededRandom(settings.seed());
    }

    /** Chooses from {@code logits} (not modified). */
    public Choice choose(float[] logits) {
        if (work.length != logits.length) {
            work = new float[logits.length];
        }
        System.arraycopy(logits, 0, work, 0, logits.length);
        float maxAbs = 0;
        for (float x : work) {
            if (!Float.isFinite(x)) {
                throw new NonFiniteValuesException("The model produced a non-finite logit (" + x + "), so no token can be chosen.");
            }
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        // a temperature so small that logits / temperature overflows a float: the distribution is,
        // in the limit, all on the largest logit, so sampling is greedy (top-k and top-p keep that token)
        boolean greedyLimit = settings.sample()
                && (maxAbs / settings.temperature() > Float.MAX_VALUE / 4 || (float) settings.temperature() == 0f);
        if (greedyLimit) {
            return new Choice(Ops.argmax(work, 0, work.length), 1f);
        }
        if (!settings.sample()) {
            int id = Ops.argmax(work, 0, work.length);
            FloatMath.softmax(work, 0, work.length);
            return new Choice(id, work[id]);
        }
        LogitsFilters.apply(work, settings.temperature(), settings.topK(), settings.topP());
        FloatMath.softmax(work, 0, work.length);
        int id = SamplingStages.pick(work, random.nextDouble());
        return new Choice(id, work[id]);
    }

    /**
     * Chooses from {@code logits} as {@link #choose} does (the same token, drawing the same random
     * number) and returns every stage of the choice.
     */
    public SamplingStep step(float[] logits) {
        return SamplingStages.choose(logits, settings, settings.sample() ? random.nextDouble() : Double.NaN);
    }

    /**
     * Takes {@code id} at this step instead of choosing. A sampling run still draws (and records)
     * its random number, so that the steps after a forced one draw the numbers they would have
     * drawn without it.
     */
    public SamplingStep force(float[] logits, int id) {
        return SamplingStages.force(logits, settings, settings.sample() ? random.nextDouble() : Double.NaN, id);
    }
}
