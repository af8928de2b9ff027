package org.attentionlab.engine.tensor;

/**
 * LayerNorm parameters of one norm layer.
 *
 * @param weight gain [dim]
 * @param bias   shift [dim]
 * @param eps    added to the variance ({@code layer_norm_eps} / {@code layer_norm_epsilon})
 */
public record LayerNorm(float[] weight, float[] bias, float eps) {
    public LayerNorm {
        if (weight.length != bias.length) {
            throw new IllegalArgumentException("LayerNorm weight and bias differ in length");
        }
    }

    /**
     * Reads {@code key.weight} and {@code key.bias}, each {@code [dim]}. Checkpoints converted
     * from TensorFlow (bert-base-uncased among them) name them {@code key.gamma} and
     * {@code key.beta}; HF renames those on load, and so do we.
     */
    public static LayerNorm read(CheckpointReader reader, String key, int dim, float eps) {
        if (!reader.has(key + ".weight") && reader.has(key + ".gamma")) {
            return new LayerNorm(reader.array(key + ".gamma", dim), reader.array(key + ".beta", dim), eps);
        }
        return new LayerNorm(reader.array(key + ".weight", dim), reader.array(key + ".bias", dim), eps);
    }

    /** Like {@link #read}, for a norm whose key does not take the model prefix. */
    public static LayerNorm readUnprefixed(CheckpointReader reader, String fullKey, int dim, float eps) {
        if (!reader.hasUnprefixed(fullKey + ".weight") && reader.hasUnprefixed(fullKey + ".gamma")) {
            return new LayerNorm(reader.arrayUnprefixed(fullKey + ".gamma", dim),
                    reader.arrayUnprefixed(fullKey + ".beta", dim), eps);
        }
        return new LayerNorm(reader.arrayUnprefixed(fullKey + ".weight", dim),
                reader.arrayUnprefixed(fullKey + ".bias", dim), eps);
    }

    public int dim() {
        return weight.length;
    }

    /** Normalises each column of the feature-major {@code xT[dim, tokens]} into {@code out} (which may be {@code xT}). */
    public void applyColumns(float[] xT, int tokens, float[] out) {
        Ops.layerNormColumns(xT, weight.length, tokens, weight, bias, eps, out);
    }

    /** Normalises each of {@code rows} rows of {@code x} into {@code out} (which may be {@code x}). */
    public void apply(float[] x, int rows, float[] out) {
        Ops.layerNorm(x, rows, weight.length, weight, bias, eps, out);
    }
}
