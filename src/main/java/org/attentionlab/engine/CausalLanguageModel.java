package org.attentionlab.engine;

import java.util.function.BooleanSupplier;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;

/** A left-to-right language model that continues a prompt (GPT-2). */
public interface CausalLanguageModel extends TransformerModel {
    /** The end-of-text token id from config.json, or -1 when it names none inside the vocabulary. */
    int endOfTextId();

    /** Logits [vocab] for the token that would follow {@code ids}. */
    float[] nextTokenLogits(int[] ids);

    /**
     * Continues {@code promptIds} token by token with a KV cache.
     *
     * @param onToken   told about each new token as soon as it is chosen
     * @param cancelled polled before each step; when it returns true, generation stops with
     *                  {@link Generation.StopReason#CANCELLED}
     * @throws org.attentionlab.domain.InputException when the prompt is empty, longer than the
     *         model's positions, or has ids outside the vocabulary
     */
    Generation generate(int[] promptIds, GenerationSettings settings, TokenListener onToken, BooleanSupplier cancelled);

    /**
     * A checksum of every parameter as held in memory now (the bits of each float, in a fixed
     * order), to show that running prompts changes no weight.
     */
    long parameterChecksum();

    /** A new step-by-step decoder with its own KV cache (see {@link CausalDecoder}). */
    CausalDecoder decoder();
}
