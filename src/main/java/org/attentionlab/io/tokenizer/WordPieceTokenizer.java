package org.attentionlab.io.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelKind;

/**
 * BERT's WordPiece tokenizer, equal to HuggingFace's Python {@code BertTokenizer}
 * ({@code BertTokenizerLegacy} in transformers 5) on the same vocab.txt and settings.
 *
 * <p>Steps, in HF's order: special tokens typed literally are cut out first (exact case, so
 * {@code [MASK]} stays whole and {@code [mask]} does not); then the "basic" tokenizer drops
 * control characters, turns whitespace into spaces, pads CJK ideographs with spaces, applies NFC,
 * splits on whitespace, lower-cases each word (Python's {@code str.lower}, so a word-final 'Σ'
 * becomes 'ς'), strips accents (NFD, drop Mn) when lower-casing unless {@code strip_accents} says
 * otherwise, and splits off every punctuation character; finally each word is cut greedily into
 * the longest vocabulary pieces, continuation pieces prefixed {@code ##}, and a word longer than
 * 100 characters or with no cut becomes {@code [UNK]}.
 *
 * <p>Where transformers' Rust {@code BertTokenizer} differs from the Python one, this follows
 * Python: Rust lower-cases letter by letter, so word-final 'Σ' gives 'σ' there; and Rust treats
 * an empty second text of a pair as no pair, while this encodes {@code [CLS] a [SEP] [SEP]}.
 *
 * <p>Each step keeps track of which characters of the original text every output character came
 * from, which gives {@link #spans}.
 */
public final class WordPieceTokenizer implements Tokenizer {
    private static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 100;
    /** The largest max_input_chars_per_word accepted from tokenizer.json. */
    static final int MAX_WORD_LIMIT = 1000;

    private final TokenVocabulary vocabulary;  // vocab.txt plus the special and added tokens matched literally in text
    private final int longestTokenCodePoints;
    private final Set<Long> wordStartHashes;     // hash of every vocabulary token
    private final Set<Long> continuationHashes;  // hash of every "##" token without its prefix

    private final boolean lowerCase;
    private final Boolean stripAccents;        // null: follow lowerCase (HF's default)
    private final boolean splitCjk;
    private final boolean basicTokenize;
    private final Set<String> neverSplit;      // from the config: passed through whole
    private final Set<String> basicNeverSplit; // neverSplit plus the special tokens
    private final String continuingPrefix;
    private final int maxInputCharsPerWord;
    private final boolean cleanUpSpaces;
    private final OptionalInt maxLength;

    private final String unkToken;
    private final String clsToken;
    private final String sepToken;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final OptionalInt padId;
    private final OptionalInt maskId;

    /** One output piece and the UTF-16 span of the text it came from. */
    private record Piece(String token, int start, int end) {
    }

    private WordPieceTokenizer(Builder b) {
        this.vocabulary = new TokenVocabulary(b.idToToken, b.tokenToId,
                Arrays.asList(b.unkToken, b.sepToken, b.padToken, b.clsToken, b.maskToken), b.addedTokens, "BERT", false);
        this.lowerCase = b.lowerCase;
        this.stripAccents = b.stripAccents;
        this.splitCjk = b.splitCjk;
        this.basicTokenize = b.basicTokenize;
        this.neverSplit = Set.copyOf(b.neverSplit);
        this.continuingPrefix = b.continuingPrefix;
        this.maxInputCharsPerWord = b.maxInputCharsPerWord;
        this.cleanUpSpaces = b.cleanUpSpaces;
        this.maxLength = b.maxLength;

        this.unkToken = b.unkToken;
        this.clsToken = b.clsToken;
        this.sepToken = b.sepToken;
        this.unkId = required(b.unkToken, "unk_token");
        this.clsId = required(b.clsToken, "cls_token");
        this.sepId = required(b.sepToken, "sep_token");
        this.padId = optionalId(b.padToken);
        this.maskId = optionalId(b.maskToken);

        Set<String> basic = new HashSet<>(neverSplit);
        basic.addAll(vocabulary.literalTokens());
        this.basicNeverSplit = Set.copyOf(basic);

        int longest = 1;
        for (String t : vocabulary.vocabularyTokens()) {
            longest = Math.max(longest, t.codePointCount(0, t.length()));
        }
        this.longestTokenCodePoints = longest;
        Set<Long> starts = new HashSet<>();
        Set<Long> continuations = new HashSet<>();
        for (String t : vocabulary.vocabularyTokens()) {
            starts.add(hash(t, 0));
            if (!continuingPrefix.isEmpty() && t.startsWith(continuingPrefix)) {
                continuations.add(hash(t, continuingPrefix.length()));
            }
        }
        this.wordStartHashes = starts;
        this.continuationHashes = continuingPrefix.isEmpty() ? starts : continuations;
    }

