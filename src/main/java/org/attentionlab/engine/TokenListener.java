package org.attentionlab.engine;

/** Told about each token as generation produces it (on the generating thread). */
@FunctionalInterface
public interface TokenListener {
    /** Ignores every token. */
    TokenListener NONE = (step, tokenId, probability) -> { };

    /**
     * @param step        0 for the first new token
     * @param tokenId     the token chosen
     * @param probability its probability in the distribution it was chosen from
     */
    void onToken(int step, int tokenId, float probability);
}
