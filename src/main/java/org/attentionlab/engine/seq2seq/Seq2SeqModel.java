package org.attentionlab.engine.seq2seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.engine.tensor.FloatMath;
import org.attentionlab.io.safetensors.Checkpoints;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * An RNN encoder-decoder with Luong-style global attention, loaded from a folder in the
 * {@code attention-lab-seq2seq} format (docs/seq2seq-format.md).
 *
 * <p>Per source sentence x_1..x_S (the last being {@code </s>}) the encoder gives states h_s.
 * The decoder starts from the encoder's final state and at each step t reads the previous
 * target word (no input feeding), giving h_t; then
 * <pre>
 *   e_ts = score(h_t, h_s)              scores
 *   a_t  = softmax_s(e_t)               alignment
 *   c_t  = sum_s a_ts h_s               context
 *   h~_t = tanh(W_c [c_t; h_t])         attentional vector
 *   y_t  = W_o h~_t + b_o               logits
 * </pre>
 * and {@link Seq2SeqTrace} keeps every one of these per step. Without attention
 * ({@link ScoreFunction#NONE}) there are no scores, alignment or context, and y_t = W_o h_t + b_o.
 * Besides greedy and teacher-forced decoding the model decodes after a forced prefix
 * ({@link #decodeWithPrefix}) and by beam search ({@link #beamSearch}). The model is immutable, and
 * each call allocates its own buffers, so it may be shared between threads.
 */
public final class Seq2SeqModel {
    private final Seq2SeqConfig config;
    private final Seq2SeqWeights weights;
    private final Vocabulary sourceVocabulary;
    private final Vocabulary targetVocabulary;
    private final WordTokenizer tokenizer;
    private final ModelInfo info;

    private Seq2SeqModel(Seq2SeqConfig config, Seq2SeqWeights weights, Vocabulary sourceVocabulary,
                         Vocabulary targetVocabulary, ModelInfo info) {
        this.config = config;
        this.weights = weights;
        this.sourceVocabulary = sourceVocabulary;
        this.targetVocabulary = targetVocabulary;
        this.tokenizer = new WordTokenizer(config.lowercase(), config.splitDigits());
        this.info = info;
    }

    /**
     * Loads config.json, src_vocab.json, tgt_vocab.json and model.safetensors from {@code dir}.
     *
     * @throws ModelFormatException naming the problem when a file is missing, the config is
     *                              invalid, or a tensor is missing, unexpected or mis-shaped
     */
    public static Seq2SeqModel load(Path dir) {
        Seq2SeqConfig config = Seq2SeqConfig.read(dir);
        Vocabulary src = Vocabulary.read(dir.resolve("src_vocab.json"), config.sourceVocabSize(), config);
        Vocabulary tgt = Vocabulary.read(dir.resolve("tgt_vocab.json"), config.targetVocabSize(), config);
        Seq2SeqWeights weights;
        try (TensorSource source = Checkpoints.open(dir)) {
            weights = Seq2SeqWeights.read(source, config);
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        ModelInfo info = new ModelInfo(name == null ? dir.toString() : name.toString(), ModelKind.SEQ2SEQ, config.layers(), 1,
                config.hiddenSize(), config.targetVocabSize(), config.maxSourceLength(), weights.parameterCount,
                dir.toAbsolutePath().toString());
        return new Seq2SeqModel(config, weights, src, tgt, info);
    }

    public Seq2SeqConfig config() {
        return config;
    }

    public ModelInfo info() {
        return info;
    }

    public Vocabulary sourceVocabulary() {
        return sourceVocabulary;
    }

    public Vocabulary targetVocabulary() {
        return targetVocabulary;
    }

    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    /** The score function and attentional layer, for lessons that recompute one score by hand; null without attention. */
    public Seq2SeqAttention attention() {
        return weights.attention;
    }

    /**
     * Source ids for {@code text}: its words (unknown ones as {@code <unk>}) followed by {@code </s>}.
     *
     * @throws InputException when the text has no words or is longer than max_source_length
     */
    public int[] encodeSource(String text) {
        return encodeText(text, sourceVocabulary, config.maxSourceLength(), "source");
    }

    /** Target ids for {@code text} (words, then {@code </s>}), e.g. a reference translation to force-decode. */
    public int[] encodeTarget(String text) {
        return encodeText(text, targetVocabulary, config.maxTargetLength(), "target");
    }

    private int[] encodeText(String text, Vocabulary vocab, int maxLength, String what) {
        // checked before tokenising: lower-casing is quadratic on some inputs (a long run of
        // capital sigmas), and no sentence the model accepts is this long
        long maxChars = (long) maxLength * MAX_CHARS_PER_TOKEN;
        if (text != null && text.length() > maxChars) {
            throw new InputException("The " + what + " text has " + text.length() + " characters, more than this model can take ("
                    + maxLength + " tokens of at most " + MAX_CHARS_PER_TOKEN + " characters).", "Shorten the sentence.");
        }
        List<String> words = tokenizer.tokenize(text == null ? "" : text);
        if (words.isEmpty()) {
            throw new InputException("The " + what + " text has no words.", "Type a sentence.");
        }
        if (words.size() + 1 > maxLength) {
            throw tooLong(what, words.size() + 1, maxLength);
        }
        int[] ids = new int[words.size() + 1];
        for (int i = 0; i < words.size(); i++) {
            ids[i] = vocab.id(words.get(i));
        }
        ids[words.size()] = config.eosId();
        return ids;
    }

    /** Greedy translation of {@code sourceText}; see {@link #translate(int[], int)}. */
    public Seq2SeqTrace translate(String sourceText, int maxLen) {
        return translate(encodeSource(sourceText), maxLen);
    }

    /**
     * Greedy decoding: each step emits the argmax of its logits (first index on ties) and feeds
     * it to the next step; stops after emitting {@code </s>} or after {@code maxLen} steps.
     *
     * @param srcIds the encoder's input exactly, normally ending with {@code </s>} (see {@link #encodeSource})
     * @param maxLen most decoder steps, 1..max_target_length
     */
    public Seq2SeqTrace translate(int[] srcIds, int maxLen) {
        checkSource(srcIds);
        checkMaxLen(maxLen);
        return decode(srcIds, new int[0], false, maxLen);
    }

    /**
     * Teacher-forced decoding: step t reads {@code <s>} (t = 0) or {@code tgtIds[t-1]}, and the
     * trace's outputs are {@code tgtIds} themselves (include {@code </s>} at the end to score it).
     */
    public Seq2SeqTrace forceDecode(int[] srcIds, int[] tgtIds) {
        checkSource(srcIds);
        if (tgtIds == null || tgtIds.length == 0) {
            throw new InputException("The target to force has no tokens.", "Give at least one target word.");
        }
        if (tgtIds.length > config.maxTargetLength()) {
            throw tooLong("target", tgtIds.length, config.maxTargetLength());
        }
        checkIds(tgtIds, config.targetVocabSize(), "target");
        return decode(srcIds, tgtIds, true, tgtIds.length);
    }

    private void checkSource(int[] srcIds) {
        if (srcIds == null || srcIds.length == 0) {
            throw new InputException("The source has no tokens.", "Type a sentence to translate.");
        }
        if (srcIds.length > config.maxSourceLength()) {
            throw tooLong("source", srcIds.length, config.maxSourceLength());
        }
        checkIds(srcIds, config.sourceVocabSize(), "source");
        for (int id : srcIds) {
            if (id == config.padId()) {
                throw new InputException("The source contains the padding token <pad>; a single sentence needs no padding.",
                        "Pass only the sentence's own token ids.");
            }
        }
    }

    private static void checkIds(int[] ids, int vocabSize, String what) {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) {
                throw new InputException("The " + what + " has token id " + id + ", outside the vocabulary of " + vocabSize
                        + " words.", "Use ids from the model's " + what + " vocabulary.");
            }
        }
    }

    /** Longest text accepted per token of max_source_length, before the text is tokenised. */
    static final int MAX_CHARS_PER_TOKEN = 64;

    private static InputException tooLong(String what, int length, int max) {
        return new InputException("The " + what + " has " + length + " tokens (counting </s>), more than the " + max
                + " this model accepts.", "Shorten the sentence.");
    }

    /** The encoder's output for one sentence. */
    private record Encoded(float[][] states, float[][] finalH, float[][] finalC) {
    }

    /**
     * Runs the encoder. Layer l > 0 reads the concatenated outputs of layer l - 1. The decoder's
     * initial state for layer l is the encoder's final state of layer l, with the forward and
     * backward finals concatenated when the encoder is bidirectional.
     */
    private Encoded encode(int[] srcIds) {
        int length = srcIds.length;
        int dirs = config.encoderDirections();
        int hd = config.encoderDirectionSize();
        boolean lstm = config.rnnType() == RnnType.LSTM;
        float[][] inputs = new float[length][];
        for (int s = 0; s < length; s++) {
            inputs[s] = weights.encoderEmbedding.row(srcIds[s]); // [E]
        }
        float[][] finalH = new float[config.layers()][config.hiddenSize()];
        float[][] finalC = lstm ? new float[config.layers()][config.hiddenSize()] : null;
        for (int l = 0; l < config.layers(); l++) {
            float[][] outputs = new float[length][dirs * hd]; // [src][H]
            for (int d = 0; d < dirs; d++) {
                RnnCell cell = weights.encoderCells[l][d];
                float[] h = new float[hd];
                float[] c = lstm ? new float[hd] : null;
                for (int k = 0; k < length; k++) {
                    int s = d == 0 ? k : length - 1 - k; // the backward direction reads right to left
                    float[][] next = cell.step(inputs[s], h, c);
                    h = next[0];
                    c = next[1];
                    System.arraycopy(h, 0, outputs[s], d * hd, hd);
                }
                System.arraycopy(h, 0, finalH[l], d * hd, hd);
                if (lstm) {
                    System.arraycopy(c, 0, finalC[l], d * hd, hd);
                }
            }
            inputs = outputs;
        }
        return new Encoded(inputs, finalH, finalC);
    }

    /** The decoder's recurrent state, one h (and for LSTM one c) per layer; never modified after creation. */
    private record DecoderState(float[][] h, float[][] c) {
    }

    /** What one decoder step computed, and the state it leaves. */
    private record Step(DecoderState next, float[] ht, float[] scores, float[] alignment, float[] context,
                        float[] attentional, float[] logits) {
    }

    /** The encoder's output with the attention keys computed once per sentence. */
    private record Source(Encoded encoded, float[][] keys) {
    }

    private Source prepare(int[] srcIds) {
        Encoded encoded = encode(srcIds);
        Seq2SeqAttention attention = weights.attention;
        return new Source(encoded, attention == null ? null : attention.keys(encoded.states()));
    }

    private DecoderState initialState(Encoded encoded) {
        int layers = config.layers();
        float[][] h = new float[layers][];
        float[][] c = new float[layers][];
        for (int l = 0; l < layers; l++) {
            h[l] = encoded.finalH()[l].clone();
            c[l] = encoded.finalC() == null ? null : encoded.finalC()[l].clone();
        }
        return new DecoderState(h, c);
    }

    /** One decoder step from {@code state}, reading {@code previous}. */
    private Step step(Source source, DecoderState state, int previous) {
        int layers = config.layers();
        float[][] h = new float[layers][];
        float[][] c = new float[layers][];
        float[] x = weights.decoderEmbedding.row(previous); // [E]
        for (int l = 0; l < layers; l++) {
            float[][] next = weights.decoderCells[l].step(x, state.h()[l], state.c()[l]);
            h[l] = next[0];
            c[l] = next[1];
            x = h[l];
        }
        float[] ht = x;                                                        // [H]
        Seq2SeqAttention attention = weights.attention;
        float[] e;
        float[] a;
        float[] ct;
        float[] att;
        if (attention == null) { // the bottleneck model: the output layer reads h_t
            e = new float[0];
            a = new float[0];
            ct = new float[0];
            att = ht;
        } else {
            float[][] hs = source.encoded().states();                          // [src][H]
            e = attention.scoresFromKeys(attention.query(ht), source.keys());  // [src]
            a = e.clone();
            FloatMath.softmax(a, 0, a.length);                                 // [src], engine/tensor's one softmax
            ct = weightedSum(a, hs);                                           // [H]
            att = attention.attentionalVector(ct, ht);                         // [H]
        }
        float[] y = weights.out.times(att, weights.outBias);                   // [Vt]
        return new Step(new DecoderState(h, c), ht, e, a, ct, att, y);
    }

    /**
     * Greedy decoding after a forced prefix: steps 0..prefix.length-1 emit (and feed on) the
     * given ids, later steps the argmax of their logits. Stops after emitting {@code </s>} (forced
     * or chosen) or after {@code maxLen} steps. An empty prefix is greedy decoding.
     *
     * @param prefixIds target ids to force at the first steps (without {@code </s>} to let the model go on)
     */
    public Seq2SeqTrace decodeWithPrefix(int[] srcIds, int[] prefixIds, int maxLen) {
        checkSource(srcIds);
        checkMaxLen(maxLen);
        if (prefixIds == null) {
            prefixIds = new int[0];
        }
        if (prefixIds.length > maxLen) {
            throw new InputException("The forced prefix has " + prefixIds.length + " words, more than the output length limit "
                    + maxLen + ".", "Force fewer words, or raise the limit.");
        }
        checkIds(prefixIds, config.targetVocabSize(), "target");
        return decode(srcIds, prefixIds, false, maxLen);
    }

    private void checkMaxLen(int maxLen) {
        if (maxLen < 1 || maxLen > config.maxTargetLength()) {
            throw new InputException("The output length limit " + maxLen + " is outside 1.." + config.maxTargetLength() + ".",
                    "Choose a limit between 1 and " + config.maxTargetLength() + ".");
        }
    }

    /**
     * @param given      ids to emit at the first steps (may be empty)
     * @param allForced  teacher forcing: every step is given, and a given {@code </s>} does not stop
     */
    private Seq2SeqTrace decode(int[] srcIds, int[] given, boolean allForced, int maxLen) {
        Source source = prepare(srcIds);
        DecoderState state = initialState(source.encoded());
        List<float[]> decoderStates = new ArrayList<>();
        List<float[]> scores = new ArrayList<>();
        List<float[]> alignment = new ArrayList<>();
        List<float[]> contexts = new ArrayList<>();
        List<float[]> attentional = new ArrayList<>();
        List<float[]> logits = new ArrayList<>();
        int[] inputs = new int[maxLen];
        int[] outputs = new int[maxLen];
        int steps = 0;
        int previous = config.bosId();
        while (steps < maxLen) {
            Step step = step(source, state, previous);
            state = step.next();
            int chosen = steps < given.length ? given[steps] : argmax(step.logits());
            decoderStates.add(step.ht());
            scores.add(step.scores());
            alignment.add(step.alignment());
            contexts.add(step.context());
            attentional.add(step.attentional());
            logits.add(step.logits());
            inputs[steps] = previous;
            outputs[steps] = chosen;
            steps++;
            previous = chosen;
            if (!allForced && chosen == config.eosId()) {
                break;
            }
        }
        int[] outIds = Arrays.copyOf(outputs, steps);
        return new Seq2SeqTrace(config.score(), allForced, Math.min(given.length, steps), words(srcIds, sourceVocabulary),
                srcIds.clone(), words(outIds, targetVocabulary), outIds, Arrays.copyOf(inputs, steps),
                source.encoded().states(), decoderStates.toArray(new float[0][]), scores.toArray(new float[0][]),
                alignment.toArray(new float[0][]), contexts.toArray(new float[0][]), attentional.toArray(new float[0][]),
                logits.toArray(new float[0][]), outIds[steps - 1] == config.eosId());
    }

    /** A live hypothesis during beam search. */
    private record Live(int[] ids, double score, DecoderState state, int previous) {
    }

    /**
     * Beam search over sums of log-probabilities (no length normalisation), as the reference
     * {@code beam_search} of tools/golden/seq2seq_reference.py:
     * <ol>
     *   <li>Start with one empty hypothesis, score 0, reading {@code <s>}.</li>
     *   <li>At each step every live hypothesis (parent) is advanced once; its {@code width} best next
     *       words (by log-probability, lower id first on ties) are its candidates, each scored parent
     *       score + log p(word).</li>
     *   <li>Of all candidates the {@code width} best (by score, then parent, then word id) are selected:
     *       a selected {@code </s>} finishes its hypothesis, the other selected ones form the next beam in
     *       that order, the rest are pruned.</li>
     *   <li>Stop when the beam is empty or after {@code maxLen} steps; live hypotheses are then returned
     *       unfinished.</li>
     * </ol>
     * Hypotheses come finished first, then by score (stable); the first is the result. Width 1 is
     * greedy decoding.
     *
     * @param width 1..{@value #MAX_BEAM_WIDTH}
     */
    public BeamSearch beamSearch(int[] srcIds, int width, int maxLen) {
        checkSource(srcIds);
        checkMaxLen(maxLen);
        if (width < 1 || width > MAX_BEAM_WIDTH) {
            throw new InputException("The beam width " + width + " is outside 1.." + MAX_BEAM_WIDTH + ".",
                    "Choose a beam width between 1 and " + MAX_BEAM_WIDTH + " (1 is greedy decoding).");
        }
        Source source = prepare(srcIds);
        List<Live> beam = new ArrayList<>();
        beam.add(new Live(new int[0], 0.0, initialState(source.encoded()), config.bosId()));
        List<BeamSearch.Hypothesis> finished = new ArrayList<>();
        List<List<BeamSearch.Candidate>> steps = new ArrayList<>();
        for (int t = 0; t < maxLen && !beam.isEmpty(); t++) {
            List<BeamSearch.Candidate> candidates = new ArrayList<>();
            List<DecoderState> states = new ArrayList<>();
            for (int parent = 0; parent < beam.size(); parent++) {
                Live live = beam.get(parent);
                Step step = step(source, live.state(), live.previous());
                double[] logp = logSoftmax(step.logits());
                for (int token : topIndices(logp, width)) {
                    candidates.add(new BeamSearch.Candidate(t, parent, token, targetVocabulary.word(token), logp[token],
                            live.score() + logp[token], BeamSearch.Status.PRUNED));
                    states.add(step.next());
                }
            }
            Integer[] order = new Integer[candidates.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> {
                BeamSearch.Candidate a = candidates.get(x);
                BeamSearch.Candidate b = candidates.get(y);
                int c = Double.compare(b.score(), a.score());
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(a.parent(), b.parent());
                return c != 0 ? c : Integer.compare(a.tokenId(), b.tokenId());
            });
            List<Live> next = new ArrayList<>();
            for (int k = 0; k < Math.min(width, order.length); k++) {
                int i = order[k];
                BeamSearch.Candidate cand = candidates.get(i);
                int[] parentIds = beam.get(cand.parent()).ids();
                int[] ids = Arrays.copyOf(parentIds, parentIds.length + 1);
                ids[parentIds.length] = cand.tokenId();
                if (cand.tokenId() == config.eosId()) {
                    candidates.set(i, cand.withStatus(BeamSearch.Status.FINISHED));
                    finished.add(new BeamSearch.Hypothesis(ids, words(ids, targetVocabulary), cand.score(), true));
                } else {
                    candidates.set(i, cand.withStatus(BeamSearch.Status.KEPT));
                    next.add(new Live(ids, cand.score(), states.get(i), cand.tokenId()));
                }
            }
            steps.add(List.copyOf(candidates));
            beam = next;
        }
        List<BeamSearch.Hypothesis> hypotheses = new ArrayList<>(finished);
        for (Live live : beam) {
            hypotheses.add(new BeamSearch.Hypothesis(live.ids(), words(live.ids(), targetVocabulary), live.score(), false));
        }
        hypotheses.sort((a, b) -> a.finished() != b.finished() ? (a.finished() ? -1 : 1) : Double.compare(b.score(), a.score()));
        return new BeamSearch(width, words(srcIds, sourceVocabulary), steps, hypotheses);
    }

    /** The widest beam {@link #beamSearch} accepts. */
    public static final int MAX_BEAM_WIDTH = 8;

    /** log softmax in double precision, the maximum subtracted first. */
    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0.0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }

    /** Indices of the {@code k} largest values, largest first, the lower index first on ties. */
    static int[] topIndices(double[] values, int k) {
        Integer[] idx = new Integer[values.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> {
            int c = Double.compare(values[y], values[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int n = Math.min(k, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static List<String> words(int[] ids, Vocabulary vocab) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(vocab.word(id));
        }
        return out;
    }

    /** sum_s weights[s] * states[s]: [H]. */
    private static float[] weightedSum(float[] weights, float[][] states) {
        int width = states[0].length;
        double[] acc = new double[width];
        for (int s = 0; s < states.length; s++) {
            for (int k = 0; k < width; k++) {
                acc[k] += (double) weights[s] * states[s][k];
            }
        }
        float[] out = new float[width];
        for (int k = 0; k < width; k++) {
            out[k] = (float) acc[k];
        }
        return out;
    }

    /** Index of the largest value, the first one on ties. */
    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
