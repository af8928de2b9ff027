package org.attentionlab.domain;

/**
 * What a loaded model is, for the status bar, the CLI's {@code "model"} object and the lessons.
 *
 * @param name         display name (sample name, folder name or HF cache name)
 * @param kind         architecture
 * @param layers       transformer layers (RNN layers for seq2seq)
 * @param heads        attention heads per layer (1 for seq2seq)
 * @param hidden       hidden size
 * @param vocab        vocabulary size (target vocabulary for seq2seq)
 * @param maxPositions longest input the model accepts, in tokens
 * @param parameters   number of parameters
 * @param source       where it was loaded from (folder path)
 */
public record ModelInfo(String name, ModelKind kind, int layers, int heads, int hidden, int vocab,
                        int maxPositions, long parameters, String source) {
}
