package org.attentionlab.io.safetensors;

import java.util.Set;

/**
 * Named tensors read from a checkpoint: one safetensors file or a sharded set.
 * Values are always returned as fp32, whatever the stored type.
 */
public interface TensorSource extends AutoCloseable {
    /** All tensor names. */
    Set<String> names();

    /** The header entry of {@code name}, or null when absent. */
    TensorInfo info(String name);

    default boolean contains(String name) {
        return info(name) != null;
    }

    /** Reads a tensor widened to fp32, row-major. */
    float[] readFloats(String name);

    @Override
    void close();
}
