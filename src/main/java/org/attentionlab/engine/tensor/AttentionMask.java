package org.attentionlab.engine.tensor;

import java.util.Arrays;
import org.attentionlab.domain.MaskKind;

/**
 * Which keys each query may see, and the additive form that is added to the scores.
 *
 * <p>As in HuggingFace's eager attention, a hidden position gets {@link Ops#MASK_VALUE}
 * ({@code torch.finfo(float32).min}) added, not -infinity: {@code score + MASK_VALUE} rounds to
 * {@code MASK_VALUE} in float, and its softmax weight is exactly 0 whenever the row has at least
 * one visible key.
 *
 * @param kind     which masks are in effect
 * @param allowed  [T][S]: true where query t may attend to key s
 * @param additive [T * S]: 0 where allowed, {@link Ops#MASK_VALUE} where hidden
 */
public record AttentionMask(MaskKind kind, boolean[][] allowed, float[] additive) {

    /**
     * The mask for {@code queries} new tokens at positions {@code past .. past + queries - 1}
     * attending to keys {@code 0 .. past + queries - 1}.
     *
     * @param causal     hide keys after the query's own position
     * @param keyPadding 1 for a real key, 0 for padding, one entry per key; null for no padding
     */
    public static AttentionMask of(int queries, int past, boolean causal, int[] keyPadding) {
        int keys = past + queries;
        boolean padded = false;
        if (keyPadding != null) {
            if (keyPadding.length != keys) {
                throw new IllegalArgumentException("padding mask has " + keyPadding.length + " entries for " + keys + " keys");
            }
            for (int m : keyPadding) {
                padded |= m == 0;
            }
        }
        boolean[][] allowed = new boolean[queries][keys];
        float[] additive = new float[queries * keys];
        for (int t = 0; t < queries; t++) {
            for (int s = 0; s < keys; s++) {
                boolean ok = (!causal || s <= past + t) && (!padded || keyPadding[s] != 0);
                allowed[t][s] = ok;
                additive[t * keys + s] = ok ? 0f : Ops.MASK_VALUE;
            }
        }
        MaskKind kind = causal ? (padded ? MaskKind.CAUSAL_AND_PADDING : MaskKind.CAUSAL)
                : (padded ? MaskKind.PADDING : MaskKind.NONE);
        return new AttentionMask(kind, allowed, additive);
    }

    /** True when some entry is hidden (the additive mask is not all zeros). */
    public boolean hidesAnything() {
        for (float v : additive) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }

    /** A deep copy of {@link #allowed()}, for a trace that outlives this mask. */
    public boolean[][] allowedCopy() {
        boolean[][] copy = new boolean[allowed.length][];
        for (int i = 0; i < allowed.length; i++) {
            copy[i] = Arrays.copyOf(allowed[i], allowed[i].length);
        }
        return copy;
    }
}
