package org.attentionlab.io.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.attentionlab.domain.ModelFormatException;

/**
 * A checkpoint split over several safetensors files, described by
 * {@code model.safetensors.index.json} ({@code {"weight_map": {tensor: file}}}).
 * Every shard is opened and validated up front; every tensor named in the index must be in
 * the shard the index names.
 */
public final class ShardedSafeTensors implements TensorSource {
    private final Map<String, SafeTensorsFile> byTensor;
    private final Map<String, SafeTensorsFile> shards;

    private ShardedSafeTensors(Map<String, SafeTensorsFile> byTensor, Map<String, SafeTensorsFile> shards) {
        this.byTensor = byTensor;
        this.shards = shards;
    }

    public static ShardedSafeTensors open(Path indexFile) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(indexFile));
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
                String shardName = e.getValue().asText();
                Path shardPath = dir.resolve(shardName).normalize();
                if (!shardPath.startsWith(dir)) {
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
