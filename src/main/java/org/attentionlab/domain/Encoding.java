package org.attentionlab.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Text as a model sees it: token strings exactly as the tokenizer produced them, their ids,
 * segment (token type) ids, and which positions are special tokens.
 *
 * @param tokens       token strings (e.g. {@code "play", "##ing"}, or GPT-2's {@code "Ġworld"})
 * @param ids          vocabulary ids, same length
 * @param typeIds      segment ids (0 for sentence A, 1 for B); all 0 for GPT-2
 * @param special      true where the token is a special token ({@code [CLS]}, {@code [SEP]}, ...)
 * @param attendMask   1 for real tokens, 0 for padding
 */
public record Encoding(List<String> tokens, int[] ids, int[] typeIds, boolean[] special, int[] attendMask) {
    public Encoding {
        tokens = List.copyOf(tokens);
        int n = tokens.size();
        if (ids.length != n || typeIds.length != n || special.length != n || attendMask.length != n) {
            throw new IllegalArgumentException("all encoding arrays must have " + n + " entries");
        }
    }

    public int length() {
        return tokens.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && tokens.equals(e.tokens) && Arrays.equals(ids, e.ids)
                && Arrays.equals(typeIds, e.typeIds) && Arrays.equals(special, e.special)
                && Arrays.equals(attendMask, e.attendMask);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode() * 31 + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Encoding" + tokens;
    }
}
