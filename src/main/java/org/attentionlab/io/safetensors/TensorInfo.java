package org.attentionlab.io.safetensors;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name  the checkpoint key, e.g. {@code bert.encoder.layer.0.attention.self.query.weight}
 * @param dtype element type as stored
 * @param shape dimensions, outermost first (row-major)
 * @param begin byte offset of the data, relative to the start of the data section
 * @param end   byte offset one past the data, relative to the start of the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {
    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Shape as ints, for code that works with Java arrays. */
    public int[] intShape() {
        return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
