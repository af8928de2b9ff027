package org.attentionlab.engine.seq2seq;

import java.util.List;
import org.attentionlab.engine.tensor.FloatMath;

/**
 * Everything one seq2seq decoding computed, step by step, for the attention lessons.
 * Row t of every [tgt][...] array belongs to decoder step t, which read
 * {@code decoderInputIds[t]} and produced {@code outputIds[t]}.
 *
 * @param scoreFunction      the model's score function
 * @param teacherForced      true for {@link Seq2SeqModel#forceDecode}, false for greedy {@link Seq2SeqModel#translate}
 *                           and {@link Seq2SeqModel#decodeWithPrefix}
 * @param forcedSteps        how many first steps emitted a given word rather than their argmax (all of them when
 *                           teacher-forced, the prefix's length after a forced prefix, 0 for greedy)
 * @param sourceTokens       source words as the encoder saw them (including the final {@code </s>})
 * @param sourceIds          their ids in the source vocabulary
 * @param outputTokens       target words, one per step (greedy: the argmax, ending with {@code </s>} when reached;
 *                           forced: the given target)
 * @param outputIds          their ids in the target vocabulary
 * @param decoderInputIds    the token each step read: {@code <s>}, then the previous output
 * @param encoderStates      [src][hidden] h_s, the top encoder layer's output (forward ; backward halves
 *                           when the encoder is bidirectional)
 * @param decoderStates      [tgt][hidden] h_t, the top decoder layer's state after reading the step's input
 * @param scores             [tgt][src] score(h_t, h_s) before the softmax ([tgt][0] without attention)
 * @param alignment          [tgt][src] a_t = softmax(scores[t]); each row sums to 1 ([tgt][0] without attention)
 * @param contexts           [tgt][hidden] c_t = sum_s a_t[s] h_s ([tgt][0] without attention)
 * @param attentionalVectors [tgt][hidden] h~_t = tanh(W_c [c_t; h_t]), what the output layer reads (h_t without attention)
 * @param logits             [tgt][target vocab] W_o h~_t + b_o
 * @param endedWithEos       true when the last output is {@code </s>}
 */
public record Seq2SeqTrace(ScoreFunction scoreFunction, boolean teacherForced, int forcedSteps,
                           List<String> sourceTokens, int[] sourceIds,
                           List<String> outputTokens, int[] outputIds, int[] decoderInputIds,
                           float[][] encoderStates, float[][] decoderStates,
                           float[][] scores, float[][] alignment, float[][] contexts,
                           float[][] attentionalVectors, float[][] logits, boolean endedWithEos) {
    public Seq2SeqTrace {
        sourceTokens = List.copyOf(sourceTokens);
        outputTokens = List.copyOf(outputTokens);
    }

    /** Encoder positions (source words plus {@code </s>}). */
    public int sourceLength() {
        return sourceIds.length;
    }

    /** Decoder steps. */
    public int targetLength() {
        return outputIds.length;
    }

    /** The output words joined by spaces, without the final {@code </s>}. */
    public String outputText() {
        int n = endedWithEos ? outputTokens.size() - 1 : outputTokens.size();
        return String.join(" ", outputTokens.subList(0, n));
    }

    /** Whether the model attends (false for the bottleneck model, whose rows of scores, alignment and contexts are empty). */
    public boolean hasAttention() {
        return scoreFunction.attends();
    }

    /** softmax(logits[t]) (engine/tensor's softmax): the output distribution of step t over the target vocabulary. */
    public double[] probabilities(int step) {
        float[] work = logits[step].clone();
        FloatMath.softmax(work, 0, work.length);
        double[] p = new double[work.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = work[i];
        }
        return p;
    }

    /** One entry of a step's output distribution. */
    public record Ranked(int id, double probability) {
    }

    /** The k most probable words of step t, most probable first (lower id first on ties). */
    public List<Ranked> topK(int step, int k) {
        double[] p = probabilities(step);
        int[] top = Seq2SeqModel.topIndices(p, k);
        Ranked[] out = new Ranked[top.length];
        for (int i = 0; i < top.length; i++) {
            out[i] = new Ranked(top[i], p[top[i]]);
        }
        return List.of(out);
    }

    /** The argmax of each step's logits: what greedy decoding would pick there (first index on ties). */
    public int[] predictedIds() {
        int[] out = new int[logits.length];
        for (int t = 0; t < logits.length; t++) {
            out[t] = Seq2SeqModel.argmax(logits[t]);
        }
        return out;
    }
}
