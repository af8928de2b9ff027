package org.attentionlab.io.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.attentionlab.domain.ModelFormatException;

/** A JSON vocabulary object (token to id), as in GPT-2's vocab.json and tokenizer.json's model.vocab. */
final class VocabJson {
    /** Ids beyond this are refused: no real vocabulary comes near, and the id-to-token table is an array. */
    static final int MAX_ID = 10_000_000;

    private VocabJson() {
    }

    static Map<String, Integer> read(JsonNode vocab, Path file) {
        if (vocab == null || !vocab.isObject()) {
            throw new ModelFormatException("The vocabulary in " + file + " is not a JSON object mapping tokens to ids.",
                    TokenizerFiles.REDOWNLOAD);
        }
        if (vocab.isEmpty()) {
            throw new ModelFormatException("The vocabulary in " + file + " is empty.", TokenizerFiles.REDOWNLOAD);
        }
        Map<String, Integer> out = new HashMap<>(vocab.size() * 2);
        Map<Integer, String> byId = new HashMap<>(vocab.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> it = vocab.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode id = e.getValue();
            if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0 || id.intValue() > MAX_ID) {
                throw new ModelFormatException("The vocabulary in " + file + " maps \"" + e.getKey() + "\" to " + id
                        + ", which is not a token id (a whole number from 0).", TokenizerFiles.REDOWNLOAD);
            }
            String before = byId.putIfAbsent(id.intValue(), e.getKey());
            if (before != null) {
                throw new ModelFormatException("The vocabulary in " + file + " gives the id " + id + " to two tokens, \""
                        + before + "\" and \"" + e.getKey() + "\", so that id cannot be turned back into text.",
                        TokenizerFiles.REDOWNLOAD);
            }
            out.put(e.getKey(), id.intValue());
        }
        return out;
    }

    /** Id-to-token table; null where no token has that id. */
    static String[] inverse(Map<String, Integer> vocab) {
        int max = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        String[] out = new String[max + 1];
        vocab.forEach((token, id) -> {
            out[id] = token; // ids are unique: read() refuses two tokens on one id
        });
        return out;
    }
}
