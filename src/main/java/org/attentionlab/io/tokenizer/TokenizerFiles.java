package org.attentionlab.io.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.files.ModelFiles;

/**
 * Reading the files of a HuggingFace tokenizer folder, with one clear message per thing that can
 * be wrong. Also merges tokenizer_config.json and special_tokens_map.json into one view of the
 * settings (special_tokens_map.json wins, as in HF).
 */
final class TokenizerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String REDOWNLOAD = "Download the file again from the model's HuggingFace repository.";

    private final Path dir;
    private final JsonNode config;      // tokenizer_config.json, or an empty object
    private final JsonNode specialMap;  // special_tokens_map.json, or an empty object

    private TokenizerFiles(Path dir, JsonNode config, JsonNode specialMap) {
        this.dir = dir;
        this.config = config;
        this.specialMap = specialMap;
    }

    /** Opens a model folder and reads its optional tokenizer settings. */
    static TokenizerFiles open(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelFormatException("The model folder " + dir + " does not exist or is not a folder.",
                    "Choose the folder that holds the model's files (config.json and its vocabulary files).");
        }
        JsonNode config = optionalJson(dir.resolve("tokenizer_config.json")).orElse(JSON.createObjectNode());
        JsonNode special = optionalJson(dir.resolve("special_tokens_map.json")).orElse(JSON.createObjectNode());
        return new TokenizerFiles(dir, requireObject(config, dir.resolve("tokenizer_config.json")),
                requireObject(special, dir.resolve("special_tokens_map.json")));
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Whether something is at {@code name}: a pipe or a folder there counts, so that reading it says what it is. */
    boolean exists(String name) {
        return present(dir.resolve(name));
    }

    private static boolean present(Path p) {
        return Files.exists(p) || Files.isSymbolicLink(p);
    }

    /** True if tokenizer_config.json names {@code key}, even as null. */
    boolean has(String key) {
        return config.has(key);
    }

    /** A boolean setting; empty when absent or null. */
    Optional<Boolean> bool(String key) {
        JsonNode v = config.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new ModelFormatException("The setting \"" + key + "\" in " + file("tokenizer_config.json")
                    + " should be true or false but is " + v + ".", "Fix the value or delete the setting.");
        }
        return Optional.of(v.booleanValue());
    }

    /** A list-of-strings setting (e.g. never_split); empty when absent or null. */
    List<String> strings(String key) {
        JsonNode v = config.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new ModelFormatException("The setting \"" + key + "\" in " + file("tokenizer_config.json")
                    + " should be a list of strings but is " + v + ".", "Fix the value or delete the setting.");
        }
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** model_max_length, when it is a real limit (HF writes 1e30 for "none"). */
    OptionalInt maxLength() {
        JsonNode v = config.get("model_max_length");
        if (v == null || !v.isNumber() || v.doubleValue() < 1 || v.doubleValue() > 1_000_000_000) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(v.intValue());
    }

    /**
     * A special token such as {@code mask_token}: a string, or an object with {@code content}
     * (HF's serialised AddedToken). special_tokens_map.json wins over tokenizer_config.json.
     * Returns {@code fallback} when neither file names it; empty when a file sets it to null.
     */
    Optional<String> specialToken(String key, String fallback) {
        for (JsonNode source : new JsonNode[] {specialMap, config}) {
            if (source.has(key)) {
                JsonNode v = source.get(key);
                if (v.isNull()) {
                    return Optional.empty();
                }
                if (v.isTextual()) {
                    return Optional.of(v.asText());
                }
                if (v.isObject() && v.has("content")) {
                    return Optional.of(v.get("content").asText());
                }
                throw new ModelFormatException("The special token \"" + key + "\" in " + dir
                        + " is neither a string nor an object with \"content\": " + v + ".",
                        "Fix the value or delete the setting.");
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** Added tokens listed in tokenizer_config.json's {@code added_tokens_decoder}: content to id. */
    Map<String, Integer> addedTokens() {
        Map<String, Integer> out = new LinkedHashMap<>();
        JsonNode decoder = config.get("added_tokens_decoder");
        if (decoder == null || !decoder.isObject()) {
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = decoder.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode content = e.getValue().get("content");
            try {
                if (content != null && content.isTextual()) {
                    out.put(content.asText(), Integer.parseInt(e.getKey()));
                }
            } catch (NumberFormatException ex) {
                throw new ModelFormatException("added_tokens_decoder in " + file("tokenizer_config.json")
                        + " has the key \"" + e.getKey() + "\", which is not a token id.", REDOWNLOAD);
            }
        }
        return out;
    }

    /** Added tokens listed in tokenizer.json's {@code added_tokens}: content to id. */
    static Map<String, Integer> addedTokens(JsonNode tokenizerJson) {
        Map<String, Integer> out = new LinkedHashMap<>();
        JsonNode list = tokenizerJson.get("added_tokens");
        if (list != null && list.isArray()) {
            for (JsonNode t : list) {
                if (t.path("content").isTextual() && t.path("id").canConvertToInt()) {
                    out.put(t.get("content").asText(), t.get("id").intValue());
                }
            }
        }
        return out;
    }

    // ----- file reading -----------------------------------------------------------------------

    /**
     * Lines of a UTF-8 text file, split on \n, \r\n or \r as Python's text mode does; a final
     * newline does not make an extra empty line.
     */
    static List<String> lines(Path file) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(ModelFiles.readBytes(file)), decoder))) {
            List<String> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new ModelFormatException("The file " + file + " is not UTF-8 text.", REDOWNLOAD, e);
        } catch (IOException e) {
            throw new ModelFormatException("The file " + file + " cannot be read: " + e.getMessage(),
                    "Check that the file exists and that you may read it.", e);
        }
    }

    /** Parses a JSON file; a missing file is the caller's business (check {@link #exists} first). */
    static JsonNode json(Path file) {
        try {
            byte[] bytes = ModelFiles.readBytes(file);
            if (bytes.length == 0) {
                throw new ModelFormatException("The file " + file + " is empty.", REDOWNLOAD);
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new ModelFormatException("The file " + file + " holds no JSON value.", REDOWNLOAD);
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            throw new ModelFormatException("The file " + file + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), REDOWNLOAD, e);
        } catch (IOException e) {
            throw new ModelFormatException("The file " + file + " cannot be read: " + e.getMessage(),
                    "Check that the file exists and that you may read it.", e);
        }
    }

    static Optional<JsonNode> optionalJson(Path file) {
        return present(file) ? Optional.of(json(file)) : Optional.empty();
    }

    private static JsonNode requireObject(JsonNode node, Path file) {
        if (!node.isObject()) {
            throw new ModelFormatException("The file " + file + " should hold a JSON object but holds "
                    + node.getNodeType().toString().toLowerCase() + ".", REDOWNLOAD);
        }
        return node;
    }

    static JsonNode requireObjectField(JsonNode parent, String field, Path file) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isObject()) {
            throw new ModelFormatException("The file " + file + " has no \"" + field + "\" object.", REDOWNLOAD);
        }
        return v;
    }
}
