package org.attentionlab.engine.bert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.InputChecks;
import org.attentionlab.engine.MaskedLanguageModel;
import org.attentionlab.engine.TraceBuilder;
import org.attentionlab.engine.tensor.Attention;
import org.attentionlab.engine.tensor.AttentionMask;
import org.attentionlab.engine.tensor.Blas;
import org.attentionlab.engine.tensor.FloatMath;
import org.attentionlab.engine.tensor.Ops;
import org.attentionlab.engine.tensor.Scratch;
import org.attentionlab.engine.tensor.StepClock;
import org.attentionlab.io.safetensors.TensorSource;
import org.bytedeco.javacpp.FloatPointer;

/**
 * BERT encoder ({@code BertModel}) with the optional masked-language-model head
 * ({@code BertForMaskedLM}) and next-sentence head ({@code BertForPreTraining} has both),
 * equal to HuggingFace's eager implementation.
 *
 * <p>Post-LN layers: {@code x = LN(x + Attn(x))}, {@code x = LN(x + FFN(x))}. Attention is
 * bidirectional; padded keys ({@code attendMask == 0}) are hidden by adding
 * {@code finfo(float32).min}, so they get probability exactly 0. Padded queries still attend to
 * the real tokens, as in HF. Hidden states follow HF's {@code hidden_states}: index 0 is the
 * embedding output (after its LayerNorm), index i the output of layer i.
 *
 * <p>Not thread-safe for concurrent calls (methods are synchronized; one run at a time).
 */
public final class BertModel implements MaskedLanguageModel {
    private final BertConfig config;
    private final BertWeights weights;
    private final ModelInfo info;
    private final Scratch scratch = new Scratch();
    private final Attention attention = new Attention(scratch);
    private final float scale;
    private StepClock clock;                 // null unless the bench command times the steps

    public BertModel(BertConfig config, BertWeights weights, String name, Path source) {
        this.config = config;
        this.weights = weights;
        this.info = new ModelInfo(name, ModelKind.BERT, config.numHiddenLayers(), config.numAttentionHeads(),
                config.hiddenSize(), config.vocabSize(), config.maxPositionEmbeddings(), weights.parameterCount,
                String.valueOf(source));
        // HF: scaling = head_dim ** -0.5 (a Python double), multiplied into float scores
        this.scale = (float) Math.pow(config.headDim(), -0.5);
    }

    /** Loads {@code config} and the weights from {@code source} (which stays owned by the caller). */
    public static BertModel load(BertConfig config, TensorSource source, String name, Path dir) {
        return new BertModel(config, BertWeights.load(source, config), name, dir);
    }

    /** Times each step of the following forward passes with {@code clock} (null: stop timing). */
    public synchronized void useClock(StepClock clock) {
        this.clock = clock;
    }

    private void lap(String step) {
        if (clock != null) {
            clock.lap(step);
        }
    }

    public BertConfig config() {
        return config;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public boolean hasLanguageModelHead() {
        return weights.mlmHead != null;
    }

    /** {@inheritDoc} Logits are recorded only when the checkpoint has an MLM head. */
    @Override
    public synchronized ForwardTrace forward(Encoding input, Set<TraceItem> record) {
        return forward(input, record, null);
    }

    /** {@inheritDoc} Here the MLM head runs on the hidden states of {@code logitRows} only (null: every row). */
    @Override
    public synchronized ForwardTrace forward(Encoding input, Set<TraceItem> record, int[] logitRows) {
        TraceBuilder trace = new TraceBuilder(input, record, config.numHiddenLayers(), config.numAttentionHeads(),
                config.hiddenSize());
        boolean logits = record.contains(TraceItem.LOGITS) && weights.mlmHead != null;
        boolean lens = record.contains(TraceItem.LOGIT_LENS) && weights.mlmHead != null;
        float[] x = encode(input, trace, logits || lens || record.contains(TraceItem.HIDDEN)
                || record.contains(TraceItem.PROJECTIONS));
        if (logits && logitRows == null) {
            trace.logits(mlmLogits(x, input.length()), config.vocabSize());
        } else if (logits) {
            int[] rows = checkedRows(logitRows, input.length());
            int h = config.hiddenSize();
            float[] chosen = new float[rows.length * h];                  // [rows, H]
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(x, rows[i] * h, chosen, i * h, h);
            }
            trace.logitsAt(rows, mlmLogits(chosen, rows.length), config.vocabSize());
        }
        if (lens) {
            trace.logitLens(logitLens(trace.hiddenStates(), input.length()));
        }
        return trace.build();
    }

