package org.attentionlab.engine;

/**
 * A left-to-right run of a causal model that keeps its KV cache between calls, so that prompts
 * sharing a beginning compute it once: {@link #truncate} back to the shared prefix, then
 * {@link #extend} with what differs. The numbers equal a fresh run on the whole sequence (the
 * cached keys and values of a prefix do not depend on what follows it).
 *
 * <p>One decoder belongs to one thread; close it to free its cache.
 */
public interface PrefixDecoder extends AutoCloseable {
    /** Tokens in the cache. */
    int length();

    /**
     * Runs {@code ids} after the cached tokens and caches them.
     *
     * @return the logits [vocab] for the token after the last of {@code ids} (a reused buffer:
     *         copy to keep)
     * @throws org.attentionlab.domain.InputException when {@code ids} is empty, holds ids outside
     *         the vocabulary, or the cache would exceed the model's positions
     */
    float[] extend(int[] ids);

    /** Forgets every cached token after the first {@code length} (0 clears the cache). */
    void truncate(int length);

    @Override
    void close();
}
