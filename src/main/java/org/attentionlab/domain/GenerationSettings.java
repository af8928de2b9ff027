package org.attentionlab.domain;

/**
 * How to continue a prompt. Greedy decoding takes the most likely token at every step; sampling
 * draws from the model's distribution after HuggingFace's filters, applied in HF's order:
 * temperature, then top-k, then top-p. A sampled run is replayed exactly by the same seed.
 *
 * @param maxNewTokens how many tokens to add at most (at least 1)
 * @param sample       false for greedy decoding; true to sample
 * @param temperature  logits are divided by it before sampling (&gt; 0; 1 leaves them unchanged)
 * @param topK         keep only the k most likely tokens (0 = no limit)
 * @param topP         keep the smallest set of most likely tokens whose probabilities add up to
 *                     at least p (in (0, 1]; 1 = no limit); at least one token is always kept
 * @param seed         seed of the sampler's random generator
 * @param stopAtEos    stop after the model produces its end-of-text token
 */
public record GenerationSettings(int maxNewTokens, boolean sample, double temperature, int topK, double topP,
                                 long seed, boolean stopAtEos) {
    public GenerationSettings {
        if (maxNewTokens < 1) {
            throw new InputException("The number of tokens to generate must be at least 1, not " + maxNewTokens + ".",
                    "Ask for 1 or more new tokens.");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InputException("The temperature must be a positive number, not " + temperature + ".",
                    "Use a temperature such as 0.7 or 1.0; for the single most likely token, use greedy decoding.");
        }
        if (topK < 0) {
            throw new InputException("top-k must be 0 (no limit) or positive, not " + topK + ".", "Use a value such as 40.");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new InputException("top-p must be greater than 0 and at most 1, not " + topP + ".",
                    "Use a value such as 0.9, or 1 for no limit.");
        }
    }

    /** Greedy decoding of up to {@code maxNewTokens} tokens, stopping at end-of-text. */
    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, false, 1.0, 0, 1.0, 0L, true);
    }

    /** Sampling with the given filters and seed, stopping at end-of-text. */
    public static GenerationSettings sampling(int maxNewTokens, double temperature, int topK, double topP, long seed) {
        return new GenerationSettings(maxNewTokens, true, temperature, topK, topP, seed, true);
    }

    /** The same settings with {@code stopAtEos} changed. */
    public GenerationSettings withStopAtEos(boolean stop) {
        return new GenerationSettings(maxNewTokens, sample, temperature, topK, topP, seed, stop);
    }
}
