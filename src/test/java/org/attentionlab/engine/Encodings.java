package org.attentionlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.Encoding;

/** Encodings built from ids, for engine tests (the engine never reads the token strings). */
public final class Encodings {
    private Encodings() {
    }

    public static Encoding of(int[] ids, int[] typeIds, int[] attendMask) {
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            tokens.add("#" + id);
        }
        return new Encoding(tokens, ids, typeIds, new boolean[ids.length], attendMask);
    }

    /** All segment 0, nothing padded. */
    public static Encoding of(int... ids) {
        int[] ones = new int[ids.length];
        java.util.Arrays.fill(ones, 1);
        return of(ids, new int[ids.length], ones);
    }

    /** From a fixture case with "ids" and optional "type_ids" and "attention_mask". */
    public static Encoding fromCase(JsonNode c) {
        int[] ids = Golden.ints(c.get("ids"));
        int[] types = c.has("type_ids") ? Golden.ints(c.get("type_ids")) : new int[ids.length];
        int[] mask;
        if (c.has("attention_mask")) {
            mask = Golden.ints(c.get("attention_mask"));
        } else {
            mask = new int[ids.length];
            java.util.Arrays.fill(mask, 1);
        }
        return of(ids, types, mask);
    }
}
