package org.attentionlab.io.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import org.attentionlab.io.files.ModelFiles;

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
    /** Duplicate keys are refused, as HuggingFace's reader refuses them. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
            ModelFiles.requireRegularFile(file); // a FIFO would block the open forever
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
            String headerText;
            try {
                headerText = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
            } catch (CharacterCodingException e) {
                throw bad(where, "has a header that is not UTF-8 text");
            }
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;

            JsonNode root;
            try {
                root = JSON.readTree(headerText);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                String m = e.getOriginalMessage();
                if (m != null && m.startsWith("Duplicate field")) {
                    throw bad(where, "names a tensor twice in its header (" + m + ")");
                }
                throw bad(where, "has a header that is not valid JSON (" + m + ")");
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
                    readMetadata(where, e.getValue(), meta);
                    continue;
                }
                tensors.put(e.getKey(), parseEntry(where, e.getKey(), e.getValue(), dataSize));
            }
            checkCoverage(where, tensors, dataSize);
            return new SafeTensorsFile(file, ch, dataStart,
                    Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(meta));
        } catch (IOException e) {
            throw new ModelFormatException("The weights file " + file + " cannot be read: " + e.getMessage(),
                    "Check the disk and the file's permissions.", e);
        }
    }

    /** {@code __metadata__} must map strings to strings, as the format defines. */
    private static void readMetadata(String where, JsonNode m, Map<String, String> meta) {
        if (!m.isObject()) {
            throw bad(where, "has a __metadata__ entry that is not a map of strings to strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(where, "has the __metadata__ value " + e.getKey() + " = " + abbreviate(e.getValue().toString())
                        + ", which is not a string");
            }
            meta.put(e.getKey(), e.getValue().asText());
        }
    }

    private static TensorInfo parseEntry(String where, String name, JsonNode n, long dataSize) {
        if (!n.isObject() || !n.has("dtype") || !n.has("shape") || !n.has("data_offsets")) {
            throw bad(where, "has a malformed header entry for tensor '" + name + "'");
        }
        JsonNode dtNode = n.get("dtype");
        String dt = dtNode.isTextual() ? dtNode.asText() : dtNode.toString();
        if (!dtNode.isTextual() || !DType.isFormatType(dt)) {
            throw bad(where, "gives tensor '" + name + "' the type " + abbreviate(dt) + ", which is not a safetensors type"
                    + " (types are upper case, e.g. F32, F16, BF16)");
        }
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
            if (!isNonNegativeLong(sh.get(i))) {
                throw bad(where, "gives tensor '" + name + "' the dimension " + abbreviate(sh.get(i).toString())
                        + ", which is not a whole number from 0 to 2^63-1");
            }
            shape[i] = sh.get(i).longValue();
        }
        long bytes;
        try {
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, (long) dtype.size);
        } catch (ArithmeticException e) {
            throw bad(where, "gives tensor '" + name + "' the shape " + java.util.Arrays.toString(shape)
                    + ", whose size overflows a 64-bit count");
        }
        if (!isNonNegativeLong(off.get(0)) || !isNonNegativeLong(off.get(1))) {
            throw bad(where, "gives tensor '" + name + "' the data offsets " + abbreviate(off.toString())
                    + ", which are not whole numbers from 0 to 2^63-1");
        }
        long begin = off.get(0).longValue();
        long end = off.get(1).longValue();
        if (end < begin) {
            throw bad(where, "has invalid data offsets [" + begin + ", " + end + ") for tensor '" + name + "'");
        }
        if (end > dataSize) {
            throw bad(where, "says tensor '" + name + "' ends at byte " + end + " of the data, but the data section has only "
                    + dataSize + " bytes (the file is truncated)");
        }
        if (end - begin != bytes) {
            throw bad(where, "says tensor '" + name + "' of shape " + java.util.Arrays.toString(shape) + " and type " + dt
                    + " takes " + (end - begin) + " bytes; it should take " + bytes);
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** An integer JSON number (not 2.5, not 2.0) that fits a non-negative long. */
    private static boolean isNonNegativeLong(JsonNode v) {
        return v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0;
    }

    /**
     * The tensors must tile the data section exactly, in offset order, as the format requires:
     * no overlap, no gap, no bytes after the last one. An empty tensor overlaps nothing, so it
     * may share its offset with the next tensor.
     */
    private static void checkCoverage(String where, Map<String, TensorInfo> tensors, long dataSize) {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < covered) {
                throw bad(where, "has overlapping data for tensors '" + previous.name() + "' and '" + t.name() + "'");
            }
            if (t.begin() > covered) {
                throw bad(where, "leaves bytes " + covered + " to " + t.begin() + " of the data section, before tensor '"
                        + t.name() + "', covered by no tensor");
            }
            covered = t.end();
            previous = t;
        }
        if (covered != dataSize) {
            throw bad(where, "has " + (dataSize - covered) + " bytes at the end of the data section that no tensor covers");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
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
