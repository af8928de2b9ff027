package org.attentionlab.domain.masking;

import java.util.Arrays;
import java.util.List;

/**
 * Steps 2 and 3 of the masked-word lesson: which tokens were selected and what the model reads.
 *
 * @param tokens          the original tokens
 * @param settings        how the selection was made
 * @param target          in exact mode, the number of tokens aimed at (round(15% of eligible), at least 1);
 *                        -1 in training mode, for typed masks and for a selection by hand
 * @param selectionDraws  in training mode, each position's uniform draw (selected when below 0.15; NaN for
 *                        ineligible positions); null otherwise
 * @param replacements    one per selected position, in position order
 * @param corruptedIds    the ids the model reads
 * @param corruptedTokens their token strings
 */
public record Corruption(MaskTokens tokens, MaskingSettings settings, int target, double[] selectionDraws,
                         List<Replacement> replacements, int[] corruptedIds, List<String> corruptedTokens) {
    public Corruption {
        replacements = List.copyOf(replacements);
        corruptedTokens = List.copyOf(corruptedTokens);
    }

    /** Selected positions, ascending. */
    public int[] selected() {
        return replacements.stream().mapToInt(Replacement::position).toArray();
    }

    public boolean isSelected(int position) {
        return replacements.stream().anyMatch(r -> r.position() == position);
    }

    public long count(Fate fate) {
        return replacements.stream().filter(r -> r.fate() == fate).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Corruption c && tokens.equals(c.tokens) && settings.equals(c.settings) && target == c.target
                && Arrays.equals(selectionDraws, c.selectionDraws) && replacements.equals(c.replacements)
                && Arrays.equals(corruptedIds, c.corruptedIds);
    }

    @Override
    public int hashCode() {
        return replacements.hashCode() * 31 + Arrays.hashCode(corruptedIds);
    }

    @Override
    public String toString() {
        return "Corruption" + replacements;
    }
}
