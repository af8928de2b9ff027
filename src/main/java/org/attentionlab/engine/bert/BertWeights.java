package org.attentionlab.engine.bert;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.tensor.CheckpointReader;
import org.attentionlab.engine.tensor.LayerNorm;
import org.attentionlab.engine.tensor.Linear;
import org.attentionlab.engine.tensor.Matrix;
import org.attentionlab.io.safetensors.TensorSource;

/**
 * BERT's parameters, named after the HuggingFace checkpoint keys (with the {@code bert.} prefix
 * of {@code BertForMaskedLM} and {@code BertForPreTraining} removed). Immutable; the matrices live off-heap until {@link #close()}.
 * Shapes use H = hidden_size, I = intermediate_size, V = vocab_size, P = max_position_embeddings.
 *
 * <p>The query, key and value projections of a layer are stacked into one {@code [3H, H]} matrix
 * at load (rows of query, then key, then value), so that one product computes all three: one
 * pass over the activations instead of three, and the attention reads its queries, keys and
 * values in place from the one result.
 */
public final class BertWeights implements AutoCloseable {
    /** One encoder layer, {@code encoder.layer.N}. */
    public record Layer(
            Linear qkv,               // attention.self.query | key | value, stacked: [3H, H] + [3H]
            Linear attentionOutput,   // attention.output.dense    [H, H] + [H]
            LayerNorm attentionNorm,  // attention.output.LayerNorm [H]
            Linear intermediate,      // intermediate.dense        [I, H] + [I]
            Linear output,            // output.dense              [H, I] + [H]
            LayerNorm outputNorm) {   // output.LayerNorm          [H]
    }

    /** The masked-language-model head, {@code cls.predictions}. */
    public record MlmHead(
            Linear transform,         // cls.predictions.transform.dense     [H, H] + [H]
            LayerNorm transformNorm,  // cls.predictions.transform.LayerNorm [H]
            Linear decoder) {         // word embeddings [V, H] (tied) + cls.predictions.bias [V]
    }

    /**
     * The next-sentence head of {@code BertForPreTraining}: the pooler ({@code bert.pooler.dense},
     * tanh) on the [CLS] state, then {@code cls.seq_relationship} (logits [is_next, not_next]).
     */
    public record NspHead(
            Linear pooler,            // pooler.dense              [H, H] + [H]
            Linear classifier) {      // cls.seq_relationship      [2, H] + [2]
    }

    public final Matrix wordEmbeddings;       // embeddings.word_embeddings       [V, H] (off-heap: also the tied decoder)
    public final float[] positionEmbeddings;  // embeddings.position_embeddings   [P, H]
    public final float[] tokenTypeEmbeddings; // embeddings.token_type_embeddings [types, H]
    public final LayerNorm embeddingNorm;     // embeddings.LayerNorm             [H]
    public final List<Layer> layers;
    public final MlmHead mlmHead;             // null for a BertModel checkpoint
    public final NspHead nspHead;             // null unless the checkpoint is a BertForPreTraining
    public final String prefix;               // "bert." or ""
    public final long parameterCount;

    private BertWeights(Matrix wordEmbeddings, float[] positionEmbeddings, float[] tokenTypeEmbeddings,
                        LayerNorm embeddingNorm, List<Layer> layers, MlmHead mlmHead, NspHead nspHead, String prefix,
                        long parameterCount) {
        this.wordEmbeddings = wordEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.tokenTypeEmbeddings = tokenTypeEmbeddings;
        this.embeddingNorm = embeddingNorm;
        this.layers = List.copyOf(layers);
        this.mlmHead = mlmHead;
        this.nspHead = nspHead;
        this.prefix = prefix;
        this.parameterCount = parameterCount;
    }

