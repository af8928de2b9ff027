package org.attentionlab.engine.tensor;

import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Off-heap work buffers that BLAS reads and writes, owned by one run (one thread). A buffer is
 * allocated the first time it is asked for and replaced only when a larger one is needed, so a
 * decode loop that asks for the same sizes every step allocates nothing after the first step.
 */
public final class Scratch implements AutoCloseable {
    /** What a buffer is for; each has its own memory so that two can be operands of one call. */
    public enum Slot {
        /** Input rows of a linear layer. */
        LINEAR_IN,
        /** Output rows of a linear layer. */
        LINEAR_OUT,
        /** Keys of one layer when there is no KV cache (BERT), [T, hidden]. */
        KEYS,
        /** Values of one layer when there is no KV cache (BERT), [T, hidden]. */
        VALUES,
        /** Queries of one layer, [T, hidden]. */
        QUERY,
        /** One head's scores or probabilities, [T, S]. */
        SCORES,
        /** Attention output of all heads, [T, hidden]. */
        CONTEXT
    }

    private final Map<Slot, FloatPointer> buffers = new EnumMap<>(Slot.class);

    /** A buffer of at least {@code floats} elements for {@code slot}; its contents are undefined. */
    public FloatPointer get(Slot slot, long floats) {
        FloatPointer p = buffers.get(slot);
        if (p == null || p.capacity() < floats) {
            if (p != null) {
                p.close();
            }
            // grow by half again so that a growing sequence does not reallocate every token
            long capacity = Math.max(floats, p == null ? floats : p.capacity() + p.capacity() / 2);
            p = new FloatPointer(capacity);
            buffers.put(slot, p);
        }
        return p;
    }

    @Override
    public void close() {
        buffers.values().forEach(FloatPointer::close);
        buffers.clear();
    }
}
