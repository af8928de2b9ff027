package org.attentionlab.engine.gpt2;

import java.util.Arrays;
import org.attentionlab.domain.InputException;
import org.attentionlab.engine.InputChecks;
import org.attentionlab.engine.TraceBuilder;
import org.attentionlab.engine.tensor.Attention;
import org.attentionlab.engine.tensor.AttentionMask;
import org.attentionlab.engine.tensor.AttentionObserver;
import org.attentionlab.engine.tensor.Blas;
import org.attentionlab.engine.tensor.Ops;
import org.attentionlab.engine.tensor.Scratch;
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
    private FloatPointer[] keyCache = new FloatPointer[0];    // per layer [capacity, H]
    private FloatPointer[] valueCache = new FloatPointer[0];  // per layer [capacity, H]
    private int capacity;
    private int length;                                       // tokens cached
    // heap work buffers, grown to the largest T seen
    private float[] x = new float[0];        // [T, H] residual stream
    private float[] normed = new float[0];   // [T, H]
    private float[] qkv = new float[0];      // [T, 3H]
    private float[] query = new float[0];    // [T, H]
    private float[] context = new float[0];  // [T, H]
    private float[] projected = new float[0];// [T, H]
    private float[] ffn = new float[0];      // [T, I]
    private final float[] lastRow;           // [H]
    private final float[] logits;            // [V]

    Gpt2Session(Gpt2Config config, Gpt2Weights weights) {
        this.config = config;
        this.weights = weights;
        this.lastRow = new float[config.nEmbd()];
        this.logits = new float[config.vocabSize()];
    }

    /** Tokens in the KV cache. */
    public int length() {
        return length;
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

    /** Prepares an empty cache for at least {@code tokens} tokens (allocating only when it grows). */
    void reset(int tokens) {
        length = 0;
        if (tokens > capacity) {
            grow(tokens);
        }
    }

    /**
     * Runs {@code ids} at positions {@code length .. length + T - 1} through every block, caching
     * their keys and values; returns the final hidden states after ln_f, [T, H] (a reused buffer).
     *
     * @param keyPadding 1/0 per key position (length + T entries), or null when nothing is padded
     * @param trace      where to record attention, masks and hidden states; null records nothing
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

        for (int i = 0; i < t; i++) {                                   // x = wte[id] + wpe[pos]   [T, H]
            weights.wte.copyRow(ids[i], x, i * h);
            int pos = (past + i) * h;
            for (int j = 0; j < h; j++) {
                x[i * h + j] += weights.wpe[pos + j];
            }
        }
        if (trace != null) {
            trace.hidden(0, x, h);
        }
        // a single new token with nothing padded sees every cached key: no mask to add
        AttentionMask mask = t == 1 && keyPadding == null && trace == null ? null
                : AttentionMask.of(t, past, true, keyPadding);
        float[] additive = mask != null && mask.hidesAnything() ? mask.additive() : null;   // [T * S]

        for (int l = 0; l < weights.blocks.size(); l++) {
            Gpt2Weights.Block block = weights.blocks.get(l);
            block.ln1().apply(x, t, normed);
            block.cAttn().apply(normed, t, qkv, scratch);               // [T, 3H] = q | k | v
            for (int i = 0; i < t; i++) {
                System.arraycopy(qkv, i * 3 * h, query, i * h, h);
                Blas.write(qkv, i * 3 * h + h, keyCache[l], (long) (past + i) * h, h);
                Blas.write(qkv, i * 3 * h + 2 * h, valueCache[l], (long) (past + i) * h, h);
            }
            AttentionObserver observer = trace == null ? AttentionObserver.NONE : trace.layer(l, mask, heads);
            attention.attend(query, t, keyCache[l], valueCache[l], keys, heads, config.headDim(),
                    config.attentionScale(l), additive, context, observer);
            block.attnProj().apply(context, t, projected, scratch);
            Ops.addInPlace(x, projected, t * h);                        // residual
            block.ln2().apply(x, t, normed);
            block.cFc().apply(normed, t, ffn, scratch);                 // [T, I]
            config.activation().applyInPlace(ffn, t * inner);
            block.mlpProj().apply(ffn, t, projected, scratch);
            Ops.addInPlace(x, projected, t * h);                        // residual
            if (trace != null && l < weights.blocks.size() - 1) {
                trace.hidden(l + 1, x, h);
            }
        }
        weights.lnF.apply(x, t, x);
        if (trace != null) {
            trace.hidden(weights.blocks.size(), x, h);                  // HF: the last hidden state is after ln_f
        }
        length = keys;
        return x;
    }

    /** Logits [V] of row {@code rows - 1} of {@code hidden} (a reused buffer: copy to keep). */
    float[] lastLogits(float[] hidden, int rows) {
        requireHead();
        int h = config.nEmbd();
        System.arraycopy(hidden, (rows - 1) * h, lastRow, 0, h);
        weights.lmHead.apply(lastRow, 1, logits, scratch);
        return logits;
    }

    /** Logits [T, V] of every row of {@code hidden}. */
    float[] allLogits(float[] hidden, int rows) {
        requireHead();
        float[] out = new float[rows * config.vocabSize()];
        weights.lmHead.apply(hidden, rows, out, scratch);
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
            qkv = new float[t * 3 * h];
            query = new float[t * h];
            context = new float[t * h];
            projected = new float[t * h];
            ffn = new float[t * config.nInner()];
        }
    }

    /** Reallocates the cache for {@code newCapacity} tokens, keeping what is cached. */
    private void grow(int newCapacity) {
        int layers = config.nLayer();
        long rowFloats = config.nEmbd();
        FloatPointer[] k = new FloatPointer[layers];
        FloatPointer[] v = new FloatPointer[layers];
        for (int l = 0; l < layers; l++) {
            k[l] = new FloatPointer(newCapacity * rowFloats);
            v[l] = new FloatPointer(newCapacity * rowFloats);
            if (length > 0) {
                FloatPointer.memcpy(k[l], keyCache[l], length * rowFloats * Float.BYTES);
                FloatPointer.memcpy(v[l], valueCache[l], length * rowFloats * Float.BYTES);
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
