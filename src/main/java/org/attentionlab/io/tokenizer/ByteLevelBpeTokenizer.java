package org.attentionlab.io.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;

/**
 * GPT-2's byte-level BPE tokenizer, equal to HuggingFace's {@code GPT2Tokenizer} on the same
 * vocab.json and merges.txt.
 *
 * <p>Steps: special tokens typed literally ({@code <|endoftext|>}) are cut out first; the rest is
 * split by GPT-2's pattern (contractions, letters with an optional leading space, digits,
 * other symbols, whitespace runs that leave their last space to the next word); each piece's
 * UTF-8 bytes are written in the byte-level alphabet ({@link ByteLevelCodec}) and merged by
 * rank. Nothing is lost on the way, so {@code decode(encode(text).ids())} gives back {@code text}
 * exactly (for text that is valid UTF-16).
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {
    /**
     * GPT-2's pre-tokenizer. With UNICODE_CHARACTER_CLASS, \s is Unicode White_Space, as \s is
     * in Python's {@code regex} module and in HF's Rust tokenizers.
     */
    private static final Pattern PIECES = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** Enough for the words of any text a lesson shows; cleared rather than grown beyond. */
    private static final int CACHE_LIMIT = 100_000;

    private final TokenVocabulary vocabulary;
    private final int[] byteIds = new int[256];
    private final BpeMerges merges;
    private final boolean addPrefixSpace;
    private final OptionalInt maxLength;
    private final OptionalInt unkId;
    private final OptionalInt bosId;
    private final OptionalInt eosId;
    private final OptionalInt padId;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ByteLevelBpeTokenizer(Map<String, Integer> vocab, List<String[]> mergeList, Path mergesFile,
                                  Map<String, Integer> added, Map<String, String> specials,
                                  boolean addPrefixSpace, OptionalInt maxLength) {
        this.vocabulary = new TokenVocabulary(VocabJson.inverse(vocab), vocab, specials.values(), added, "GPT-2", true);
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevelCodec.charOf(b)));
            if (id == null) {
                throw new ModelFormatException(String.format(
                        "The GPT-2 vocabulary lacks the token \"%s\" for byte 0x%02X, so it is not a byte-level BPE vocabulary.",
                        ByteLevelCodec.charOf(b), b), "Copy vocab.json from the model's HuggingFace repository again.");
            }
            byteIds[b] = id;
        }
        Map<Long, Long> table = BpeMerges.newMap(mergeList.size());
        for (int rank = 0; rank < mergeList.size(); rank++) {
            String[] m = mergeList.get(rank);
            int left = idInVocab(m[0], rank, mergesFile);
            int right = idInVocab(m[1], rank, mergesFile);
            int merged = idInVocab(m[0] + m[1], rank, mergesFile);
            table.put(BpeMerges.pair(left, right), BpeMerges.rankAndResult(rank, merged)); // a repeated pair keeps its last rank, as in HF
        }
        this.merges = new BpeMerges(table);
        this.addPrefixSpace = addPrefixSpace;
        this.maxLength = maxLength;
        this.unkId = idOf(specials.get("unk_token"));
        this.bosId = idOf(specials.get("bos_token"));
        this.eosId = idOf(specials.get("eos_token"));
        this.padId = idOf(specials.get("pad_token"));
    }

    private int idInVocab(String token, int rank, Path mergesFile) {
        Integer id = vocabulary.vocabularyId(token);
        if (id == null) {
            throw new ModelFormatException("Merge " + (rank + 1) + " in " + mergesFile + " uses or makes the token \""
                    + token + "\", which vocab.json does not have.",
                    "vocab.json and merges.txt must come from the same model; copy both from its HuggingFace repository.");
        }
        return id;
    }

    private OptionalInt idOf(String token) {
        if (token == null) {
            return OptionalInt.empty();
        }
        int id = id(token);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * Loads the tokenizer of a GPT-2 model folder: vocab.json and merges.txt (or, without them,
     * tokenizer.json), with tokenizer_config.json and special_tokens_map.json if present.
     * Defaults as HF's GPT2Tokenizer: {@code <|endoftext|>} is the unknown, beginning and end
     * token; no padding token; no prefix space.
     *
     * @throws ModelFormatException if the files are missing, empty or malformed, or do not belong together
     */
    public static ByteLevelBpeTokenizer load(Path modelDir) {
        TokenizerFiles files = TokenizerFiles.open(modelDir);
        Map<String, Integer> vocab;
        List<String[]> mergeList;
        Path mergesFile;
        boolean addPrefixSpace = false;
        Map<String, Integer> added = new LinkedHashMap<>();
        boolean haveFiles = files.exists("vocab.json") && files.exists("merges.txt");
        if (haveFiles || !files.exists("tokenizer.json")) {
            if (!files.exists("vocab.json")) {
                throw new ModelFormatException("The folder " + modelDir + " has no vocab.json (nor a tokenizer.json),"
                        + " so GPT-2's tokenizer cannot be built.",
                        "Copy vocab.json and merges.txt from the model's HuggingFace repository into this folder.");
            }
            if (!files.exists("merges.txt")) {
                throw new ModelFormatException("The folder " + modelDir + " has vocab.json but no merges.txt"
                        + " (nor a tokenizer.json), so GPT-2's tokenizer cannot be built.",
                        "Copy merges.txt from the model's HuggingFace repository into this folder.");
            }
            vocab = VocabJson.read(TokenizerFiles.json(files.file("vocab.json")), files.file("vocab.json"));
            mergesFile = files.file("merges.txt");
            mergeList = mergesFromText(TokenizerFiles.lines(mergesFile), mergesFile);
            if (files.exists("tokenizer.json")) {
                added.putAll(TokenizerFiles.addedTokens(TokenizerFiles.json(files.file("tokenizer.json"))));
            }
        } else {
            mergesFile = files.file("tokenizer.json");
            JsonNode root = TokenizerFiles.json(mergesFile);
            JsonNode model = TokenizerFiles.requireObjectField(root, "model", mergesFile);
            String type = model.path("type").asText("");
            if (!type.equals("BPE")) {
                throw new ModelFormatException("The file " + mergesFile + " describes a \"" + type
                        + "\" tokenizer, not GPT-2's byte-level BPE.",
                        "Copy vocab.json and merges.txt from the model's HuggingFace repository, or choose a GPT-2 model.");
            }
            vocab = VocabJson.read(model.get("vocab"), mergesFile);
            mergeList = mergesFromJson(model.get("merges"), mergesFile);
            added.putAll(TokenizerFiles.addedTokens(root));
            addPrefixSpace = findAddPrefixSpace(root.path("pre_tokenizer"));
        }
        addPrefixSpace = files.bool("add_prefix_space").orElse(addPrefixSpace);
        added.putAll(files.addedTokens());
        Map<String, String> specials = new HashMap<>();
        for (String key : List.of("unk_token", "bos_token", "eos_token")) {
            specials.put(key, files.specialToken(key, "<|endoftext|>").orElse(null));
        }
        specials.put("pad_token", files.specialToken("pad_token", null).orElse(null));
        return new ByteLevelBpeTokenizer(vocab, mergeList, mergesFile, added, specials, addPrefixSpace, files.maxLength());
    }

    private static boolean findAddPrefixSpace(JsonNode pre) {
        if (pre.path("type").asText("").equals("ByteLevel")) {
            return pre.path("add_prefix_space").asBoolean(false);
        }
        for (JsonNode p : pre.path("pretokenizers")) {
            if (findAddPrefixSpace(p)) {
                return true;
            }
        }
        return false;
    }

    static List<String[]> mergesFromText(List<String> lines, Path file) {
        List<String[]> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ModelFormatException("Line " + (i + 1) + " of " + file + " is not two tokens separated by one space: \""
                        + abbreviate(line) + "\".", "Copy merges.txt from the model's HuggingFace repository again.");
            }
            out.add(parts);
        }
        if (out.isEmpty()) {
            throw new ModelFormatException("The merges file " + file + " has no merges.",
                    "Copy merges.txt from the model's HuggingFace repository again.");
        }
        return out;
    }

    private static List<String[]> mergesFromJson(JsonNode merges, Path file) {
        if (merges == null || !merges.isArray()) {
            throw new ModelFormatException("The file " + file + " has no \"merges\" list in its model.", TokenizerFiles.REDOWNLOAD);
        }
        List<String[]> out = new ArrayList<>(merges.size());
        for (JsonNode m : merges) {
            String[] parts;
            if (m.isTextual()) {
                parts = m.asText().split(" ", -1);
            } else if (m.isArray() && m.size() == 2) {
                parts = new String[] {m.get(0).asText(), m.get(1).asText()};
            } else {
                parts = new String[0];
            }
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new ModelFormatException("Merge " + (out.size() + 1) + " in " + file + " is not a pair of tokens: "
                        + abbreviate(m.toString()) + ".", TokenizerFiles.REDOWNLOAD);
            }
            out.add(parts);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    // ----- Tokenizer ----------------------------------------------------------------------------

    @Override
    public ModelKind kind() {
        return ModelKind.GPT2;
    }

    @Override
    public Encoding encode(String text) {
        int[] ids = ids(text, null);
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(token(id));
        }
        int[] attend = new int[ids.length];
        Arrays.fill(attend, 1);
        return new Encoding(tokens, ids, new int[ids.length], new boolean[ids.length], attend);
    }

    /** GPT-2 has no sentence pairs. */
    @Override
    public Encoding encodePair(String a, String b) {
        throw new InputException("GPT-2 does not take sentence pairs: pairs with segment (token type) ids are a BERT feature.",
                "Join the two texts into one, or choose a BERT model for the pair lesson.");
    }

    @Override
    public List<String> tokenize(String text) {
        return encode(text).tokens();
    }

    @Override
    public List<TokenSpan> spans(String text) {
        List<TokenSpan> spans = new ArrayList<>();
        ids(text, spans);
        return spans;
    }

    @Override
    public String decode(int[] ids) {
        byte[] bytes = new byte[Math.max(16, ids.length * 4)];
        int n = 0;
        for (int id : ids) {
            byte[] piece = tokenBytes(token(id));
            if (n + piece.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, n + piece.length));
            }
            System.arraycopy(piece, 0, bytes, n, piece.length);
            n += piece.length;
        }
        return ByteLevelCodec.decodeUtf8(bytes, n);
    }

    /** A token's bytes: through the byte-level alphabet if all its characters are in it, else its own UTF-8 (as HF). */
    private static byte[] tokenBytes(String token) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = ByteLevelCodec.byteOf(token.charAt(i));
            if (b < 0) {
                return token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            out[i] = (byte) b;
        }
        return out;
    }

    @Override
    public String token(int id) {
        return vocabulary.token(id);
    }

    @Override
    public int id(String token) {
        return vocabulary.id(token);
    }

    @Override
    public int vocabSize() {
        return vocabulary.size();
    }

    @Override
    public OptionalInt maxLength() {
        return maxLength;
    }

    @Override
    public OptionalInt maskId() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt clsId() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt sepId() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt padId() {
        return padId;
    }

    @Override
    public OptionalInt unkId() {
        return unkId;
    }

    @Override
    public OptionalInt bosId() {
        return bosId;
    }

    @Override
    public OptionalInt eosId() {
        return eosId;
    }

    /** Number of merge rules. */
    public int mergeCount() {
        return merges.size();
    }

    // ----- the pipeline -------------------------------------------------------------------------

    /** Ids of {@code text}; fills {@code spans} (one per id) when it is not null. */
    private int[] ids(String text, List<TokenSpan> spans) {
        if (text == null) {
            throw new InputException("There is no text to tokenize.", "Type some text.");
        }
        int[] out = new int[Math.max(8, text.length() / 2)];
        int n = 0;
        for (LiteralTokenSplitter.Segment seg : vocabulary.literals().split(text)) {
            if (seg.isLiteral()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = vocabulary.id(seg.literal()); // a literal token's id
                if (spans != null) {
                    spans.add(new TokenSpan(seg.start(), seg.end()));
                }
                continue;
            }
            boolean prefix = addPrefixSpace && text.charAt(seg.start()) != ' ';
            String source = prefix ? " " + text.substring(seg.start(), seg.end()) : text.substring(seg.start(), seg.end());
            int shift = seg.start() - (prefix ? 1 : 0); // index in source + shift = index in text
            Matcher m = PIECES.matcher(source);
            while (m.find()) {
                String piece = m.group();
                int[] pieceIds = cache.get(piece);
                if (pieceIds == null) {
                    pieceIds = merges.apply(byteSymbols(piece));
                    if (cache.size() >= CACHE_LIMIT) {
                        cache.clear();
                    }
                    cache.put(piece, pieceIds);
                }
                if (n + pieceIds.length > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + pieceIds.length));
                }
                System.arraycopy(pieceIds, 0, out, n, pieceIds.length);
                n += pieceIds.length;
                if (spans != null) {
                    addSpans(piece, m.start() + shift, seg.start(), pieceIds, spans);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Ids of the single-byte tokens for the UTF-8 bytes of {@code piece} (a lone surrogate counts as U+FFFD). */
    private int[] byteSymbols(String piece) {
        int[] out = new int[piece.length() * 3];
        int n = 0;
        for (int i = 0; i < piece.length(); ) {
            int cp = piece.codePointAt(i);
            i += Character.charCount(cp);
            n = utf8(cp, out, n);
        }
        for (int i = 0; i < n; i++) {
            out[i] = byteIds[out[i]];
        }
        return Arrays.copyOf(out, n);
    }

    /** Writes the UTF-8 bytes of {@code cp} (U+FFFD for a lone surrogate) into out[n...]; returns the new n. */
    private static int utf8(int cp, int[] out, int n) {
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            out[n++] = cp;
        } else if (cp < 0x800) {
            out[n++] = 0xC0 | (cp >> 6);
            out[n++] = 0x80 | (cp & 0x3F);
        } else if (cp < 0x10000) {
            out[n++] = 0xE0 | (cp >> 12);
            out[n++] = 0x80 | ((cp >> 6) & 0x3F);
            out[n++] = 0x80 | (cp & 0x3F);
        } else {
            out[n++] = 0xF0 | (cp >> 18);
            out[n++] = 0x80 | ((cp >> 12) & 0x3F);
            out[n++] = 0x80 | ((cp >> 6) & 0x3F);
            out[n++] = 0x80 | (cp & 0x3F);
        }
        return n;
    }

    /**
     * Spans of a piece's tokens: each token is a run of the piece's bytes, and covers every
     * character those bytes belong to. A prefix space that was not in the text maps to an empty
     * span at the segment start.
     */
    private void addSpans(String piece, int pieceStart, int segStart, int[] pieceIds, List<TokenSpan> spans) {
        // byteStart/byteEnd: the text span of the character each byte belongs to
        int[] tmp = new int[4];
        int[] byteStart = new int[piece.length() * 3];
        int[] byteEnd = new int[byteStart.length];
        int nb = 0;
        for (int i = 0; i < piece.length(); ) {
            int cp = piece.codePointAt(i);
            int len = Character.charCount(cp);
            int bytes = utf8(cp, tmp, 0);
            int s = Math.max(segStart, pieceStart + i);
            int e = Math.max(segStart, pieceStart + i + len);
            for (int k = 0; k < bytes; k++) {
                byteStart[nb] = s;
                byteEnd[nb] = e;
                nb++;
            }
            i += len;
        }
        int b = 0;
        for (int id : pieceIds) {
            int len = vocabulary.vocabularyToken(id).length(); // one character per byte in the byte-level alphabet
            spans.add(new TokenSpan(byteStart[b], byteEnd[b + len - 1]));
            b += len;
        }
    }

    @Override
    public String toString() {
        return "ByteLevelBpeTokenizer[vocab=" + vocabulary.size() + ", merges=" + merges.size()
                + Optional.of(addPrefixSpace).filter(x -> x).map(x -> ", addPrefixSpace").orElse("") + "]";
    }
}
