package org.attentionlab.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.Generation;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.InputException;
import org.attentionlab.domain.MaskPrediction;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.CausalDecoder;
import org.attentionlab.engine.TokenListener;
import org.attentionlab.io.tokenizer.Tokenizer;
import org.attentionlab.io.tokenizer.TokenSpan;

/**
 * A loaded BERT or GPT-2 model with its tokenizer: what the transformer lessons run text through.
 * Not thread-safe: the app calls it from its one inference thread.
 *
 * <p>Abilities only some models have (mask prediction, generation) have defaults that explain
 * that this model cannot do it.
 */
public non-sealed interface TransformerSession extends ModelSession {

    /** Tokenizes with the model's special tokens. */
    Encoding encode(String text);

    /** Tokenizes a sentence pair (BERT); throws InputException for models without segments. */
    Encoding encodePair(String first, String second);

    /** Runs a forward pass recording {@code items}. */
    ForwardTrace run(Encoding input, Set<TraceItem> items);

    /**
     * Runs a forward pass recording {@code items}; the logits are needed only at token positions
     * {@code logitRows}, so a model may leave the other rows null (BERT does: its MLM head is the
     * largest matrix). Rows asked for are always there.
     */
    default ForwardTrace run(Encoding input, Set<TraceItem> items, int[] logitRows) {
        return run(input, items);
    }

    /** Text of token ids, exactly as the tokenizer decodes it. */
    String decode(int[] ids);

    /** The token string of one id. */
    String token(int id);

    /** True when {@link #nextSentence} works (a BERT checkpoint with its next-sentence head, BertForPreTraining). */
    default boolean canPredictNextSentence() {
        return false;
    }

    /**
     * For a pair from {@link #encodePair}, the probabilities {@code [is_next, not_next]} that the
     * second sentence follows the first.
     */
    default float[] nextSentence(Encoding pair) {
        throw new InputException(info().name() + " cannot tell whether a sentence follows another.",
                "Choose a BERT model with its next-sentence head (BertForPreTraining), such as the sample tiny-bert.");
    }

    /** The tokenizer, for lessons that show how text was split and what the vocabulary holds. */
    default Optional<Tokenizer> tokenizer() {
        return Optional.empty();
    }

    /** True when {@link #predictMasks} works (a BERT checkpoint with its MLM head). */
    default boolean canPredictMasks() {
        return false;
    }

    /** The top-{@code k} predictions for every {@code [MASK]} in {@code input}. */
    default List<MaskPrediction> predictMasks(Encoding input, int k) {
        throw new InputException(info().name() + " cannot predict masked words.",
                "Choose a BERT model with its masked-language-model head (BertForMaskedLM).");
    }

    /** True when {@link #generate} works (a GPT-2 checkpoint). */
    default boolean canGenerate() {
        return false;
    }

    /** Continues {@code promptIds}; {@code onToken} is called from the calling thread after each new token. */
    default Generation generate(int[] promptIds, GenerationSettings settings, TokenListener onToken, Cancellation cancel) {
        throw new InputException(info().name() + " cannot generate text.", "Choose a GPT-2 model to generate text.");
    }

    /**
     * A step-by-step decoder with its own KV cache (GPT-2), also for many prompts that share
     * prefixes; it runs on the calling thread, like everything else here. Close it when done.
     */
    default CausalDecoder decoder() {
        throw new InputException(info().name() + " cannot generate text.", "Choose a GPT-2 model to generate text.");
    }

    /** The end-of-text token id, or -1 when the model has none. */
    default int endOfTextId() {
        return -1;
    }

    /**
     * Where each token of {@link #encode encode(text)} came from in {@code text} (UTF-16
     * indices; empty spans for tokens the tokenizer adds).
     */
    default List<TokenSpan> spans(String text) {
        throw new InputException(info().name() + " cannot map its tokens back to the text.", "Choose a BERT or GPT-2 model.");
    }

    /** A checksum of every weight as held in memory now (GPT-2), to show that a run changes none. */
    default long weightsChecksum() {
        throw new InputException(info().name() + " has no weight checksum here.", "Choose a GPT-2 model.");
    }

    /**
     * {@code session} as a transformer session, or an error that says this needs BERT or GPT-2.
     *
     * @throws InputException when {@code session} is a seq2seq model
     */
    static TransformerSession of(ModelSession session) {
        if (session instanceof TransformerSession t) {
            return t;
        }
        throw new InputException(session.info().name() + " is a seq2seq translator, not a BERT or GPT-2 model.",
                "Choose a BERT or GPT-2 model, or use the seq2seq subcommand or lesson for it.");
    }
}
