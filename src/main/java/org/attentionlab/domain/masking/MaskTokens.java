package org.attentionlab.domain.masking;

import java.util.List;
import org.attentionlab.domain.Encoding;

/**
 * Step 1 of the masked-word lesson: the text as WordPiece tokens.
 *
 * @param encoding   what the tokenizer produced
 * @param tokens     one entry per position
 * @param typedMasks positions of [MASK] tokens typed in the text, in order (empty when none)
 */
public record MaskTokens(Encoding encoding, List<MaskToken> tokens, List<Integer> typedMasks) {
    public MaskTokens {
        tokens = List.copyOf(tokens);
        typedMasks = List.copyOf(typedMasks);
    }

    /** Number of tokens that may be selected. */
    public int eligibleCount() {
        return (int) tokens.stream().filter(MaskToken::eligible).count();
    }

    /** True when the text has typed [MASK]s: they are the selection, steps 2 and 3 are skipped. */
    public boolean hasTypedMasks() {
        return !typedMasks.isEmpty();
    }

    public int length() {
        return tokens.size();
    }

    public MaskToken get(int position) {
        return tokens.get(position);
    }
}
