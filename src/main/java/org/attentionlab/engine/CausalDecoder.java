package org.attentionlab.engine;

import org.attentionlab.domain.DecodeStep;

/**
 * Token-by-token decoding with a KV cache that a caller drives one step at a time, recording
 * what each step computed: the new rows of the causal attention, the next-token logits and the
 * logit lens ({@link #extend}); or, when only the logits matter, without recording anything
 * ({@link #extendLogits}): many prompts that share a beginning compute it once, by
 * {@link #truncate truncating} back to the shared prefix and extending with what differs. The
 * numbers equal a fresh run on the whole sequence (the cached keys and values of a prefix do not
 * depend on what follows it). It belongs to one thread; close it when done.
 */
public interface CausalDecoder extends AutoCloseable {
    /** Tokens in the cache. */
    int length();

    /** The most tokens the model accepts (its context window). */
    int maxPositions();

    /**
     * Runs {@code ids} at positions {@code length() ..} against the cache (the prompt, then one
     * token per step).
     *
     * @param lens whether to compute the logit lens of the last token (one more product with the
     *             LM head for all layers); when false, {@link DecodeStep#lens()} is null
     *
     * @throws org.attentionlab.domain.InputException when ids are empty or outside the
     *         vocabulary, or the cache would exceed {@link #maxPositions()}
     */
    DecodeStep extend(int[] ids, boolean lens);

    /**
     * Runs {@code ids} after the cached tokens and caches them, recording nothing but the logits.
     *
     * @return the logits [vocab] for the token after the last of {@code ids} (a reused buffer:
     *         copy to keep)
     * @throws org.attentionlab.domain.InputException as {@link #extend}
     */
    float[] extendLogits(int[] ids);

    /** Forgets every cached token from position {@code length} on (to go back, or to take another road). */
    void truncate(int length);

    @Override
    void close();
}
