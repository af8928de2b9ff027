package org.attentionlab.domain;

import java.util.List;

/**
 * One seq2seq decoding, step by step: what the seq2seq lessons and the {@code seq2seq}
 * subcommand show. Row t of every [tgt][...] array belongs to decoder step t, which read
 * {@code decoderInputIds[t]} and produced {@code outputIds[t]}.
 *
 * @param scoreFunction      the model's score function as config.json names it ({@code dot}, {@code bilinear}, {@code mlp})
 * @param teacherForced      true when the decoder was fed a given target, false for greedy decoding
 * @param sourceTokens       source words as the encoder saw them (including the final {@code </s>})
 * @param sourceIds          their ids in the source vocabulary
 * @param outputTokens       target words, one per step
 * @param outputIds          their ids in the target vocabulary
 * @param decoderInputIds    the token each step read: {@code <s>}, then the previous output
 * @param encoderStates      [src][hidden] the top encoder layer's output
 * @param decoderStates      [tgt][hidden] the top decoder layer's state after reading the step's input
 * @param scores             [tgt][src] the scores before the softmax
 * @param alignment          [tgt][src] the attention weights; each row sums to 1
 * @param contexts           [tgt][hidden] the context vectors
 * @param attentionalVectors [tgt][hidden] tanh(W_c [c_t; h_t])
 * @param logits             [tgt][target vocab]
 * @param endedWithEos       true when the last output is {@code </s>}
 */
public record Translation(String scoreFunction, boolean teacherForced,
                          List<String> sourceTokens, int[] sourceIds,
                          List<String> outputTokens, int[] outputIds, int[] decoderInputIds,
                          float[][] encoderStates, float[][] decoderStates,
                          float[][] scores, float[][] alignment, float[][] contexts,
                          float[][] attentionalVectors, float[][] logits, boolean endedWithEos) {
    public Translation {
        sourceTokens = List.copyOf(sourceTokens);
        outputTokens = List.copyOf(outputTokens);
    }

    /** The output words joined by spaces, without the final {@code </s>}. */
    public String outputText() {
        int n = endedWithEos ? outputTokens.size() - 1 : outputTokens.size();
        return String.join(" ", outputTokens.subList(0, n));
    }
}