    /** {@code logitRows} without repeats, ascending; each must be a position of the input. */
    private static int[] checkedRows(int[] logitRows, int tokens) {
        int[] rows = java.util.Arrays.stream(logitRows).distinct().sorted().toArray();
        for (int r : rows) {
            if (r < 0 || r >= tokens) {
                throw new IllegalArgumentException("logit row " + r + " outside the input's " + tokens + " tokens");
            }
        }
        return rows;
    }

    /**
     * The MLM head on every hidden state [layer + 1][T][H] (the logit lens), one layer at a time so
     * that only one layer's logits exist twice; returns [layer + 1][T][V].
     */
    private float[][][] logitLens(float[][][] hidden, int t) {
        int h = config.hiddenSize();
        int v = config.vocabSize();
        float[][][] out = new float[hidden.length][][];
        float[] rows = new float[t * h];                                         // [T, H]
        for (int i = 0; i < hidden.length; i++) {
            for (int r = 0; r < t; r++) {
                System.arraycopy(hidden[i][r], 0, rows, r * h, h);
            }
            out[i] = TraceBuilder.rows(mlmLogits(rows, t), t, v);
        }
        return out;
    }

    @Override
    public synchronized List<MaskPrediction> predictMasks(Encoding input, int maskTokenId, int k) {
        if (weights.mlmHead == null) {
            throw new ModelFormatException("This BERT checkpoint has no masked-language-model head (cls.predictions), so it"
                    + " cannot predict masked words.", "Load a BertForMaskedLM checkpoint, such as bert-base-uncased.");
        }
        if (k < 1) {
            throw new InputException("The number of predictions must be at least 1, not " + k + ".", "Ask for 1 or more.");
        }
        int h = config.hiddenSize();
        float[] x = encode(input, new TraceBuilder(input, EnumSet.noneOf(TraceItem.class), config.numHiddenLayers(),
                config.numAttentionHeads(), h), true);
        int[] ids = input.ids();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == maskTokenId) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return List.of();
        }
        float[] rows = new float[positions.size() * h];
        for (int m = 0; m < positions.size(); m++) {
            System.arraycopy(x, positions.get(m) * h, rows, m * h, h);
        }
        int v = config.vocabSize();
        float[] logits = mlmLogits(rows, positions.size());
        List<MaskPrediction> out = new ArrayList<>();
        for (int m = 0; m < positions.size(); m++) {
            FloatMath.softmax(logits, m * v, v);
            int[] top = Ops.topK(logits, m * v, v, k);
            float[] probs = new float[top.length];
            for (int j = 0; j < top.length; j++) {
                probs[j] = logits[m * v + top[j]];
            }
            out.add(new MaskPrediction(positions.get(m), top, probs));
        }
        return out;
    }

    /**
     * Runs embeddings and all layers; returns the last hidden state [T, H] (token-major), or null
     * when {@code wantOutput} is false.
     *
     * <p>Without {@code wantOutput}, the caller wants only what the trace records of the
     * attention, so the last layer stops once it has its attention weights: its values, context,
     * output projection and feed-forward layer (83% of that layer's multiply-adds) would only
     * feed the final hidden state, which nobody reads.
     *
     * <p>Inside, activations are feature-major ([H, T], see {@link org.attentionlab.engine.tensor.Linear}).
     * What a product reads or writes stays off-heap between products (the stacked Q|K|V, the
     * context, the feed-forward layer); the residual sums and LayerNorms run on the heap copy
     * {@code x}, which is written off-heap once after each LayerNorm.
     */
    private float[] encode(Encoding input, TraceBuilder trace, boolean wantOutput) {
        int t = input.length();
        InputChecks.tokens(input.ids(), config.maxPositionEmbeddings(), config.vocabSize(), "this BERT model");
        checkTypeIds(input.typeIds());
        int h = config.hiddenSize();
        int heads = config.numAttentionHeads();
        int inter = config.intermediateSize();
        if (clock != null) {
            clock.start();
        }

        float[] rows = embed(input, trace);                            // [T, H]
        trace.hidden(0, rows, h);
        AttentionMask mask = AttentionMask.of(t, 0, false, input.attendMask());
        float[] additive = mask.hidesAnything() ? mask.additive() : null; // [T * T]

        float[] x = Ops.transpose(rows, t, h, new float[h * t]);       // [H, T]
        float[] sum = new float[h * t];                                // [H, T] sublayer output + residual
        FloatPointer xOff = scratch.get(Scratch.Slot.INPUT, (long) h * t);      // [H, T] copy of x
        FloatPointer qkv = scratch.get(Scratch.Slot.QKV, (long) 3 * h * t);     // [3H, T] = q | k | v
        FloatPointer context = scratch.get(Scratch.Slot.CONTEXT, (long) h * t); // [H, T]
        FloatPointer out = scratch.get(Scratch.Slot.OUTPUT, (long) h * t);      // [H, T]
        FloatPointer ffn = scratch.get(Scratch.Slot.FFN, (long) inter * t);     // [I, T]
        Blas.write(x, 0, xOff, 0, h * t);
        lap("embed");
        int layers = weights.layers.size();
        for (int l = 0; l < layers; l++) {
            BertWeights.Layer layer = weights.layers.get(l);
            if (l == layers - 1 && !wantOutput && t > 1) {               // the attention weights are all that is wanted
                layer.qkv().forward(xOff, t, qkv, 2 * h, null, scratch); // [2H, T] = q | k
                lap("qkv");
                attention.attend(t, t, heads, config.headDim(), scale,
                        qkv, 0, t, qkv, (long) h * t, t, null, 0, t,
                        additive, null, 0, t, trace.layer(l, mask, heads));
                lap("attention");
                return null;
            }
            layer.qkv().forward(xOff, t, qkv, null, scratch);
            lap("qkv");
            attention.attend(t, t, heads, config.headDim(), scale,
                    qkv, 0, t, qkv, (long) h * t, t, qkv, 2L * h * t, t,
                    additive, context, 0, t, trace.layer(l, mask, heads));
            if (trace.wants(TraceItem.PROJECTIONS)) {
                recordProjections(trace, l, qkv, context, t);
            }
            lap("attention");
            layer.attentionOutput().forward(context, t, out, null, scratch);
            lap("attention_output");
            Blas.read(out, 0, sum, 0, h * t);
            Ops.addInPlace(sum, x, h * t);                             // dense(context) + residual
            layer.attentionNorm().applyColumns(sum, t, x);
            Blas.write(x, 0, xOff, 0, h * t);
            lap("residual_norm_1");
            layer.intermediate().forward(xOff, t, ffn, config.hiddenAct(), scratch);
            lap("intermediate_gelu");
            layer.output().forward(ffn, t, out, null, scratch);
            lap("output");
            Blas.read(out, 0, sum, 0, h * t);
            Ops.addInPlace(sum, x, h * t);
            layer.outputNorm().applyColumns(sum, t, x);
            Blas.write(x, 0, xOff, 0, h * t);
            trace.hiddenColumns(l + 1, x, h);
            lap("residual_norm_2");
        }
        return Ops.transpose(x, h, t, rows);
    }

    /** Copies layer {@code l}'s stacked q | k | v [3H, T] and context [H, T] off-heap buffers into the trace. */
    private void recordProjections(TraceBuilder trace, int l, FloatPointer qkv, FloatPointer context, int t) {
        int h = config.hiddenSize();
        float[] qkvT = new float[3 * h * t];
        float[] contextT = new float[h * t];
        Blas.read(qkv, 0, qkvT, 0, 3 * h * t);
        Blas.read(context, 0, contextT, 0, h * t);
        trace.projections(l, qkvT, contextT, config.numAttentionHeads(), config.headDim());
    }

    /** word + token type, then + position, then LayerNorm (HF's order of additions). */
    private float[] embed(Encoding input, TraceBuilder trace) {
        int h = config.hiddenSize();
        int t = input.length();
        float[] x = new float[t * h];                                  // [T, H]
        int[] ids = input.ids();
        int[] types = input.typeIds();
        for (int i = 0; i < t; i++) {
            weights.wordEmbeddings.copyRow(ids[i], x, i * h);
            int typeRow = types[i] * h;
            int posRow = i * h;
            for (int j = 0; j < h; j++) {
                float e = x[i * h + j] + weights.tokenTypeEmbeddings[typeRow + j];
                x[i * h + j] = e + weights.positionEmbeddings[posRow + j];
            }
        }
        if (trace.wants(TraceItem.EMBEDDINGS)) {
            recordEmbeddings(input, x, trace);
        }
        weights.embeddingNorm.apply(x, t, x);
        return x;
    }

    /** Records each token's word, segment and position rows and their sum {@code x[T, H]} (before the LayerNorm). */
    private void recordEmbeddings(Encoding input, float[] x, TraceBuilder trace) {
        int h = config.hiddenSize();
        int t = input.length();
        float[] word = new float[t * h];                               // [T, H] each
        float[] segment = new float[t * h];
        float[] position = new float[t * h];
        for (int i = 0; i < t; i++) {
            weights.wordEmbeddings.copyRow(input.ids()[i], word, i * h);
            System.arraycopy(weights.tokenTypeEmbeddings, input.typeIds()[i] * h, segment, i * h, h);
            System.arraycopy(weights.positionEmbeddings, i * h, position, i * h, h);
        }
        trace.embeddings(word, position, segment, x, h);
    }

    /** MLM head on {@code rows} hidden states: dense, activation, LayerNorm, decoder. Returns [rows, V]. */
    private float[] mlmLogits(float[] hidden, int rows) {
        BertWeights.MlmHead head = weights.mlmHead;
        int h = config.hiddenSize();
        float[] z = new float[rows * h];                               // [rows, H]
        head.transform().apply(hidden, rows, z, scratch);
        config.hiddenAct().applyInPlace(z, rows * h);
        head.transformNorm().apply(z, rows, z);
        float[] logits = new float[rows * config.vocabSize()];         // [rows, V]
        head.decoder().apply(z, rows, logits, scratch);
        return logits;
    }

    @Override
    public boolean hasNextSentenceHead() {
        return weights.nspHead != null;
    }

    /**
     * {@inheritDoc} As HF's {@code BertForPreTraining}: pooled = tanh(W_p h_[CLS] + b_p), logits =
     * W_s pooled + b_s, then a softmax over the two.
     */
    @Override
    public synchronized float[] nextSentence(Encoding input) {
        if (weights.nspHead == null) {
            throw new ModelFormatException("This BERT checkpoint has no next-sentence head (cls.seq_relationship), so it"
                    + " cannot say whether the second sentence follows the first.",
                    "Load a BertForPreTraining checkpoint, such as the sample tiny-bert or bert-base-uncased.");
        }
        int h = config.hiddenSize();
        float[] x = encode(input, new TraceBuilder(input, EnumSet.noneOf(TraceItem.class), config.numHiddenLayers(),
                config.numAttentionHeads(), h), true);
        float[] cls = java.util.Arrays.copyOf(x, h);                 // [H], position 0
        float[] pooled = new float[h];
        weights.nspHead.pooler().apply(cls, 1, pooled, scratch);
        for (int i = 0; i < h; i++) {
            pooled[i] = (float) Math.tanh(pooled[i]);
        }
        float[] probabilities = new float[2];
        weights.nspHead.classifier().apply(pooled, 1, probabilities, scratch);
        FloatMath.softmax(probabilities, 0, 2);
        return probabilities;
    }

    private void checkTypeIds(int[] typeIds) {
        for (int i = 0; i < typeIds.length; i++) {
            if (typeIds[i] < 0 || typeIds[i] >= config.typeVocabSize()) {
                throw new InputException("Segment id " + typeIds[i] + " at position " + i + " is not one of this model's "
                        + config.typeVocabSize() + " segment types.", "Use segment ids 0 (first sentence) and 1 (second).");
            }
        }
    }

    @Override
    public synchronized void close() {
        scratch.close();
        weights.close();
    }
}