    /**
     * Reads and checks every tensor {@code config} implies. The {@code bert.} prefix is detected;
     * the MLM head is read when the checkpoint has {@code cls.predictions.transform.dense.weight},
     * the next-sentence head when it has both {@code pooler.dense.weight} and
     * {@code cls.seq_relationship.weight} ({@code BertForPreTraining}).
     */
    public static BertWeights load(TensorSource source, BertConfig config) {
        String prefix = CheckpointReader.detectPrefix(source, "embeddings.word_embeddings.weight", "bert.", "");
        if (prefix == null) {
            throw new ModelFormatException("The checkpoint has no BERT word embeddings (neither 'bert.embeddings.word_embeddings.weight'"
                    + " nor 'embeddings.word_embeddings.weight').",
                    "Choose a BertModel or BertForMaskedLM checkpoint, or check that config.json's model_type is right.");
        }
        CheckpointReader r = new CheckpointReader(source, prefix, "BERT");
        int h = config.hiddenSize();
        int inter = config.intermediateSize();
        float eps = config.layerNormEps();
        Matrix word = r.matrix("embeddings.word_embeddings.weight", config.vocabSize(), h);
        List<AutoCloseable> opened = new ArrayList<>(List.of(word));
        try {
            float[] pos = r.array("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
            float[] types = r.array("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
            LayerNorm embNorm = LayerNorm.read(r, "embeddings.LayerNorm", h, eps);
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < config.numHiddenLayers(); i++) {
                String k = "encoder.layer." + i + ".";
                Layer layer = new Layer(
                        track(opened, stackedQkv(r, k + "attention.self.", h)),
                        track(opened, r.linear(k + "attention.output.dense", h, h)),
                        LayerNorm.read(r, k + "attention.output.LayerNorm", h, eps),
                        track(opened, r.linear(k + "intermediate.dense", h, inter)),
                        track(opened, r.linear(k + "output.dense", inter, h)),
                        LayerNorm.read(r, k + "output.LayerNorm", h, eps));
                layers.add(layer);
            }
            MlmHead head = null;
            if (r.hasUnprefixed("cls.predictions.transform.dense.weight")) {
                head = readHead(r, config, word, opened);
            }
            NspHead nsp = null;
            if (r.has("pooler.dense.weight") && r.hasUnprefixed("cls.seq_relationship.weight")) {
                Linear pooler = track(opened, r.linear("pooler.dense", h, h));
                Linear classifier = track(opened, new Linear(r.matrixUnprefixed("cls.seq_relationship.weight", 2, h),
                        r.arrayUnprefixed("cls.seq_relationship.bias", 2), Linear.Layout.OUT_IN));
                nsp = new NspHead(pooler, classifier);
            }
            return new BertWeights(word, pos, types, embNorm, layers, head, nsp, prefix, r.parameterCount());
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** query, key and value of one layer as one linear layer: weights [3H, H] and bias [3H], in that order. */
    private static Linear stackedQkv(CheckpointReader r, String prefix, int h) {
        float[] weight = new float[3 * h * h];
        float[] bias = new float[3 * h];
        String[] parts = {"query", "key", "value"};
        for (int i = 0; i < 3; i++) {
            System.arraycopy(r.array(prefix + parts[i] + ".weight", h, h), 0, weight, i * h * h, h * h);
            System.arraycopy(r.array(prefix + parts[i] + ".bias", h), 0, bias, i * h, h);
        }
        return new Linear(Matrix.of(weight, 3 * h, h), bias, Linear.Layout.OUT_IN);
    }

    private static MlmHead readHead(CheckpointReader r, BertConfig config, Matrix word, List<AutoCloseable> opened) {
        int h = config.hiddenSize();
        int v = config.vocabSize();
        Linear transform = track(opened, new Linear(
                r.matrixUnprefixed("cls.predictions.transform.dense.weight", h, h),
                r.arrayUnprefixed("cls.predictions.transform.dense.bias", h), Linear.Layout.OUT_IN));
        LayerNorm norm = LayerNorm.readUnprefixed(r, "cls.predictions.transform.LayerNorm", h, config.layerNormEps());
        // HF ties decoder.bias to cls.predictions.bias and saves only the latter; older files have both
        String biasKey = r.hasUnprefixed("cls.predictions.bias") ? "cls.predictions.bias" : "cls.predictions.decoder.bias";
        float[] bias = r.arrayUnprefixed(biasKey, v);
        Matrix decoderWeight = word; // tied: HF uses the word embeddings whatever decoder.weight holds
        if (!config.tieWordEmbeddings()) {
            decoderWeight = track(opened, r.matrixUnprefixed("cls.predictions.decoder.weight", v, h));
        }
        return new MlmHead(transform, norm, new Linear(decoderWeight, bias, Linear.Layout.OUT_IN));
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T t) {
        opened.add(t);
        return t;
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // releasing native memory after a failed load; the load error is what matters
            }
        }
    }

    @Override
    public void close() {
        wordEmbeddings.close();
        for (Layer l : layers) {
            l.qkv().close();
            l.attentionOutput().close();
            l.intermediate().close();
            l.output().close();
        }
        if (mlmHead != null) {
            mlmHead.transform().close();
            mlmHead.decoder().close(); // the word embeddings when tied; closing twice is harmless
        }
        if (nspHead != null) {
            nspHead.pooler().close();
            nspHead.classifier().close();
        }
    }
}
