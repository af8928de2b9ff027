package org.attentionlab.engine.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.io.files.ModelFiles;

/**
 * A word list read from {@code src_vocab.json} or {@code tgt_vocab.json}: a JSON array of
 * strings whose index is the word's id. The four special tokens sit at the ids config.json names.
 */
public final class Vocabulary {
    /** Spelling of the special tokens, the same in every vocabulary. */
    public static final String PAD = "<pad>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";

    private final List<String> words;
    private final Map<String, Integer> ids;
    private final int unkId;

    private Vocabulary(List<String> words, Map<String, Integer> ids, int unkId) {
        this.words = words;
        this.ids = ids;
        this.unkId = unkId;
    }

    /** Reads {@code file} and checks its size and special tokens against {@code config}. */
    static Vocabulary read(Path file, int expectedSize, Seq2SeqConfig config) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(ModelFiles.readString(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("The seq2seq model folder has no " + name + ".",
                    "Copy the vocabulary files saved with the model into the folder.");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFormatException("The vocabulary " + name + " is not valid JSON: " + e.getOriginalMessage(),
                    "Save it again as a JSON array of words.", e);
        } catch (IOException e) {
            throw new ModelFormatException("The vocabulary " + name + " is not readable JSON: " + e.getMessage(),
                    "Save it again as a JSON array of words.", e);
        }
        if (root == null || !root.isArray()) {
            throw new ModelFormatException("The vocabulary " + name + " is not a JSON array of words.",
                    "Save it as a JSON array whose index is the word id, e.g. [\"<pad>\", \"<s>\", \"</s>\", \"<unk>\", ...].");
        }
        List<String> words = new ArrayList<>(root.size());
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode n : root) {
            if (!n.isTextual()) {
                throw new ModelFormatException("The vocabulary " + name + " has a non-string entry at id " + words.size() + ".",
                        "Save it as a JSON array of strings.");
            }
            Integer before = ids.putIfAbsent(n.asText(), words.size());
            if (before != null) {
                throw new ModelFormatException("The vocabulary " + name + " lists '" + n.asText() + "' twice (ids " + before
                        + " and " + words.size() + ").", "Remove the duplicate so that every word has one id.");
            }
            words.add(n.asText());
        }
        if (words.size() != expectedSize) {
            throw new ModelFormatException("The vocabulary " + name + " has " + words.size() + " words, but config.json says "
                    + expectedSize + ".", "Use the vocabulary saved together with the model.");
        }
        checkSpecial(name, words, config.padId(), PAD);
        checkSpecial(name, words, config.bosId(), BOS);
        checkSpecial(name, words, config.eosId(), EOS);
        checkSpecial(name, words, config.unkId(), UNK);
        return new Vocabulary(Collections.unmodifiableList(words), Collections.unmodifiableMap(ids), config.unkId());
    }

    private static void checkSpecial(String name, List<String> words, int id, String expected) {
        if (!words.get(id).equals(expected)) {
            throw new ModelFormatException("The vocabulary " + name + " has '" + words.get(id) + "' at id " + id
                    + ", where config.json puts " + expected + ".", "Use the vocabulary saved together with the model.");
        }
    }

    /** Number of words, special tokens included. */
    public int size() {
        return words.size();
    }

    /** The word with id {@code id}. */
    public String word(int id) {
        return words.get(id);
    }

    /** The id of {@code word}, or the {@code <unk>} id when the word is not in the vocabulary. */
    public int id(String word) {
        return ids.getOrDefault(word, unkId);
    }

    /** Whether {@code word} has its own id. */
    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    /** All words in id order. */
    public List<String> words() {
        return words;
    }
}
