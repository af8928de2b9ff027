package org.attentionlab.engine.tensor;

import java.util.Arrays;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.safetensors.TensorInfo;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * Reads a model's tensors by their HuggingFace keys, checking that each one exists and has the
 * shape the model's config.json implies. Every failure names the tensor, the expected shape and
 * the shape found, so that a mismatched config and checkpoint are explained, not crashed on.
 */
public final class CheckpointReader {
    private final TensorSource source;
    private final String prefix;
    private final String architecture;
    private long parameters;

    /**
     * @param prefix       prepended to every key ({@code "bert."}, {@code "transformer."} or {@code ""})
     * @param architecture for messages, e.g. {@code "BERT"}
     */
    public CheckpointReader(TensorSource source, String prefix, String architecture) {
        this.source = source;
        this.prefix = prefix;
        this.architecture = architecture;
    }

    /** The first of {@code prefixes} under which {@code probeKey} exists, or null when none. */
    public static String detectPrefix(TensorSource source, String probeKey, String... prefixes) {
        for (String p : prefixes) {
            if (source.contains(p + probeKey)) {
                return p;
            }
        }
        return null;
    }

    public String prefix() {
        return prefix;
    }

    /** True when {@code key} (with the prefix) exists. */
    public boolean has(String key) {
        return source.contains(prefix + key);
    }

    /** True when {@code fullKey} (without the prefix) exists. */
    public boolean hasUnprefixed(String fullKey) {
        return source.contains(fullKey);
    }

    /** A matrix {@code [rows, cols]} under {@code prefix + key}. */
    public Matrix matrix(String key, int rows, int cols) {
        return Matrix.of(read(prefix + key, rows, cols), rows, cols);
    }

    /** A matrix under a key that does not take the model prefix (e.g. {@code cls.predictions...}). */
    public Matrix matrixUnprefixed(String fullKey, int rows, int cols) {
        return Matrix.of(read(fullKey, rows, cols), rows, cols);
    }

    /** A tensor of the given shape under {@code prefix + key}, row-major on the heap. */
    public float[] array(String key, int... shape) {
        return read(prefix + key, shape);
    }

    /** A tensor of the given shape under a key without the model prefix. */
    public float[] arrayUnprefixed(String fullKey, int... shape) {
        return read(fullKey, shape);
    }

    /** {@code nn.Linear} weight {@code [out, in]} and bias {@code [out]} under {@code key.weight} / {@code key.bias}. */
    public Linear linear(String key, int in, int out) {
        Matrix weight = matrix(key + ".weight", out, in);
        return new Linear(weight, biasOrClose(key, out, weight), Linear.Layout.OUT_IN);
    }

    /**
     * GPT-2's {@code Conv1D}: the same affine map as {@code nn.Linear}, but the weight is stored
     * {@code [in, out]}. Read as stored; {@link Linear.Layout#IN_OUT} makes the product read it that way.
     */
    public Linear conv1d(String key, int in, int out) {
        Matrix weight = matrix(key + ".weight", in, out);
        return new Linear(weight, biasOrClose(key, out, weight), Linear.Layout.IN_OUT);
    }

    /** Reads {@code key.bias}; if that fails, frees the weight already read before rethrowing. */
    private float[] biasOrClose(String key, int out, Matrix weight) {
        try {
            return array(key + ".bias", out);
        } catch (RuntimeException e) {
            weight.close();
            throw e;
        }
    }

    /** Parameters read so far (tensors read twice are counted twice; read tied weights once). */
    public long parameterCount() {
        return parameters;
    }

    private float[] read(String fullKey, int... expected) {
        TensorInfo info = source.info(fullKey);
        if (info == null) {
            throw new ModelFormatException("The checkpoint has no tensor '" + fullKey + "', which this " + architecture
                    + " model needs (expected shape " + Arrays.toString(expected) + ").",
                    "Use a complete checkpoint saved with save_pretrained, together with its own config.json.");
        }
        int[] found = info.intShape();
        if (!Arrays.equals(found, expected)) {
            throw new ModelFormatException("Tensor '" + fullKey + "' has shape " + Arrays.toString(found)
                    + ", but config.json implies " + Arrays.toString(expected) + ".",
                    "Use the config.json that was saved with these weights.");
        }
        float[] values = source.readFloats(fullKey);
        parameters += values.length;
        return values;
    }
}
