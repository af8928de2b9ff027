package org.attentionlab.service.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.domain.masking.Candidate;
import org.attentionlab.domain.masking.Corruption;
import org.attentionlab.domain.masking.Fate;
import org.attentionlab.domain.masking.MaskToken;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.domain.masking.Replacement;
import org.attentionlab.domain.masking.RunStats;
import org.attentionlab.engine.SeededRandom;
import org.attentionlab.io.tokenizer.TokenSpan;
import org.attentionlab.io.tokenizer.Tokenizer;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.TransformerSession;

/**
 * The masked-word lesson's use-case: BERT's masked-language-model pre-training step on one text.
 * Tokens (step 1), the seeded 15% selection (2), the 80 / 10 / 10 replacement (3), the model's
 * predictions on the corrupted input (4), the cross-entropy on the selected positions only (5)
 * and the attention on the corrupted input (6).
 *
 * <p>Predictions and losses are those of HuggingFace's {@code BertForMaskedLM} on the same
 * corrupted ids: the softmax of its logits, and {@code CrossEntropyLoss} with every position that
 * was not selected labelled {@code -100} (ignored). Not thread-safe: call it from the model thread.
 */
public final class MaskingService {
    /** Largest top-k the lesson shows. */
    public static final int MAX_TOP_K = 20;

    private final TransformerSession session;
    private final Tokenizer tokenizer;
    private final MaskSampler sampler;
    private final int maskId;
    private final int vocabSize;
    private final boolean canPredict;

    /**
     * @throws InputException when the model is not a BERT model (a GPT-2 or seq2seq model) with a WordPiece vocabulary and a [MASK] token
     */
    public MaskingService(ModelSession model) {
        this.session = TransformerSession.of(model);
        if (session.info().kind() != ModelKind.BERT || session.tokenizer().isEmpty()
                || session.tokenizer().get().maskId().isEmpty()) {
            throw new InputException(session.info().name() + " is not a BERT model, so it has no [MASK] to fill in.",
                    "Choose a BERT model such as tiny-bert or bert-base-uncased.");
        }
        this.tokenizer = session.tokenizer().get();
        this.maskId = tokenizer.maskId().getAsInt();
        this.vocabSize = Math.min(tokenizer.vocabSize(), session.info().vocab());
        this.canPredict = session.canPredictMasks();
        this.sampler = new MaskSampler(maskId, randomPool(), this::tokenOf);
    }

    /** Ids a random replacement may take: every id whose token is not bracketed like [PAD] or [unused0]. */
    private int[] randomPool() {
        int[] pool = new int[vocabSize];
        int n = 0;
        for (int id = 0; id < vocabSize; id++) {
            String t = tokenOf(id);
            if (t != null && !(t.startsWith("[") && t.endsWith("]") && t.length() > 2)) {
                pool[n++] = id;
            }
        }
        return Arrays.copyOf(pool, n);
    }

    private String tokenOf(int id) {
        try {
            return tokenizer.token(id);
        } catch (InputException e) {
            return null;   // a hole in the vocabulary file
        }
    }

    public TransformerSession session() {
        return session;
    }

    /** False when the checkpoint has no MLM head: steps 4 and 5 are empty, the rest works. */
    public boolean canPredict() {
        return canPredict;
    }

    /** Why steps 4 and 5 are empty, or null when the model can predict. */
    public String note() {
        return canPredict ? null : session.info().name() + " has no masked-language-model head (it was saved as"
                + " BertModel, not BertForMaskedLM), so it cannot predict words: steps 4 and 5 stay empty."
                + " Tokens, selection, replacement and attention still work.";
    }

    /** True when {@code word} (lower-cased as the tokenizer would) is one vocabulary entry. */
    public boolean knows(String word) {
        List<String> pieces = tokenizer.tokenize(word);
        return pieces.size() == 1 && !pieces.get(0).equals(tokenOf(tokenizer.unkId().orElse(-1)));
    }

    /** The vocabulary's whole words (no ## pieces, no special tokens), in vocabulary order. */
    public List<String> vocabularyWords() {
        List<String> out = new ArrayList<>();
        for (int id = 0; id < vocabSize; id++) {
            String t = tokenOf(id);
            if (t != null && !t.startsWith("##") && !(t.startsWith("[") && t.endsWith("]"))) {
                out.add(t);
            }
        }
        return out;
    }

