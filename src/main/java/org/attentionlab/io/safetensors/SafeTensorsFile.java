package org.attentionlab.io.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.ModelFormatException;

/**
 * Reader for one {@code .safetensors} file.
 *
 * <p>Format: 8 bytes little-endian header length N, N bytes of JSON header, then the data
 * section. The header maps each tensor name to {@code dtype}, {@code shape} and
 * {@code data_offsets [begin, end)} relative to the data section; an optional
 * {@code __metadata__} maps strings to strings. Everything in the header is checked against
 * the file size before any tensor is read, so a truncated or corrupt file fails at open with a
 * message, never with an exception from deep inside a read. Data is read through a memory map
 * of just the tensor's bytes, so files larger than 2 GB work.
 */
public final class SafeTensorsFile implements TensorSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers beyond this are refused before allocation (HF's own limit is 100 MB). */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    private static final String CONVERT_HINT =
            "Re-save the model with save_pretrained(dir, safe_serialization=True) or download its model.safetensors again.";

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafeTensorsFile(Path path, FileChannel channel, long dataStart,
                            Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates {@code file}; throws {@link ModelFormatException} if it is not a valid safetensors file. */
    public static SafeTensorsFile open(Path file) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("The weights file " + file + " does not exist.",
                    "Choose a model folder that contains model.safetensors.");
        } catch (IOException e) {
            throw new ModelFormatException("The weights file " + file + " cannot be read: " + e.getMessage(),
                    "Check that the file exists and that you may read it.", e);
        }
        try {
            return parse(file, ch);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static SafeTensorsFile parse(Path file, FileChannel ch) {
        String where = file.getFileName().toString();
        long size;
        try {
            size = ch.size();
            if (size < 8) {
                throw bad(where, "is only " + size + " bytes long, shorter than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES) {
                throw bad(where, "declares a header of " + headerLen + " bytes, which is not a valid safetensors header");
            }
            if (8 + headerLen > size) {
                throw bad(where, "declares a header of " + headerLen + " bytes but the file has only "
                        + (size - 8) + " bytes after the length field (the file is truncated or not safetensors)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            String headerText = new String(hb.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;

            JsonNode root;
            try {
                root = JSON.readTree(headerText);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw bad(where, "has a header that is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (root == null || !root.isObject()) {
                throw bad(where, "has a header that is not a JSON object");
            }
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> meta = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = root.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), parseEntry(where, e.getKey(), e.getValue(), dataSize));
            }
            checkNoOverlap(where, tensors);
            return new SafeTensorsFile(file, ch, dataStart,
                    Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(meta));
        } catch (IOException e) {
            throw new ModelFormatException("The weights file " + file + " cannot be read: " + e.getMessage(),
                    "Check the disk and the file's permissions.", e);
        }
    }

    private static TensorInfo parseEntry(String where, String name, JsonNode n, long dataSize) {
        if (!n.isObject() || !n.has("dtype") || !n.has("shape") || !n.has("data_offsets")) {
            throw bad(where, "has a malformed header entry for tensor '" + name + "'");
        }
        String dt = n.get("dtype").asText();
        DType dtype = DType.parse(dt);
        if (dtype == null) {
            throw new ModelFormatException("Tensor '" + name + "' in " + where + " has type " + dt
                    + ", which Attention Lab cannot compute with (supported: F32, F16, BF16).",
                    "Convert the model to float32, float16 or bfloat16 before loading it.");
        }
        JsonNode sh = n.get("shape");
        JsonNode off = n.get("data_offsets");
        if (!sh.isArray() || !off.isArray() || off.size() != 2) {
            throw bad(where, "has a malformed shape or data_offsets for tensor '" + name + "'");
        }
        long[] shape = new long[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!sh.get(i).canConvertToLong() || sh.get(i).asLong() < 0) {
                throw bad(where, "has a negative or non-integer dimension in tensor '" + name + "'");
            }
            shape[i] = sh.get(i).asLong();
            count = Math.multiplyExact(count, shape[i]);
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw bad(where, "has invalid data offsets [" + begin + ", " + end + ") for tensor '" + name + "'");
        }
        if (end > dataSize) {
            throw bad(where, "says tensor '" + name + "' ends at byte " + end + " of the data, but the data section has only "
                    + dataSize + " bytes (the file is truncated)");
        }
        if (end - begin != count * dtype.size) {
            throw bad(where, "says tensor '" + name + "' of shape " + java.util.Arrays.toString(shape) + " and type " + dt
                    + " takes " + (end - begin) + " bytes; it should take " + count * dtype.size);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void checkNoOverlap(String where, Map<String, TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo a = sorted.get(i - 1);
            TensorInfo b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw bad(where, "has overlapping data for tensors '" + a.name() + "' and '" + b.name() + "'");
            }
        }
    }

    private static ModelFormatException bad(String where, String what) {
        return new ModelFormatException("The weights file " + where + " " + what + ".", CONVERT_HINT);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
    }

    public Path path() {
        return path;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(tensors.keySet()));
    }

    @Override
    public TensorInfo info(String name) {
        return tensors.get(name);
    }

    @Override
    public float[] readFloats(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException("The weights file " + path.getFileName() + " has no tensor named '" + name + "'.",
                    "The checkpoint does not match its config.json; use the files saved together by save_pretrained.");
        }
        long n = t.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("Tensor '" + name + "' has " + n + " elements, too many for one array.",
                    "Use a smaller model.");
        }
        float[] out = new float[(int) n];
        if (n == 0) {
            return out;
        }
        ByteBuffer bytes;
        try {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.end() - t.begin())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelFormatException("Tensor '" + name + "' cannot be read from " + path.getFileName() + ": " + e.getMessage(),
                    CONVERT_HINT, e);
        }
        switch (t.dtype()) {
            case F32 -> bytes.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(bytes.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((bytes.getShort(2 * i) & 0xffff) << 16);
                }
            }
            default -> throw new IllegalStateException(t.dtype().toString());
        }
        return out;
    }

    /** IEEE 754 binary16 to binary32, exact for every value including subnormals, infinities and NaN. */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) { // inf or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: value = mant * 2^-24, exactly representable as a normal float
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to do: the file was only read
        }
    }
}