    /** A 64-bit polynomial hash of code points, extended one at a time; used only to skip lookups. */
    private static long hashStep(long h, int codePoint) {
        return h * 1_000_003L + codePoint + 1;
    }

    private static long hash(String s, int from) {
        long h = 0;
        for (int i = from; i < s.length(); ) {
            int cp = s.codePointAt(i);
            h = hashStep(h, cp);
            i += Character.charCount(cp);
        }
        return h;
    }

    private int required(String token, String role) {
        Integer id = token == null ? null : vocabulary.vocabularyId(token);
        if (id == null) {
            throw new ModelFormatException("The BERT vocabulary has no " + role + " "
                    + (token == null ? "(none is configured)" : "\"" + token + "\"") + ".",
                    "Check that vocab.txt belongs to a BERT model (a GPT-2 folder has vocab.json and merges.txt instead)"
                            + " and that tokenizer_config.json names the special tokens the vocabulary has.");
        }
        return id;
    }

    private OptionalInt optionalId(String token) {
        Integer id = token == null ? null : vocabulary.vocabularyId(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * Loads the tokenizer of a BERT model folder: vocab.txt (or, without it, the vocabulary inside
     * tokenizer.json), with tokenizer_config.json and special_tokens_map.json if present. Without
     * settings, HF's defaults apply: lower-casing on, accents stripped when lower-casing, CJK
     * split, special tokens {@code [UNK] [SEP] [PAD] [CLS] [MASK]}.
     *
     * @throws ModelFormatException if the vocabulary is missing, empty or malformed, or lacks [UNK], [CLS] or [SEP]
     */
    public static WordPieceTokenizer load(Path modelDir) {
        TokenizerFiles files = TokenizerFiles.open(modelDir);
        Builder b = new Builder();
        JsonNode tokenizerJson = null;
        if (files.exists("vocab.txt")) {
            b.vocabFromLines(TokenizerFiles.lines(files.file("vocab.txt")), files.file("vocab.txt"));
        } else if (files.exists("tokenizer.json")) {
            tokenizerJson = TokenizerFiles.json(files.file("tokenizer.json"));
            b.fromTokenizerJson(tokenizerJson, files.file("tokenizer.json"));
        } else {
            throw new ModelFormatException("The folder " + modelDir + " has no vocab.txt (nor a tokenizer.json to read"
                    + " the vocabulary from), so BERT's tokenizer cannot be built.",
                    "Copy vocab.txt from the model's HuggingFace repository into this folder.");
        }
        files.bool("do_lower_case").ifPresent(v -> b.lowerCase = v);
        if (files.has("strip_accents")) {
            b.stripAccents = files.bool("strip_accents").orElse(null);
        }
        files.bool("tokenize_chinese_chars").ifPresent(v -> b.splitCjk = v);
        files.bool("do_basic_tokenize").ifPresent(v -> b.basicTokenize = v);
        files.bool("clean_up_tokenization_spaces").ifPresent(v -> b.cleanUpSpaces = v);
        b.neverSplit.addAll(files.strings("never_split"));
        b.maxLength = files.maxLength();
        b.unkToken = files.specialToken("unk_token", b.unkToken).orElse(null);
        b.sepToken = files.specialToken("sep_token", "[SEP]").orElse(null);
        b.padToken = files.specialToken("pad_token", "[PAD]").orElse(null);
        b.clsToken = files.specialToken("cls_token", "[CLS]").orElse(null);
        b.maskToken = files.specialToken("mask_token", "[MASK]").orElse(null);
        if (tokenizerJson == null && files.exists("tokenizer.json")) {
            tokenizerJson = TokenizerFiles.json(files.file("tokenizer.json"));
        }
        if (tokenizerJson != null) {
            b.addedTokens.putAll(TokenizerFiles.addedTokens(tokenizerJson));
        }
        b.addedTokens.putAll(files.addedTokens());
        return new WordPieceTokenizer(b);
    }

    /** Settings gathered while loading. */
    private static final class Builder {
        String[] idToToken;
        Map<String, Integer> tokenToId;
        boolean lowerCase = true;
        Boolean stripAccents = null;
        boolean splitCjk = true;
        boolean basicTokenize = true;
        boolean cleanUpSpaces = true; // the Python BertTokenizer's default
        Set<String> neverSplit = new HashSet<>();
        String continuingPrefix = "##";
        int maxInputCharsPerWord = DEFAULT_MAX_INPUT_CHARS_PER_WORD;
        OptionalInt maxLength = OptionalInt.empty();
        String unkToken = "[UNK]";
        String sepToken;
        String padToken;
        String clsToken;
        String maskToken;
        Map<String, Integer> addedTokens = new LinkedHashMap<>();

        void vocabFromLines(List<String> lines, Path file) {
            if (lines.stream().allMatch(String::isEmpty)) {
                throw new ModelFormatException("The vocabulary file " + file + " is empty.",
                        "Copy vocab.txt from the model's HuggingFace repository again; it has one token per line.");
            }
            idToToken = lines.toArray(new String[0]);
            tokenToId = new HashMap<>(lines.size() * 2);
            for (int i = 0; i < idToToken.length; i++) {
                tokenToId.put(idToToken[i], i); // a repeated token keeps its last id, as in HF
            }
        }

        void fromTokenizerJson(JsonNode root, Path file) {
            JsonNode model = TokenizerFiles.requireObjectField(root, "model", file);
            String type = model.path("type").asText("");
            if (!type.equals("WordPiece")) {
                throw new ModelFormatException("The file " + file + " describes a \"" + type
                        + "\" tokenizer, not BERT's WordPiece.",
                        "Copy vocab.txt from the model's HuggingFace repository into the folder, or choose a BERT model.");
            }
            JsonNode vocab = TokenizerFiles.requireObjectField(model, "vocab", file);
            if (vocab.isEmpty()) {
                throw new ModelFormatException("The vocabulary in " + file + " is empty.", TokenizerFiles.REDOWNLOAD);
            }
            tokenToId = VocabJson.read(vocab, file);
            idToToken = VocabJson.inverse(tokenToId);
            if (model.path("unk_token").isTextual()) {
                unkToken = model.get("unk_token").asText();
            }
            if (model.path("continuing_subword_prefix").isTextual()) {
                continuingPrefix = model.get("continuing_subword_prefix").asText();
            }
            if (model.path("max_input_chars_per_word").canConvertToInt()) {
                maxInputCharsPerWord = model.get("max_input_chars_per_word").intValue();
                // matching a word costs up to (word length)^3 / 6 character comparisons, so a huge
                // limit would let one long word take minutes
                if (maxInputCharsPerWord > MAX_WORD_LIMIT) {
                    throw new ModelFormatException("The tokenizer " + file + " sets max_input_chars_per_word to "
                            + maxInputCharsPerWord + "; Attention Lab accepts at most " + MAX_WORD_LIMIT
                            + " (BERT's own value is 100), so that a long word cannot stall tokenisation.",
                            "Set max_input_chars_per_word to 100, as in the original BERT tokenizer.");
                }
            }
            JsonNode norm = root.path("normalizer");
            if (norm.path("type").asText("").equals("BertNormalizer")) {
                lowerCase = norm.path("lowercase").asBoolean(true);
                splitCjk = norm.path("handle_chinese_chars").asBoolean(true);
                JsonNode strip = norm.path("strip_accents");
                stripAccents = strip.isBoolean() ? strip.booleanValue() : null;
            }
        }
    }

    // ----- Tokenizer ----------------------------------------------------------------------------

    @Override
    public ModelKind kind() {
        return ModelKind.BERT;
    }

    @Override
    public Encoding encode(String text) {
        List<Piece> pieces = pieces(text);
        int n = pieces.size() + 2;
        List<String> tokens = new ArrayList<>(n);
        tokens.add(clsToken);
        pieces.forEach(p -> tokens.add(p.token()));
        tokens.add(sepToken);
        boolean[] special = new boolean[n];
        special[0] = true;
        special[n - 1] = true;
        return build(tokens, new int[n], special);
    }

    @Override
    public Encoding encodePair(String a, String b) {
        List<Piece> first = pieces(a);
        List<Piece> second = pieces(b);
        int n = first.size() + second.size() + 3;
        List<String> tokens = new ArrayList<>(n);
        tokens.add(clsToken);
        first.forEach(p -> tokens.add(p.token()));
        tokens.add(sepToken);
        second.forEach(p -> tokens.add(p.token()));
        tokens.add(sepToken);
        int[] typeIds = new int[n];
        Arrays.fill(typeIds, first.size() + 2, n, 1);
        boolean[] special = new boolean[n];
        special[0] = true;
        special[first.size() + 1] = true;
        special[n - 1] = true;
        return build(tokens, typeIds, special);
    }

    private Encoding build(List<String> tokens, int[] typeIds, boolean[] special) {
        int n = tokens.size();
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = idOrUnk(tokens.get(i));
        }
        int[] attend = new int[n];
        Arrays.fill(attend, 1);
        return new Encoding(tokens, ids, typeIds, special, attend);
    }

    @Override
    public List<String> tokenize(String text) {
        List<Piece> pieces = pieces(text);
        List<String> out = new ArrayList<>(pieces.size());
        pieces.forEach(p -> out.add(p.token()));
        return out;
    }

    @Override
    public List<TokenSpan> spans(String text) {
        List<Piece> pieces = pieces(text);
        List<TokenSpan> out = new ArrayList<>(pieces.size() + 2);
        out.add(TokenSpan.NONE);
        pieces.forEach(p -> out.add(new TokenSpan(p.start(), p.end())));
        out.add(TokenSpan.NONE);
        return out;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                joined.append(' ');
            }
            joined.append(token(ids[i]));
        }
        String text = pythonStrip(joined.toString().replace(" " + continuingPrefix, ""));
        return cleanUpSpaces ? cleanUpTokenizationSpaces(text) : text;
    }

    /** HF's {@code clean_up_tokenization}: undoes the spaces a WordPiece join puts before punctuation. */
    static String cleanUpTokenizationSpaces(String text) {
        return text.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
                .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" 's", "'s")
                .replace(" 've", "'ve").replace(" 're", "'re");
    }

    private static String pythonStrip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && UnicodeRules.isPythonSpace(s.codePointAt(a))) {
            a += Character.charCount(s.codePointAt(a));
        }
        while (b > a && UnicodeRules.isPythonSpace(s.codePointBefore(b))) {
            b -= Character.charCount(s.codePointBefore(b));
        }
        return s.substring(a, b);
    }

    /**
     * The token of an id. An id the vocabulary lacks is {@code [UNK]}, as in HF's BertTokenizer:
     * a vocab.txt may be shorter than the model's embedding table, and the model can then
     * predict an id past its end.
     */
    @Override
    public String token(int id) {
        if (id >= 0 && vocabulary.vocabularyToken(id) == null && !vocabulary.hasLiteralId(id)) {
            return unkToken;
        }
        return vocabulary.token(id);
    }

    @Override
    public int id(String token) {
        return vocabulary.id(token);
    }

    private int idOrUnk(String token) {
        int id = id(token);
        return id < 0 ? unkId : id;
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
        return maskId;
    }

    @Override
    public OptionalInt clsId() {
        return OptionalInt.of(clsId);
    }

    @Override
    public OptionalInt sepId() {
        return OptionalInt.of(sepId);
    }

    @Override
    public OptionalInt padId() {
        return padId;
    }

    @Override
    public OptionalInt unkId() {
        return OptionalInt.of(unkId);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.empty();
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.empty();
    }

    /** Whether this tokenizer lower-cases text (the model is "uncased"). */
    public boolean lowerCases() {
        return lowerCase;
    }

    // ----- the pipeline -------------------------------------------------------------------------

    private List<Piece> pieces(String text) {
        if (text == null) {
            throw new InputException("There is no text to tokenize.", "Type some text.");
        }
        List<Piece> out = new ArrayList<>();
        for (LiteralTokenSplitter.Segment seg : vocabulary.literals().split(text)) {
            if (seg.isLiteral()) {
                out.add(new Piece(seg.literal(), seg.start(), seg.end()));
            } else if (basicTokenize) {
                basicTokenize(text, seg.start(), seg.end(), out);
            } else {
                whitespaceWordPiece(text, seg.start(), seg.end(), out);
            }
        }
        return out;
    }

    /**
     * Code points of one word being built, each with the original span it came from. Reused
     * across words; grows as needed.
     */
    private static final class Word {
        int[] cps = new int[32];
        int[] starts = new int[32];
        int[] ends = new int[32];
        int n;

        void add(int cp, int start, int end) {
            if (n == cps.length) {
                cps = Arrays.copyOf(cps, n * 2);
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            cps[n] = cp;
            starts[n] = start;
            ends[n] = end;
            n++;
        }
    }

    /** BERT's basic tokenizer on text[from, to): clean, pad CJK, split on whitespace, then each word. */
    private void basicTokenize(String text, int from, int to, List<Piece> out) {
        Word word = new Word();
        int i = from;
        while (i < to) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || UnicodeRules.isBertControl(cp)) {
                i = next;
                continue;
            }
            if (UnicodeRules.isBertWhitespace(cp) || UnicodeRules.isPythonSpace(cp)) {
                flushWord(word, out);
            } else if (splitCjk && UnicodeRules.isCjkIdeograph(cp)) {
                flushWord(word, out);
                word.add(cp, i, next);
                flushWord(word, out);
            } else {
                word.add(cp, i, next);
            }
            i = next;
        }
        flushWord(word, out);
    }

    /** Without the basic tokenizer (do_basic_tokenize=false): word pieces of each whitespace-separated word. */
    private void whitespaceWordPiece(String text, int from, int to, List<Piece> out) {
        Word word = new Word();
        int i = from;
        while (i < to) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (UnicodeRules.isPythonSpace(cp)) {
                emitWordPieces(word.cps, word.starts, word.ends, 0, word.n, out);
                word.n = 0;
            } else {
                word.add(cp, i, next);
            }
            i = next;
        }
        emitWordPieces(word.cps, word.starts, word.ends, 0, word.n, out);
    }

    private void flushWord(Word word, List<Piece> out) {
        if (word.n > 0) {
            processWord(word, out);
            word.n = 0;
        }
    }

    /**
     * One whitespace-separated word: NFC, lower-case and accent stripping, punctuation split,
     * word pieces. NFC runs per "unit" (a character and the marks that follow it), which is where
     * NFC can compose; each output character remembers its unit, and units know their span.
     */
    private void processWord(Word w, List<Piece> out) {
        if (isAscii(w)) {
            // Most words: no normalization can change them and lower-casing is one-to-one.
            int[] cps = Arrays.copyOf(w.cps, w.n);
            if (lowerCase && !basicNeverSplit.contains(new String(cps, 0, w.n))) {
                for (int i = 0; i < w.n; i++) {
                    if (cps[i] >= 'A' && cps[i] <= 'Z') {
                        cps[i] += 'a' - 'A';
                    }
                }
            }
            splitAndEmit(cps, w.n, new int[][] {w.starts, w.ends}, out);
            return;
        }
        // units: [unitFirst[u], unitFirst[u+1]) of w's code points
        int[] unitStart = new int[w.n];
        int[] unitEnd = new int[w.n];
        int units = 0;
        int[] nfc = new int[w.n + 8];
        int[] nfcUnit = new int[w.n + 8];
        int m = 0;
        int k = 0;
        while (k < w.n) {
            int e = k + 1;
            while (e < w.n && UnicodeRules.attachesToPrevious(w.cps[e])) {
                e++;
            }
            unitStart[units] = w.starts[k];
            unitEnd[units] = w.ends[e - 1];
            int[] normal = (e == k + 1 && isNfcStable(w.cps[k])) ? new int[] {w.cps[k]}
                    : Normalizer.normalize(new String(w.cps, k, e - k), Normalizer.Form.NFC).codePoints().toArray();
            if (m + normal.length > nfc.length) {
                nfc = Arrays.copyOf(nfc, (m + normal.length) * 2);
                nfcUnit = Arrays.copyOf(nfcUnit, nfc.length);
            }
            for (int cp : normal) {
                nfc[m] = cp;
                nfcUnit[m] = units;
                m++;
            }
            units++;
            k = e;
        }

        String nfcWord = new String(nfc, 0, m);
        if (basicNeverSplit.contains(nfcWord)) {
            emitAfterBasic(nfc, 0, m, originSpans(w, nfc, m, nfcUnit, unitStart, unitEnd, false), out);
            return;
        }
        int[] cps = nfc;
        int[] unit = nfcUnit;
        int n = m;
        boolean strip = lowerCase ? !Boolean.FALSE.equals(stripAccents) : Boolean.TRUE.equals(stripAccents);
        if (lowerCase) {
            int[] lower = new int[n + 4];
            int[] lowerUnit = new int[n + 4];
            int ln = 0;
            for (int i = 0; i < n; i++) {
                int[] mapped = UnicodeRules.pythonLower(cps, n, i);
                if (ln + mapped.length > lower.length) {
                    lower = Arrays.copyOf(lower, (ln + mapped.length) * 2);
                    lowerUnit = Arrays.copyOf(lowerUnit, lower.length);
                }
                for (int cp : mapped) {
                    lower[ln] = cp;
                    lowerUnit[ln] = unit[i];
                    ln++;
                }
            }
            cps = lower;
            unit = lowerUnit;
            n = ln;
        }
        if (strip) {
            int[] kept = new int[n + 4];
            int[] keptUnit = new int[n + 4];
            int kn = 0;
            for (int i = 0; i < n; i++) {
                for (int p : withoutAccents(cps[i])) {
                    if (kn == kept.length) {
                        kept = Arrays.copyOf(kept, kn * 2);
                        keptUnit = Arrays.copyOf(keptUnit, kn * 2);
                    }
                    kept[kn] = p;
                    keptUnit[kn] = unit[i];
                    kn++;
                }
            }
            cps = kept;
            unit = keptUnit;
            n = kn;
        }
        if (n == 0) {
            return;
        }
        splitAndEmit(cps, n, originSpans(w, cps, n, unit, unitStart, unitEnd, true), out);
    }

    private static boolean isAscii(Word w) {
        for (int i = 0; i < w.n; i++) {
            if (w.cps[i] >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The end of the basic tokenizer for one transformed word: punctuation split unless never_split. */
    private void splitAndEmit(int[] cps, int n, int[][] spans, List<Piece> out) {
        if (basicNeverSplit.contains(new String(cps, 0, n))) {
            emitAfterBasic(cps, 0, n, spans, out);
            return;
        }
        // punctuation split: every punctuation character is a word of its own
        int runStart = 0;
        for (int i = 0; i < n; i++) {
            if (UnicodeRules.isBertPunctuation(cps[i])) {
                emitAfterBasic(cps, runStart, i, spans, out);
                emitAfterBasic(cps, i, i + 1, spans, out);
                runStart = i + 1;
            }
        }
        emitAfterBasic(cps, runStart, n, spans, out);
    }

    /** NFD, then without the non-spacing marks (BERT's accent stripping of one code point). */
    private static int[] withoutAccents(int cp) {
        if (cp < 0xC0) {
            return new int[] {cp};
        }
        return Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD).codePoints()
                .filter(p -> !UnicodeRules.isNonSpacingMark(p)).toArray();
    }

    /**
     * The original span of each of the word's output code points, {starts, ends}. The output came
     * from per-unit NFC, which can merge characters; when transforming each original character on
     * its own (no NFC) gives the same output, which is nearly always, each output character gets
     * the span of the one original character it came from, as in HF's offset mapping; otherwise
     * it gets its unit's span.
     */
    private int[][] originSpans(Word w, int[] cps, int n, int[] unit, int[] unitStart, int[] unitEnd, boolean transformed) {
        int[] starts = new int[n];
        int[] ends = new int[n];
        int k = 0;
        boolean strip = transformed && (lowerCase ? !Boolean.FALSE.equals(stripAccents) : Boolean.TRUE.equals(stripAccents));
        boolean lower = transformed && lowerCase;
        for (int i = 0; i < w.n && k >= 0; i++) {
            int[] mapped = lower ? UnicodeRules.pythonLower(w.cps, w.n, i) : new int[] {w.cps[i]};
            for (int cp : mapped) {
                for (int p : strip ? withoutAccents(cp) : new int[] {cp}) {
                    if (k >= n || cps[k] != p) {
                        k = -1;
                        break;
                    }
                    starts[k] = w.starts[i];
                    ends[k] = w.ends[i];
                    k++;
                }
                if (k < 0) {
                    break;
                }
            }
        }
        if (k != n) {
            for (int j = 0; j < n; j++) {
                starts[j] = unitStart[unit[j]];
                ends[j] = unitEnd[unit[j]];
            }
        }
        return new int[][] {starts, ends};
    }

    /** Characters below U+0300 and the main CJK block are unchanged by NFC on their own. */
    private static boolean isNfcStable(int cp) {
        return cp < 0x300 || (cp >= 0x4E00 && cp <= 0x9FFF);
    }

    /** A word out of the basic tokenizer, [a, b) of cps: passed whole if never_split, else into word pieces. */
    private void emitAfterBasic(int[] cps, int a, int b, int[][] spans, List<Piece> out) {
        // HF re-splits the joined words on whitespace; guard the same way.
        int s = a;
        for (int i = a; i <= b; i++) {
            if (i == b || UnicodeRules.isPythonSpace(cps[i])) {
                if (s < i) {
                    String word = new String(cps, s, i - s);
                    if (neverSplit.contains(word)) {
                        out.add(new Piece(word, spans[0][s], spans[1][i - 1]));
                    } else {
                        emitWordPieces(cps, spans[0], spans[1], s, i, out);
                    }
                }
                s = i + 1;
            }
        }
    }

    /** Greedy longest-match-first word pieces of cps[a, b); [UNK] for the whole word if it cannot be cut. */
    private void emitWordPieces(int[] cps, int[] starts, int[] ends, int a, int b, List<Piece> out) {
        int n = b - a;
        if (n <= 0) {
            return;
        }
        if (n > maxInputCharsPerWord) {
            out.add(new Piece(unkToken, starts[a], ends[b - 1]));
            return;
        }
        int mark = out.size();
        int start = a;
        int[] candidates = new int[Math.min(n, longestTokenCodePoints)];
        while (start < b) {
            // hashes of cps[start, end) for growing end pick the lengths worth looking up, so a
            // word costs (length x longest token) steps, not that times the token length again
            Set<Long> hashes = start > a ? continuationHashes : wordStartHashes;
            int limit = Math.min(b, start + longestTokenCodePoints);
            int count = 0;
            long h = 0;
            for (int e = start; e < limit; e++) {
                h = hashStep(h, cps[e]);
                if (hashes.contains(h)) {
                    candidates[count++] = e + 1;
                }
            }
            String found = null;
            int end = start;
            for (int c = count - 1; c >= 0 && found == null; c--) {
                end = candidates[c];
                String sub = new String(cps, start, end - start);
                if (start > a) {
                    sub = continuingPrefix + sub;
                }
                if (vocabulary.inVocabulary(sub)) {
                    found = sub;
                }
            }
            if (found == null) {
                out.subList(mark, out.size()).clear();
                out.add(new Piece(unkToken, starts[a], ends[b - 1]));
                return;
            }
            out.add(new Piece(found, starts[start], ends[end - 1]));
            start = end;
        }
    }

    /** The settings in effect, for diagnostics. */
    @Override
    public String toString() {
        return "WordPieceTokenizer[vocab=" + vocabulary.size() + ", lowerCase=" + lowerCase + ", stripAccents="
                + Optional.ofNullable(stripAccents).map(String::valueOf).orElse("default") + ", splitCjk=" + splitCjk + "]";
    }
}