    /** Step 1: the text (or sentence pair when {@code pair} is not blank) as tokens with their words. */
    public MaskTokens tokens(String text, String pair) {
        boolean isPair = pair != null && !pair.isBlank();
        Encoding e = isPair ? session.encodePair(text, pair) : session.encode(text);
        String[] words = wordTexts(e, text, isPair ? pair : null);
        int unk = tokenizer.unkId().orElse(-1);
        List<MaskToken> tokens = new ArrayList<>();
        List<Integer> typed = new ArrayList<>();
        int word = -1;
        for (int i = 0; i < e.length(); i++) {
            String tok = e.tokens().get(i);
            boolean special = e.special()[i] || e.attendMask()[i] == 0;
            boolean piece = !special && tok.startsWith("##") && tok.length() > 2;
            if (!special && !piece) {
                word++;
            }
            boolean typedMask = e.ids()[i] == maskId;
            boolean unknown = e.ids()[i] == unk;
            if (typedMask) {
                typed.add(i);
            }
            tokens.add(new MaskToken(i, tok, e.ids()[i], e.typeIds()[i], piece, special ? -1 : word,
                    special ? tok : words[i], !special && !typedMask && !unknown, unknown, typedMask));
        }
        // a word's text is taken from its first piece's span to its last piece's
        return new MaskTokens(e, wordsJoined(tokens), typed);
    }

    /** Each token's own span of text, or its token string where no span is known. */
    private String[] wordTexts(Encoding e, String a, String b) {
        String[] out = new String[e.length()];
        for (int i = 0; i < out.length; i++) {
            String t = e.tokens().get(i);
            out[i] = t.startsWith("##") ? t.substring(2) : t;
        }
        List<TokenSpan> sa = tokenizer.spans(a);
        int na = sa.size() - 2;                                       // without [CLS] and [SEP]
        fill(out, a, sa, 1, na, 1);
        if (b != null) {
            List<TokenSpan> sb = tokenizer.spans(b);
            fill(out, b, sb, 1, sb.size() - 2, na + 2);
        }
        return out;
    }

    private static void fill(String[] out, String text, List<TokenSpan> spans, int from, int count, int at) {
        for (int j = 0; j < count && at + j < out.length && from + j < spans.size(); j++) {
            TokenSpan s = spans.get(from + j);
            if (!s.isEmpty()) {
                out[at + j] = "\u0000" + text.substring(s.start(), s.end());   // marked: a real span
            }
        }
    }

