package org.attentionlab.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionlab.io.safetensors.SafeTensorsFile;

/** Writes fp32 safetensors files, so that tests can build broken checkpoints from good ones. */
public final class SafeTensorsWriter {
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();

    /** Starts from every tensor of {@code file}. */
    public static SafeTensorsWriter copyOf(Path file) {
        SafeTensorsWriter w = new SafeTensorsWriter();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            for (String name : f.names()) {
                w.put(name, f.info(name).shape(), f.readFloats(name));
            }
        }
        return w;
    }

    public SafeTensorsWriter put(String name, long[] shape, float[] data) {
        shapes.put(name, shape);
        values.put(name, data);
        return this;
    }

    public SafeTensorsWriter remove(String name) {
        if (shapes.remove(name) == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        values.remove(name);
        return this;
    }

    public void write(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (String name : shapes.keySet()) {
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : shapes.get(name)) {
                shape.add(d);
            }
            long bytes = values.get(name).length * 4L;
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] head = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(head.length).array());
            out.write(head);
            for (float[] v : values.values()) {
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                out.write(b.array());
            }
        }
    }
}
