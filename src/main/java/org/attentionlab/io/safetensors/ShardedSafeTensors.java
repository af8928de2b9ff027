package org.attentionlab.io.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.files.ModelFiles;

/**
 * A checkpoint split over several safetensors files, described by
 * {@code model.safetensors.index.json} ({@code {"weight_map": {tensor: file}}}).
 * Every shard is opened and validated up front; every tensor named in the index must be in
 * the shard the index names.
 */
public final class ShardedSafeTensors implements TensorSource {
    private final Map<String, SafeTensorsFile> byTensor;
    private final Map<String, SafeTensorsFile> shards;

    /** Refuses duplicate keys, which would otherwise silently keep the last one. */
    private static final ObjectMapper STRICT_JSON =
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ShardedSafeTensors(Map<String, SafeTensorsFile> byTensor, Map<String, SafeTensorsFile> shards) {
        this.byTensor = byTensor;
        this.shards = shards;
    }

    public static ShardedSafeTensors open(Path indexFile) {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(ModelFiles.readString(indexFile));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException("The shard index " + indexFile.getFileName() + " is not valid JSON: "
                    + e.getOriginalMessage() + ".", "Use the index saved with the model's shards.", e);
        } catch (IOException e) {
            throw new ModelFormatException("The shard index " + indexFile.getFileName() + " cannot be read: " + e.getMessage(),
                    "Check that the model folder was copied completely.", e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new ModelFormatException("The shard index " + indexFile.getFileName() + " has no \"weight_map\".",
                    "Check that the model folder was copied completely.");
        }
        Path dir = indexFile.toAbsolutePath().getParent();
        Map<String, SafeTensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafeTensorsFile> byTensor = new LinkedHashMap<>();
        try {
            var it = map.fields();
            while (it.hasNext()) {
                var e = it.next();
                String shardName = shardName(indexFile, e.getKey(), e.getValue());
                Path shardPath;
                try {
                    shardPath = dir.resolve(shardName).normalize();
                } catch (InvalidPathException bad) {
                    throw new ModelFormatException("The shard index " + indexFile.getFileName() + " names the file "
                            + printable(shardName) + " for tensor " + printable(e.getKey()) + ", which is not a valid file name.",
                            "Use the index saved with the model's shards.");
                }
                if (!shardPath.startsWith(dir) || shardPath.equals(dir)) {
                    throw new ModelFormatException("The shard index names a file outside the model folder: " + shardName + ".",
                            "Use an index that only names files in the same folder.");
                }
                SafeTensorsFile shard = shards.computeIfAbsent(shardName, n -> SafeTensorsFile.open(shardPath));
                if (!shard.contains(e.getKey())) {
                    throw new ModelFormatException("The shard index says tensor '" + e.getKey() + "' is in " + shardName
                            + ", but that file does not contain it.", "Download the model's shards again.");
                }
                byTensor.put(e.getKey(), shard);
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafeTensorsFile::close);
            throw e;
        }
        return new ShardedSafeTensors(Collections.unmodifiableMap(byTensor), shards);
    }

    /** The shard file named by one weight_map entry: a non-empty string without control characters. */
    private static String shardName(Path indexFile, String tensor, JsonNode value) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new ModelFormatException("The shard index " + indexFile.getFileName() + " maps tensor " + printable(tensor)
                    + " to " + abbreviate(value.toString()) + ", which is not a file name.",
                    "Use the index saved with the model's shards.");
        }
        String name = value.asText();
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new ModelFormatException("The shard index " + indexFile.getFileName() + " names the file " + printable(name)
                    + " for tensor " + printable(tensor) + ", which contains control characters.",
                    "Use the index saved with the model's shards.");
        }
        return name;
    }

    /** {@code s} with control characters shown as a backslash, u and four hex digits, quoted, shortened for a message. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(120).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(s.codePointCount(0, s.length()) > 120 ? "...\"" : "\"").toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(byTensor.keySet()));
    }

    @Override
    public TensorInfo info(String name) {
        SafeTensorsFile f = byTensor.get(name);
        return f == null ? null : f.info(name);
    }

    @Override
    public float[] readFloats(String name) {
        SafeTensorsFile f = byTensor.get(name);
        if (f == null) {
            throw new ModelFormatException("The checkpoint has no tensor named '" + name + "'.",
                    "The checkpoint does not match its config.json; use the files saved together by save_pretrained.");
        }
        return f.readFloats(name);
    }

    @Override
    public void close() {
        shards.values().forEach(SafeTensorsFile::close);
    }
}