    /** Joins the spans of each word's pieces into the word's text. */
    private static List<MaskToken> wordsJoined(List<MaskToken> tokens) {
        List<MaskToken> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            MaskToken t = tokens.get(i);
            if (t.special()) {
                out.add(t);
                i++;
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).word() == t.word()) {
                j++;
            }
            StringBuilder w = new StringBuilder();
            for (int k = i; k < j; k++) {
                String s = tokens.get(k).wordText();
                w.append(s.startsWith("\u0000") ? s.substring(1) : s);
            }
            for (int k = i; k < j; k++) {
                MaskToken p = tokens.get(k);
                out.add(new MaskToken(p.position(), p.token(), p.id(), p.segment(), p.piece(), p.word(), w.toString(),
                        p.eligible(), p.unknown(), p.typedMask()));
            }
            i = j;
        }
        return out;
    }

    /** Steps 2 and 3: the seeded selection and the 80 / 10 / 10 replacement. */
    public Corruption corrupt(MaskTokens tokens, MaskingSettings settings) {
        return sampler.corrupt(tokens, settings);
    }

    /**
     * Steps 2 and 3 given from outside: {@code positions} were selected and the model reads
     * {@code corruptedIds}. Each fate follows from the ids ([MASK], unchanged, or another token);
     * no draw is recorded. For comparing with a reference on the same corrupted ids.
     */
    public Corruption given(MaskTokens tokens, int[] positions, int[] corruptedIds) {
        if (corruptedIds.length != tokens.length()) {
            throw new InputException("The corrupted input has " + corruptedIds.length + " ids, the text "
                    + tokens.length() + ".", "Give one id per token.");
        }
        int[] sorted = Arrays.stream(positions).sorted().distinct().toArray();
        List<Replacement> replacements = new ArrayList<>();
        for (int p : sorted) {
            MaskToken t = tokens.get(p);
            int in = corruptedIds[p];
            Fate fate = in == maskId ? Fate.MASK : in == t.id() ? Fate.KEEP : Fate.RANDOM;
            replacements.add(new Replacement(p, t.typedMask() ? -1 : t.id(), t.token(), Double.NaN, fate, Double.NaN, in,
                    tokenOf(in)));
        }
        List<String> strings = new ArrayList<>();
        for (int id : corruptedIds) {
            strings.add(tokenOf(id));
        }
        return new Corruption(tokens, MaskingSettings.exact(0).withPositions(Arrays.stream(sorted).boxed().toList()),
                -1, null, replacements, corruptedIds.clone(), strings);
    }

    /** Steps 1 to 6 in one call (the CLI). */
    public MaskingResult run(String text, String pair, MaskingSettings settings, int topK) {
        return predict(corrupt(tokens(text, pair), settings), topK);
    }

    /**
     * Steps 4 to 6: runs the model on the corrupted input; for each selected position the top-k,
     * the original token's probability and rank, and -ln p(original).
     */
    public MaskingResult predict(Corruption corruption, int topK) {
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new InputException("Top-k must be between 1 and " + MAX_TOP_K + ", not " + topK + ".",
                    "Ask for 5 (the default) or up to " + MAX_TOP_K + " predictions.");
        }
        Encoding original = corruption.tokens().encoding();
        int[] ids = corruption.corruptedIds();
        Encoding input = new Encoding(corruption.corruptedTokens(), ids, original.typeIds(), original.special(),
                original.attendMask());
        Set<TraceItem> items = canPredict ? EnumSet.of(TraceItem.ATTENTIONS, TraceItem.LOGITS)
                : EnumSet.of(TraceItem.ATTENTIONS);
        // the MLM head only where a prediction is shown: for bert-base that is a few rows of
        // 30,522 logits instead of every token's
        int[] rows = corruption.replacements().stream().mapToInt(Replacement::position).toArray();
        ForwardTrace trace = session.run(input, items, rows);
        List<PositionPrediction> predictions = new ArrayList<>();
        double lossSum = 0;
        int scored = 0;
        if (canPredict) {
            for (Replacement r : corruption.replacements()) {
                PositionPrediction p = predictAt(trace.logits()[r.position()], r, topK);
                predictions.add(p);
                if (p.scored()) {
                    lossSum += p.loss();
                    scored++;
                }
            }
        }
        return new MaskingResult(corruption, canPredict, note(), predictions, scored == 0 ? Double.NaN : lossSum / scored,
                trace.attentions());
    }

    /** Softmax in double over one logits row; the loss is logsumexp - logit(original), as log_softmax computes it. */
    private PositionPrediction predictAt(float[] logits, Replacement r, int topK) {
        int v = Math.min(logits.length, vocabSize);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            sum += Math.exp(logits[i] - max);
        }
        double logZ = max + Math.log(sum);
        int[] top = topIds(logits, v, topK);
        List<Candidate> candidates = new ArrayList<>();
        for (int id : top) {
            candidates.add(new Candidate(tokenOf(id), id, Math.exp(logits[id] - logZ)));
        }
        if (r.typed()) {
            return new PositionPrediction(r, candidates, Double.NaN, -1, Double.NaN);
        }
        float target = logits[r.originalId()];
        int rank = 1;
        for (int i = 0; i < v; i++) {
            if (logits[i] > target || (logits[i] == target && i < r.originalId())) {
                rank++;
            }
        }
        double logP = target - logZ;
        return new PositionPrediction(r, candidates, Math.exp(logP), rank, -logP);
    }

    /** The {@code k} largest entries, largest first; ties go to the smaller id. */
    private static int[] topIds(float[] x, int n, int k) {
        int[] best = new int[Math.min(k, n)];
        int filled = 0;
        for (int i = 0; i < n; i++) {
            if (filled == best.length && x[i] <= x[best[filled - 1]]) {
                continue;                                   // not better than the worst kept
            }
            int pos = filled == best.length ? filled - 1 : filled++;
            while (pos > 0 && x[best[pos - 1]] < x[i]) {    // strict: an earlier (smaller) id wins a tie
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = i;
        }
        return best;
    }

    /**
     * "Run N times": steps 2 and 3 repeated with fresh seeds (drawn from {@code settings.seed()}),
     * counting selections and fates; a selection made by hand is ignored (each run draws one).
     *
     * @param partial called with the counts so far every {@code reportEvery} runs and at the end
     */
    public RunStats repeat(MaskTokens tokens, MaskingSettings settings, int runs, int reportEvery,
                           Consumer<RunStats> partial, Cancellation cancel) {
        if (tokens.hasTypedMasks()) {
            throw new InputException("The typed [MASK]s are the selection, so there is nothing to draw.",
                    "Remove the [MASK]s from the text to draw selections at random.");
        }
        if (runs < 1) {
            throw new InputException("The number of runs must be at least 1, not " + runs + ".", "Ask for 1,000 runs.");
        }
        SeededRandom seeds = new SeededRandom(settings.seed());
        MaskingSettings drawn = settings.withPositions(null);
        int eligible = tokens.eligibleCount();
        long sel = 0;
        long[] fates = new long[3];
        RunStats stats = new RunStats(0, 0, 0, 0, 0, 0);
        for (int run = 1; run <= runs; run++) {
            Corruption c = sampler.corrupt(tokens, drawn.withSeed(seeds.nextLong()));
            sel += c.replacements().size();
            for (Replacement r : c.replacements()) {
                fates[r.fate().ordinal()]++;
            }
            if (run % Math.max(1, reportEvery) == 0 || run == runs) {
                cancel.check();
                stats = new RunStats(run, (long) eligible * run, sel, fates[0], fates[1], fates[2]);
                partial.accept(stats);
            }
        }
        return stats;
    }
}
