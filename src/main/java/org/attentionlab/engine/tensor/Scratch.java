package org.attentionlab.engine.tensor;

import org.bytedeco.javacpp.FloatPointer;

/**
 * Work buffers of one run: off-heap ones that BLAS reads and writes, and heap ones for the
 * element-wise steps. A buffer is allocated the first time it is asked for and replaced only when
 * a larger one is needed, so a decode loop that asks for the same sizes every step allocates
 * nothing after the first step.
 *
 * <p>A run belongs to one caller, but the compute threads of its parallel steps ({@link Parallel})
 * each take their own buffers by worker number: two threads never share a buffer, so they need
 * no locking.
 */
public final class Scratch implements AutoCloseable {
    /** What a buffer is for; each has its own memory so that two can be operands of one call. */
    public enum Slot {
        /** The input of a linear layer, [in, T]. */
        INPUT,
        /** The output of a linear layer, [out, T]. */
        OUTPUT,
        /** Queries, keys and values of one layer stacked, [3 hidden, T]. */
        QKV,
        /** Attention output of all heads, [hidden, T]. */
        CONTEXT,
        /** Feed-forward activations, [intermediate, T]. */
        FFN,
        /** One head's scores or probabilities, [T, S] (one per part). */
        SCORES,
        /** A column block of a linear layer's output, for its activation (one per part). */
        BLOCK,
        /** A linear layer's output for one token, off-heap and on the heap. */
        ROW,
        /** Partial sums of a one-row product split along its input, [chunks, out]. */
        PARTIAL,
        /** A transposed copy of activations on the heap. */
        TRANSPOSE
    }

    private static final int MAX_PARTS = 64;
    private final FloatPointer[][] offHeap = new FloatPointer[Slot.values().length][MAX_PARTS];
    private final float[][][] heap = new float[Slot.values().length][MAX_PARTS][];
    private FloatPointer ones;

    /** An off-heap buffer of at least {@code floats} elements for {@code slot}; its contents are undefined. */
    public FloatPointer get(Slot slot, long floats) {
        return get(slot, 0, floats);
    }

    /** Like {@link #get(Slot, long)}, for compute thread {@code part} ({@link Parallel.Chunk}'s worker). */
    public FloatPointer get(Slot slot, int part, long floats) {
        FloatPointer p = offHeap[slot.ordinal()][part];
        if (p == null || p.capacity() < floats) {
            long capacity = grownCapacity(p == null ? 0 : p.capacity(), floats);
            if (p != null) {
                p.close();
            }
            p = new FloatPointer(capacity);
            offHeap[slot.ordinal()][part] = p;
        }
        return p;
    }

    /** A heap array of at least {@code floats} elements for {@code slot} and compute thread {@code part}; contents undefined. */
    public float[] heap(Slot slot, int part, int floats) {
        float[] a = heap[slot.ordinal()][part];
        if (a == null || a.length < floats) {
            a = new float[(int) Math.min(Integer.MAX_VALUE - 8, grownCapacity(a == null ? 0 : a.length, floats))];
            heap[slot.ordinal()][part] = a;
        }
        return a;
    }

    /** An off-heap vector of at least {@code n} ones (the left factor that adds a bias to every row). */
    public FloatPointer ones(long n) {
        if (ones == null || ones.capacity() < n) {
            if (ones != null) {
                ones.close();
            }
            ones = new FloatPointer(Math.max(n, 64));
            for (long i = 0; i < ones.capacity(); i++) {
                ones.put(i, 1f);
            }
        }
        return ones;
    }

    /** Grows by half again, so that a sequence growing token by token does not reallocate at every step. */
    private static long grownCapacity(long current, long needed) {
        return Math.max(needed, current + current / 2);
    }

    @Override
    public void close() {
        for (FloatPointer[] bySlot : offHeap) {
            for (int i = 0; i < bySlot.length; i++) {
                if (bySlot[i] != null) {
                    bySlot[i].close();
                    bySlot[i] = null;
                }
            }
        }
        if (ones != null) {
            ones.close();
            ones = null;
        }
    }
}
