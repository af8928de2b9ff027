package org.attentionlab.engine.gpt2;

import java.util.Arrays;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.InputChecks;
import org.attentionlab.engine.TraceBuilder;
import org.attentionlab.engine.tensor.Attention;
import org.attentionlab.engine.tensor.AttentionMask;
import org.attentionlab.engine.tensor.AttentionObserver;
import org.attentionlab.engine.tensor.Blas;
import org.attentionlab.engine.tensor.Ops;
import org.attentionlab.engine.tensor.Scratch;
import org.attentionlab.engine.tensor.StepClock;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One decoding run of a {@link Gpt2Model}: the KV cache and every work buffer (the model's
 * per-run state). {@link #prefill} runs a prompt through all layers at once and caches each
 * layer's keys and values; {@link #append} then runs one new token against the cache, so a
 * step costs one row through each weight matrix (BLAS sgemv) instead of the whole sequence.
 *
 * <p>Both paths share the same code: {@code run} takes the new tokens' ids and the number
 * already cached. A session belongs to one thread; sessions of the same model may run in
 * parallel, since the weights are only read.
 */
public final class Gpt2Session implements AutoCloseable {
    private final Gpt2Config config;
    private final Gpt2Weights weights;
    private final Scratch scratch = new Scratch();
    private final Attention attention = new Attention(scratch);
    private FloatPointer[] keyCache = new FloatPointer[0];    // per layer, feature-major [H, capacity]
    private FloatPointer[] valueCache = new FloatPointer[0];  // per layer, feature-major [H, capacity]
    private int capacity;
    private int length;                                       // tokens cached
    // heap work buffers, grown to the largest T seen; feature-major (one column per token)
    private float[] x = new float[0];        // [H, T] residual stream
    private float[] normed = new float[0];   // [H, T]
    private float[] projected = new float[0];// [H, T]
    private final float[] lastRow;           // [H]
    private final float[] logits;            // [V]
    private StepClock clock;                 // null unless the bench command times the steps

    Gpt2Session(Gpt2Config config, Gpt2Weights weights) {
        this.config = config;
        this.weights = weights;
        this.lastRow = new float[config.nEmbd()];
        this.logits = new float[config.vocabSize()];
    }

    /** Times each step of the following runs with {@code clock} (null: stop timing). */
    public void useClock(StepClock clock) {
        this.clock = clock;
    }

    /** Tokens in the KV cache. */
    public int length() {
        return length;
    }

    /**
     * Runs {@code ids} at the positions after the cached tokens (the prefill of a prompt's
     * remainder, or several appended tokens at once); returns the logits [V] after the last one.
     *
     * @throws InputException when the cache would hold more than n_positions tokens
     */
    public float[] extend(int[] ids) {
        if (ids.length == 0) {
            throw new InputException("There are no tokens to add.", "Add some text after the prompt.");
        }
        if (length + ids.length > config.nPositions()) {
            throw new InputException("The sequence would have " + (length + ids.length) + " tokens, but this GPT-2 model"
                    + " accepts at most " + config.nPositions() + " (its position embeddings end there).",
                    "Shorten the prompt (fewer or shorter examples).");
        }
        InputChecks.tokens(ids, config.nPositions(), config.vocabSize(), "this GPT-2 model");
        if (length + ids.length > capacity) {
            grow(Math.min(config.nPositions(), Math.max(length + ids.length, capacity * 2)));
        }
        float[] out = run(ids, null, null);
        return lastLogits(out, ids.length);
    }

    /** Forgets the cached tokens after the first {@code keep}; their cache columns are overwritten by later runs. */
    public void truncate(int keep) {
        if (keep < 0 || keep > length) {
            throw new IllegalArgumentException("cannot keep " + keep + " of " + length + " cached tokens");
        }
        length = keep;
    }

    /** Clears the cache and runs {@code ids} from position 0; returns the logits [V] after the last token. */
    public float[] prefill(int[] ids) {
        InputChecks.tokens(ids, config.nPositions(), config.vocabSize(), "this GPT-2 model");
        reset(ids.length);
        float[] out = run(ids, null, null);
        return lastLogits(out, ids.length);
    }

    /**
     * Runs one more token against the cache; returns the logits [V] for the token after it.
     *
     * @throws InputException when the cache already holds n_positions tokens
     */
    public float[] append(int id) {
        if (length >= config.nPositions()) {
            throw new InputException("The sequence already has " + length + " tokens, the most this GPT-2 model accepts.",
                    "Start again with a shorter prompt or fewer new tokens.");
        }
        InputChecks.tokens(new int[] {id}, 1, config.vocabSize(), "this GPT-2 model");
        if (length + 1 > capacity) {
            grow(Math.min(config.nPositions(), Math.max(length + 1, capacity * 2)));
        }
        float[] out = run(new int[] {id}, null, null);
        return lastLogits(out, 1);
    }

    /** Makes room for {@code tokens} cached tokens in all, keeping what is cached. */
    void ensureCapacity(int tokens) {
        if (tokens > capacity) {
            grow(Math.min(config.nPositions(), Math.max(tokens, capacity * 2)));
        }
    }

    /** Prepares an empty cache for at least {@code tokens} tokens (allocating only when it grows). */
    void reset(int tokens) {
        length = 0;
        if (tokens > capacity) {
            grow(tokens);
        }
    }

    /**
     * Runs {@code ids} at positions {@code length .. length + T - 1} through every block, caching
     * their keys and values; returns the final hidden states after ln_f, feature-major [H, T] (a
     * reused buffer).
     *
     * <p>Activations are feature-major (see {@link org.attentionlab.engine.tensor.Linear}), and so
     * is the KV cache: a new token's key is a column of {@code keyCache[l]}. The residual stream
     * and the LayerNorms are on the heap; what a product reads or writes stays off-heap between
     * products (the Q|K|V rows, the context, the feed-forward layer).
     *
     * @param keyPadding 1/0 per key position (length + T entries), or null when nothing is padded
     * @param trace      where to record attention, masks, hidden states, embedding parts and projections;
     *                   null records nothing
     */
    float[] run(int[] ids, int[] keyPadding, TraceBuilder trace) {
        int t = ids.length;
        int past = length;
        int keys = past + t;
        if (keys > capacity) {
            throw new IllegalStateException("KV cache holds " + capacity + " tokens, " + keys + " needed");
        }
        int h = config.nEmbd();
        int inner = config.nInner();
        int heads = config.nHead();
        ensureRows(t);
        if (clock != null) {
            clock.start();
        }

        for (int i = 0; i < t; i++) {                                   // x = wte[id] + wpe[pos]   [H, T]
            weights.wte.copyRow(ids[i], lastRow, 0);
            int pos = (past + i) * h;
            for (int j = 0; j < h; j++) {
                x[j * t + i] = lastRow[j] + weights.wpe[pos + j];
            }
        }
        if (trace != null) {
            if (trace.wants(TraceItem.EMBEDDINGS)) {
                recordEmbeddings(ids, past, trace);
            }
            trace.hiddenColumns(0, x, h);
        }
        // a single new token with nothing padded sees every cached key: no mask to add
        AttentionMask mask = t == 1 && keyPadding == null && trace == null ? null
                : AttentionMask.of(t, past, true, keyPadding);
        float[] additive = mask != null && mask.hidesAnything() ? mask.additive() : null;   // [T * S]
        FloatPointer normedOff = scratch.get(Scratch.Slot.INPUT, (long) h * t);    // [H, T]
        FloatPointer qkv = scratch.get(Scratch.Slot.QKV, (long) 3 * h * t);        // [3H, T] = q | k | v
        FloatPointer context = scratch.get(Scratch.Slot.CONTEXT, (long) h * t);    // [H, T]
        FloatPointer out = scratch.get(Scratch.Slot.OUTPUT, (long) h * t);         // [H, T]
        FloatPointer ffn = scratch.get(Scratch.Slot.FFN, (long) inner * t);        // [I, T]
        lap("embed");

        for (int l = 0; l < weights.blocks.size(); l++) {
            Gpt2Weights.Block block = weights.blocks.get(l);
            block.ln1().applyColumns(x, t, normed);
            Blas.write(normed, 0, normedOff, 0, h * t);
            lap("ln_1");
            block.cAttn().forward(normedOff, t, qkv, null, scratch);
            lap("c_attn");
            for (int i = 0; i < t; i++) {                               // cache this pass's keys and values
                Blas.copy(h, qkv, (long) h * t + i, t, keyCache[l], past + i, capacity);
                Blas.copy(h, qkv, 2L * h * t + i, t, valueCache[l], past + i, capacity);
            }
            lap("kv_cache");
            AttentionObserver observer = trace == null ? AttentionObserver.NONE : trace.layer(l, mask, heads);
            attention.attend(t, keys, heads, config.headDim(), config.attentionScale(l),
                    qkv, 0, t, keyCache[l], 0, capacity, valueCache[l], 0, capacity,
                    additive, context, 0, t, observer);
            if (trace != null && trace.wants(TraceItem.PROJECTIONS)) {
                recordProjections(trace, l, qkv, context, t);
            }
            lap("attention");
            block.attnProj().forward(context, t, out, null, scratch);
            lap("attn_c_proj");
            Blas.read(out, 0, projected, 0, h * t);
            Ops.addInPlace(x, projected, h * t);                        // residual
            block.ln2().applyColumns(x, t, normed);
            Blas.write(normed, 0, normedOff, 0, h * t);
            lap("ln_2");
            block.cFc().forward(normedOff, t, ffn, config.activation(), scratch);   // [I, T]
            lap("c_fc_gelu");
            block.mlpProj().forward(ffn, t, out, null, scratch);
            lap("mlp_c_proj");
            Blas.read(out, 0, projected, 0, h * t);
            Ops.addInPlace(x, projected, h * t);                        // residual
            if (trace != null && l < weights.blocks.size() - 1) {
                trace.hiddenColumns(l + 1, x, h);
            }
            lap("residual");
        }
        weights.lnF.applyColumns(x, t, x);
        if (trace != null) {
            trace.hiddenColumns(weights.blocks.size(), x, h);           // HF: the last hidden state is after ln_f
        }
        lap("ln_f");
        length = keys;
        return x;
    }

    /** Records each token's wte and wpe rows and their sum (hidden state 0), token-major [T, H]. */
    private void recordEmbeddings(int[] ids, int past, TraceBuilder trace) {
        int h = config.nEmbd();
        int t = ids.length;
        float[] token = new float[t * h];
        float[] position = new float[t * h];
        float[] sum = new float[t * h];
        for (int i = 0; i < t; i++) {
            weights.wte.copyRow(ids[i], token, i * h);
            System.arraycopy(weights.wpe, (past + i) * h, position, i * h, h);
            for (int j = 0; j < h; j++) {
                sum[i * h + j] = token[i * h + j] + position[i * h + j];
            }
        }
        trace.embeddings(token, position, null, sum, h);
    }

    /**
     * Copies block {@code l}'s q | k | v [3H, T] (this pass's tokens; the keys and values are the
     * whole attention only when nothing was cached before) and context [H, T] into the trace.
     */
    private void recordProjections(TraceBuilder trace, int l, FloatPointer qkv, FloatPointer context, int t) {
        int h = config.nEmbd();
        float[] qkvT = new float[3 * h * t];
        float[] contextT = new float[h * t];
        Blas.read(qkv, 0, qkvT, 0, 3 * h * t);
        Blas.read(context, 0, contextT, 0, h * t);
        trace.projections(l, qkvT, contextT, config.nHead(), config.headDim());
    }

    /**
     * The logit lens: {@code ln_f} and the LM head on every hidden state [layer + 1][T][H] as HF
     * numbers them, except the last, which HF already gives after {@code ln_f} (so its entry is the
     * model's logits). One layer at a time, so that only one layer's logits exist twice; returns
     * [layer + 1][T][V].
     */
    float[][][] logitLens(float[][][] hidden) {
        requireHead();
        int h = config.nEmbd();
        int v = config.vocabSize();
        int t = hidden[0].length;
        float[][][] out = new float[hidden.length][][];
        float[] rows = new float[t * h];                                         // [T, H]
        float[] logitRows = new float[t * v];                                    // [T, V]
        for (int i = 0; i < hidden.length; i++) {
            for (int r = 0; r < t; r++) {
                System.arraycopy(hidden[i][r], 0, rows, r * h, h);
            }
            if (i < hidden.length - 1) {
                weights.lnF.apply(rows, t, rows);
            }
            weights.lmHead.apply(rows, t, logitRows, scratch);
            out[i] = TraceBuilder.rows(logitRows, t, v);
        }
        return out;
    }

    private void lap(String step) {
        if (clock != null) {
            clock.lap(step);
        }
    }

    /** Logits [V] of the last token (column {@code rows - 1}) of the feature-major {@code hidden[H, rows]} (a reused buffer: copy to keep). */
    float[] lastLogits(float[] hidden, int rows) {
        requireHead();
        int h = config.nEmbd();
        for (int j = 0; j < h; j++) {
            lastRow[j] = hidden[j * rows + rows - 1];
        }
        weights.lmHead.apply(lastRow, 1, logits, scratch);
        lap("lm_head");
        return logits;
    }

    /** Logits [T, V] of every token (column) of the feature-major {@code hidden[H, rows]}. */
    float[] allLogits(float[] hidden, int rows) {
        requireHead();
        float[] tokenRows = Ops.transpose(hidden, config.nEmbd(), rows, new float[rows * config.nEmbd()]);
        float[] out = new float[rows * config.vocabSize()];
        weights.lmHead.apply(tokenRows, rows, out, scratch);
        return out;
    }

    private void requireHead() {
        if (weights.lmHead == null) {
            throw new org.attentionlab.domain.ModelFormatException("This GPT-2 checkpoint has no language-model head"
                    + " (tie_word_embeddings is false and there is no lm_head.weight).",
                    "Load a GPT2LMHeadModel checkpoint.");
        }
    }

    private void ensureRows(int t) {
        int h = config.nEmbd();
        if (x.length < t * h) {
            x = new float[t * h];
            normed = new float[t * h];
            projected = new float[t * h];
        }
    }

    /** Reallocates the cache for {@code newCapacity} tokens, keeping what is cached. */
    private void grow(int newCapacity) {
        int layers = config.nLayer();
        int h = config.nEmbd();
        FloatPointer[] k = new FloatPointer[layers];
        FloatPointer[] v = new FloatPointer[layers];
        for (int l = 0; l < layers; l++) {
            k[l] = new FloatPointer((long) h * newCapacity);
            v[l] = new FloatPointer((long) h * newCapacity);
            for (int j = 0; length > 0 && j < h; j++) {             // feature row j keeps its cached columns
                Blas.copy(length, keyCache[l], (long) j * capacity, 1, k[l], (long) j * newCapacity, 1);
                Blas.copy(length, valueCache[l], (long) j * capacity, 1, v[l], (long) j * newCapacity, 1);
            }
        }
        closeCache();
        keyCache = k;
        valueCache = v;
        capacity = newCapacity;
    }

    private void closeCache() {
        Arrays.stream(keyCache).forEach(FloatPointer::close);
        Arrays.stream(valueCache).forEach(FloatPointer::close);
    }

    @Override
    public void close() {
        closeCache();
        keyCache = new FloatPointer[0];
        valueCache = new FloatPointer[0];
        capacity = 0;
        length = 0;
        scratch.close();
    }
}
