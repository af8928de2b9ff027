package org.attentionlab.engine.seq2seq;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionlab.io.safetensors.SafeTensorsFile;

/** Writes F32 safetensors files, so tests can build broken checkpoints from a good one. */
final class SafeTensorsTestWriter {
    /** Name to (shape, values), in file order. */
    final Map<String, Object[]> tensors = new LinkedHashMap<>();

    static SafeTensorsTestWriter copyOf(Path file) {
        SafeTensorsTestWriter w = new SafeTensorsTestWriter();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            for (String name : f.names()) {
                w.put(name, f.info(name).intShape(), f.readFloats(name));
            }
        }
        return w;
    }

    SafeTensorsTestWriter put(String name, int[] shape, float[] values) {
        tensors.put(name, new Object[] {shape, values});
        return this;
    }

    SafeTensorsTestWriter remove(String name) {
        tensors.remove(name);
        return this;
    }

    void write(Path file) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, Object[]> e : tensors.entrySet()) {
            int[] shape = (int[]) e.getValue()[0];
            long bytes = 4L * ((float[]) e.getValue()[1]).length;
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(shape).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + head.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(head.length).put(head);
        for (Object[] t : tensors.values()) {
            for (float v : (float[]) t[1]) {
                buf.putFloat(v);
            }
        }
        Files.write(file, buf.array());
    }
}
