package org.attentionlab.engine.gpt2;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.tensor.Blas;
import org.attentionlab.engine.tensor.CheckpointReader;
import org.attentionlab.engine.tensor.LayerNorm;
import org.attentionlab.engine.tensor.Linear;
import org.attentionlab.engine.tensor.Matrix;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * GPT-2's parameters, named after the HuggingFace checkpoint keys (with the {@code transformer.}
 * prefix of {@code GPT2LMHeadModel} removed). Immutable; matrices live off-heap until
 * {@link #close()}. Shapes use H = n_embd, I = n_inner, V = vocab_size, P = n_positions.
 *
 * <p><b>The Conv1D quirk.</b> GPT-2's {@code c_attn}, {@code c_proj} and {@code c_fc} are HF
 * {@code Conv1D} modules, whose weights are stored {@code [in, out]} (transposed compared with
 * {@code nn.Linear}). They are read here, and only here, through
 * {@link CheckpointReader#conv1d}, which keeps the stored layout and marks it
 * {@link Linear.Layout#IN_OUT}; the rest of the engine never sees the difference.
 *
 * <p><b>Layouts for decoding.</b> A one-token step reads every weight once, so its speed is how
 * fast OpenBLAS streams each matrix. Measured here ({@code sgemv}, one thread), a matrix with
 * more outputs than inputs streams faster stored [in, out] (0.25 vs 0.37 ms for c_attn), one
 * with fewer outputs faster stored [out, in] (0.34 vs 0.40 ms for mlp.c_proj), and the LM head
 * most of all: 6.6 ms as [H, V] against 9.5 ms as wte's [V, H]. So {@link #load} stores each
 * matrix the faster way ({@link #decodeLayout}), and the tied LM head is a transposed copy of
 * {@code wte} (154 MB more memory for GPT-2 124M; {@code wte} itself stays [V, H] for the
 * embedding lookup).
 */
public final class Gpt2Weights implements AutoCloseable {
    /** One block, {@code h.N}. */
    public record Block(
            LayerNorm ln1,      // ln_1              [H]
            Linear cAttn,       // attn.c_attn       [H, 3H] (Conv1D) + [3H]; output columns q | k | v
            Linear attnProj,    // attn.c_proj       [H, H]  (Conv1D) + [H]
            LayerNorm ln2,      // ln_2              [H]
            Linear cFc,         // mlp.c_fc          [H, I]  (Conv1D) + [I]
            Linear mlpProj) {   // mlp.c_proj        stored [H, I] (transposed at load) + [H]
    }

    public final Matrix wte;          // wte.weight [V, H] (off-heap: also the tied LM head)
    public final float[] wpe;         // wpe.weight [P, H]
    public final List<Block> blocks;
    public final LayerNorm lnF;       // ln_f [H]
    public final Linear lmHead;       // stored [H, V], no bias: wte (or lm_head.weight) transposed; null when absent
    public final String prefix;       // "transformer." or ""
    public final long parameterCount;

    private Gpt2Weights(Matrix wte, float[] wpe, List<Block> blocks, LayerNorm lnF, Linear lmHead, String prefix,
                        long parameterCount) {
        this.wte = wte;
        this.wpe = wpe;
        this.blocks = List.copyOf(blocks);
        this.lnF = lnF;
        this.lmHead = lmHead;
        this.prefix = prefix;
        this.parameterCount = parameterCount;
    }

    /** Reads and checks every tensor {@code config} implies; the {@code transformer.} prefix is detected. */
    public static Gpt2Weights load(TensorSource source, Gpt2Config config) {
        String prefix = CheckpointReader.detectPrefix(source, "wte.weight", "transformer.", "");
        if (prefix == null) {
            throw new ModelFormatException("The checkpoint has no GPT-2 token embeddings (neither 'transformer.wte.weight'"
                    + " nor 'wte.weight').",
                    "Choose a GPT2Model or GPT2LMHeadModel checkpoint, or check that config.json's model_type is right.");
        }
        CheckpointReader r = new CheckpointReader(source, prefix, "GPT-2");
        int h = config.nEmbd();
        int inner = config.nInner();
        float eps = config.layerNormEpsilon();
        Matrix wte = r.matrix("wte.weight", config.vocabSize(), h);
        List<AutoCloseable> opened = new ArrayList<>(List.of(wte));
        try {
            float[] wpe = r.array("wpe.weight", config.nPositions(), h);
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < config.nLayer(); i++) {
                String k = "h." + i + ".";
                blocks.add(new Block(
                        LayerNorm.read(r, k + "ln_1", h, eps),
                        track(opened, decodeLayout(r.conv1d(k + "attn.c_attn", h, 3 * h))),
                        track(opened, decodeLayout(r.conv1d(k + "attn.c_proj", h, h))),
                        LayerNorm.read(r, k + "ln_2", h, eps),
                        track(opened, decodeLayout(r.conv1d(k + "mlp.c_fc", h, inner))),
                        track(opened, decodeLayout(r.conv1d(k + "mlp.c_proj", inner, h)))));
            }
            LayerNorm lnF = LayerNorm.read(r, "ln_f", h, eps);
            Linear head = null;
            if (config.tieWordEmbeddings()) {
                head = track(opened, new Linear(wte.transposed(), null, Linear.Layout.IN_OUT));
            } else if (r.hasUnprefixed("lm_head.weight")) {
                head = track(opened, decodeLayout(new Linear(r.matrixUnprefixed("lm_head.weight", config.vocabSize(), h),
                        null, Linear.Layout.OUT_IN)));
            }
            return new Gpt2Weights(wte, wpe, blocks, lnF, head, prefix, r.parameterCount());
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // releasing native memory after a failed load; the load error is what matters
                }
            }
            throw e;
        }
    }

    /** {@code linear} stored the way a one-row product reads fastest: [in, out] unless it narrows. */
    static Linear decodeLayout(Linear linear) {
        boolean narrows = linear.outFeatures() < linear.inFeatures();
        return linear.withLayout(narrows ? Linear.Layout.OUT_IN : Linear.Layout.IN_OUT);
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T t) {
        opened.add(t);
        return t;
    }

    /**
     * A 64-bit FNV-1a hash of every parameter's float bits as held now, in a fixed order
     * (wte, wpe, each block's tensors, ln_f, the LM head). Equal before and after a run means
     * the run changed no weight.
     */
    public long checksum() {
        ParameterHash hash = new ParameterHash();
        hash.add(wte);
        hash.add(wpe);
        for (Block b : blocks) {
            hash.add(b.ln1());
            hash.add(b.cAttn());
            hash.add(b.attnProj());
            hash.add(b.ln2());
            hash.add(b.cFc());
            hash.add(b.mlpProj());
        }
        hash.add(lnF);
        if (lmHead != null) {
            hash.add(lmHead);
        }
        return hash.value();
    }

    /** FNV-1a over 32-bit words, reading off-heap matrices through a heap window. */
    private static final class ParameterHash {
        private static final long PRIME = 0x100000001b3L;
        private long h = 0xcbf29ce484222325L;
        private final float[] window = new float[1 << 16];

        void add(float[] values) {
            if (values == null) {
                return;
            }
            for (float v : values) {
                h = (h ^ Float.floatToRawIntBits(v)) * PRIME;
            }
        }

        void add(Matrix m) {
            long n = m.size();
            for (long done = 0; done < n; done += window.length) {
                int len = (int) Math.min(window.length, n - done);
                Blas.read(m.data(), done, window, 0, len);
                for (int i = 0; i < len; i++) {
                    h = (h ^ Float.floatToRawIntBits(window[i])) * PRIME;
                }
            }
        }

        void add(LayerNorm ln) {
            add(ln.weight());
            add(ln.bias());
        }

        void add(Linear linear) {
            add(linear.weight());
            add(linear.bias());
        }

        long value() {
            return h;
        }
    }

    @Override
    public void close() {
        wte.close();
        for (Block b : blocks) {
            b.cAttn().close();
            b.attnProj().close();
            b.cFc().close();
            b.mlpProj().close();
        }
        if (lmHead != null) {
            lmHead.close();
        }
    }
}
