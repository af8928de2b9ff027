package org.attentionlab.engine.seq2seq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
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
 * and {@link Seq2SeqTrace} keeps every one of these per step. The model is immutable, and
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

    /** The score function and attentional layer, for lessons that recompute one score by hand. */
    public Attention attention() {
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
        if (maxLen < 1 || maxLen > config.maxTargetLength()) {
            throw new InputException("The output length limit " + maxLen + " is outside 1.." + config.maxTargetLength() + ".",
                    "Choose a limit between 1 and " + config.maxTargetLength() + ".");
        }
        return decode(srcIds, null, maxLen);
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
        return decode(srcIds, tgtIds, tgtIds.length);
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

    private Seq2SeqTrace decode(int[] srcIds, int[] forced, int maxLen) {
        Attention attention = weights.attention;
        Encoded encoded = encode(srcIds);
        float[][] hs = encoded.states();              // [src][H]
        float[][] keys = attention.keys(hs);          // [src][H or A]
        int layers = config.layers();
        float[][] h = new float[layers][];
        float[][] c = new float[layers][];
        for (int l = 0; l < layers; l++) {
            h[l] = encoded.finalH()[l].clone();
            c[l] = encoded.finalC() == null ? null : encoded.finalC()[l].clone();
        }
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
            float[] x = weights.decoderEmbedding.row(previous); // [E]
            for (int l = 0; l < layers; l++) {
                float[][] next = weights.decoderCells[l].step(x, h[l], c[l]);
                h[l] = next[0];
                c[l] = next[1];
                x = h[l];
            }
            float[] ht = x;                                                     // [H]
            float[] e = attention.scoresFromKeys(attention.query(ht), keys);    // [src]
            boolean none = config.score() == ScoreFunction.NONE;               // no attention: zeros
            float[] a = none ? new float[hs.length] : softmax(e);              // [src]
            float[] ct = none ? new float[ht.length] : weightedSum(a, hs);     // [H]
            float[] att = attention.attentionalVector(ct, ht);                  // [H]
            float[] y = weights.out.times(att, weights.outBias);                // [Vt]
            int chosen = forced != null ? forced[steps] : argmax(y);
            decoderStates.add(ht);
            scores.add(e);
            alignment.add(a);
            contexts.add(ct);
            attentional.add(att);
            logits.add(y);
            inputs[steps] = previous;
            outputs[steps] = chosen;
            steps++;
            previous = chosen;
            if (forced == null && chosen == config.eosId()) {
                break;
            }
        }
        int[] outIds = Arrays.copyOf(outputs, steps);
        return new Seq2SeqTrace(config.score(), forced != null, words(srcIds, sourceVocabulary), srcIds.clone(),
                words(outIds, targetVocabulary), outIds, Arrays.copyOf(inputs, steps), hs,
                decoderStates.toArray(new float[0][]), scores.toArray(new float[0][]), alignment.toArray(new float[0][]),
                contexts.toArray(new float[0][]), attentional.toArray(new float[0][]), logits.toArray(new float[0][]),
                outIds[steps - 1] == config.eosId());
    }

    private static List<String> words(int[] ids, Vocabulary vocab) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(vocab.word(id));
        }
        return out;
    }

    /** Softmax with the maximum subtracted first, so large scores do not overflow. */
    static float[] softmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double[] exp = new double[scores.length];
        double sum = 0.0;
        for (int i = 0; i < scores.length; i++) {
            exp[i] = Math.exp(scores[i] - max);
            sum += exp[i];
        }
        float[] out = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = (float) (exp[i] / sum);
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
