package org.attentionlab.engine;

import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.engine.tensor.FloatMath;
import org.attentionlab.engine.tensor.Ops;

/**
 * Chooses the next token from logits: greedy (argmax, the first on ties, as torch.argmax) or
 * sampling after {@link LogitsFilters}, drawing with a {@link SeededRandom} so that the same
 * seed, settings and logits give the same tokens.
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
        if (!settings.sample()) {
            int id = Ops.argmax(work, 0, work.length);
            FloatMath.softmax(work, 0, work.length);
            return new Choice(id, work[id]);
        }
        LogitsFilters.apply(work, settings.temperature(), settings.topK(), settings.topP());
        FloatMath.softmax(work, 0, work.length);
        double u = random.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < work.length; i++) {
            if (work[i] > 0) {
                cumulative += work[i];
                last = i;
                if (u < cumulative) {
                    return new Choice(i, work[i]);
                }
            }
        }
        return new Choice(last, work[last]); // u fell past a total just under 1 by rounding
    }
}
