package org.attentionlab.domain.masking;

/**
 * Step 3 for one selected token: the uniform draw that decided its fate, and the outcome.
 *
 * @param position   index in the encoding
 * @param originalId the token's id before corruption (-1 for a typed [MASK]: the truth is unknown)
 * @param original   its token string ({@code [MASK]} for a typed mask)
 * @param draw       the uniform draw in [0, 1) (NaN for a typed [MASK]: nothing was drawn)
 * @param fate       what happened: [MASK], random token, or unchanged
 * @param tokenDraw  for {@link Fate#RANDOM}, the second uniform draw that picked the token; NaN otherwise
 * @param inputId    the id the model reads at this position
 * @param inputToken its token string
 */
public record Replacement(int position, int originalId, String original, double draw, Fate fate, double tokenDraw,
                          int inputId, String inputToken) {
    /** True for a [MASK] typed in the text (no truth to score against). */
    public boolean typed() {
        return originalId < 0;
    }
}
