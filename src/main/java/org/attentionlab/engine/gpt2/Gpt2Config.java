package org.attentionlab.engine.gpt2;

import com.fasterxml.jackson.databind.JsonNode;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.ConfigJson;
import org.attentionlab.engine.tensor.Activation;

/**
 * A GPT-2 model's config.json, with HuggingFace {@code GPT2Config}'s defaults for absent keys.
 *
 * @param vocabSize                   {@code vocab_size}
 * @param nPositions                  {@code n_positions}: the longest sequence
 * @param nEmbd                       {@code n_embd}: hidden size
 * @param nLayer                      {@code n_layer}
 * @param nHead                       {@code n_head}
 * @param nInner                      {@code n_inner}, 4 * n_embd when null
 * @param activation                  {@code activation_function}
 * @param layerNormEpsilon            {@code layer_norm_epsilon}
 * @param scaleAttnWeights            {@code scale_attn_weights}: divide scores by sqrt(head_dim)
 * @param scaleAttnByInverseLayerIdx  {@code scale_attn_by_inverse_layer_idx}: also divide by layer + 1
 * @param eosTokenId                  {@code eos_token_id}, -1 when absent or outside the vocabulary
 * @param tieWordEmbeddings           {@code tie_word_embeddings}: the LM head is wte
 */
public record Gpt2Config(int vocabSize, int nPositions, int nEmbd, int nLayer, int nHead, int nInner,
                         Activation activation, float layerNormEpsilon, boolean scaleAttnWeights,
                         boolean scaleAttnByInverseLayerIdx, int eosTokenId, boolean tieWordEmbeddings) {

    public Gpt2Config {
        if (nEmbd % nHead != 0) {
            throw new ModelFormatException("config.json has n_embd " + nEmbd + ", which is not a multiple of n_head " + nHead + ".",
                    "Use the config.json saved with the model.");
        }
        ConfigJson.requireArrayFits("token embeddings (vocab_size x n_embd)", vocabSize, nEmbd);
        ConfigJson.requireArrayFits("position embeddings (n_positions x n_embd)", nPositions, nEmbd);
        ConfigJson.requireArrayFits("the c_attn weight (n_embd x 3 n_embd)", nEmbd, 3L * nEmbd);
        ConfigJson.requireArrayFits("an MLP weight (n_embd x n_inner)", nEmbd, nInner);
        ConfigJson.requireArrayFits("MLP activations (n_positions x n_inner)", nPositions, nInner);
        ConfigJson.requireArrayFits("attention weights (n_head x n_positions^2)", nHead, nPositions, nPositions);
        ConfigJson.requireArrayFits("logits (n_positions x vocab_size)", nPositions, vocabSize);
    }

    /** Reads the keys HuggingFace's GPT2Config defines. */
    public static Gpt2Config from(JsonNode json) {
        ConfigJson c = new ConfigJson(json);
        int vocab = c.positiveInt("vocab_size", 50257);
        int embd = c.positiveInt("n_embd", 768);
        if (c.bool("add_cross_attention", false)) {
            throw new ModelFormatException("config.json sets add_cross_attention: this GPT-2 is the decoder of an"
                    + " encoder-decoder model, which Attention Lab does not run.", "Use a plain GPT-2 language model.");
        }
        int eos = c.intOr("eos_token_id", 50256);
        return new Gpt2Config(vocab,
                c.positiveInt("n_positions", 1024),
                embd,
                c.positiveInt("n_layer", 12),
                c.positiveInt("n_head", 12),
                c.positiveInt("n_inner", (int) Math.min(Integer.MAX_VALUE, 4L * embd)),
                Activation.fromConfig(c.text("activation_function", "gelu_new"), "activation_function"),
                (float) c.positiveDouble("layer_norm_epsilon", 1e-5),
                c.bool("scale_attn_weights", true),
                c.bool("scale_attn_by_inverse_layer_idx", false),
                eos >= 0 && eos < vocab ? eos : -1,
                c.bool("tie_word_embeddings", true));
    }

    public int headDim() {
        return nEmbd / nHead;
    }

    /** The factor HF multiplies the scores of layer {@code layer} by (a Python double, applied in float). */
    public float attentionScale(int layer) {
        double s = 1.0;
        if (scaleAttnWeights) {
            s = Math.pow(headDim(), -0.5);
        }
        if (scaleAttnByInverseLayerIdx) {
            s /= layer + 1;
        }
        return (float) s;
    }
}
