package org.attentionlab.engine.bert;

import com.fasterxml.jackson.databind.JsonNode;
import org.attentionlab.domain.ModelFormatException;
import org.attentionlab.engine.ConfigJson;
import org.attentionlab.engine.tensor.Activation;

/**
 * A BERT model's config.json, with HuggingFace {@code BertConfig}'s defaults for absent keys.
 *
 * @param vocabSize             {@code vocab_size}
 * @param hiddenSize            {@code hidden_size}
 * @param numHiddenLayers       {@code num_hidden_layers}
 * @param numAttentionHeads     {@code num_attention_heads}
 * @param intermediateSize      {@code intermediate_size}
 * @param hiddenAct             {@code hidden_act}
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param typeVocabSize         {@code type_vocab_size}
 * @param layerNormEps          {@code layer_norm_eps}
 * @param padTokenId            {@code pad_token_id}
 * @param tieWordEmbeddings     {@code tie_word_embeddings}: the MLM decoder is the word embedding matrix
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
                         int intermediateSize, Activation hiddenAct, int maxPositionEmbeddings, int typeVocabSize,
                         float layerNormEps, int padTokenId, boolean tieWordEmbeddings) {

    public BertConfig {
        if (hiddenSize % numAttentionHeads != 0) {
            throw new ModelFormatException("config.json has hidden_size " + hiddenSize + ", which is not a multiple of num_attention_heads "
                    + numAttentionHeads + ".", "Use the config.json saved with the model.");
        }
        ConfigJson.requireArrayFits("word embeddings (vocab_size x hidden_size)", vocabSize, hiddenSize);
        ConfigJson.requireArrayFits("position embeddings (max_position_embeddings x hidden_size)", maxPositionEmbeddings, hiddenSize);
        ConfigJson.requireArrayFits("a query, key and value weight (3 x hidden_size x hidden_size)", 3L * hiddenSize, hiddenSize);
        ConfigJson.requireArrayFits("an MLP weight (hidden_size x intermediate_size)", hiddenSize, intermediateSize);
        ConfigJson.requireArrayFits("MLP activations (max_position_embeddings x intermediate_size)", maxPositionEmbeddings, intermediateSize);
        ConfigJson.requireArrayFits("attention weights (num_attention_heads x max_position_embeddings^2)",
                numAttentionHeads, maxPositionEmbeddings, maxPositionEmbeddings);
        ConfigJson.requireArrayFits("logits (max_position_embeddings x vocab_size)", maxPositionEmbeddings, vocabSize);
    }

    /** Reads the keys HuggingFace's BertConfig defines. */
    public static BertConfig from(JsonNode json) {
        ConfigJson c = new ConfigJson(json);
        String positions = c.text("position_embedding_type", "absolute");
        if (!positions.equals("absolute")) {
            throw new ModelFormatException("config.json sets position_embedding_type to \"" + positions
                    + "\"; Attention Lab implements only BERT's absolute position embeddings.",
                    "Use a BERT model with position_embedding_type \"absolute\".");
        }
        return new BertConfig(
                c.positiveInt("vocab_size", 30522),
                c.positiveInt("hidden_size", 768),
                c.positiveInt("num_hidden_layers", 12),
                c.positiveInt("num_attention_heads", 12),
                c.positiveInt("intermediate_size", 3072),
                Activation.fromConfig(c.text("hidden_act", "gelu"), "hidden_act"),
                c.positiveInt("max_position_embeddings", 512),
                c.positiveInt("type_vocab_size", 2),
                (float) c.positiveDouble("layer_norm_eps", 1e-12),
                c.intOr("pad_token_id", 0),
                c.bool("tie_word_embeddings", true));
    }

    /** Size of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
