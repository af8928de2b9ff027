package org.attentionlab.io.tokenizer;

import java.util.List;
import java.util.OptionalInt;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ModelKind;

/**
 * Turns text into the token ids a model reads, and ids back into text, exactly as HuggingFace
 * does for the same vocabulary files.
 *
 * <p>Implementations: {@link WordPieceTokenizer} (BERT) and {@link ByteLevelBpeTokenizer}
 * (GPT-2); {@link Tokenizers#load} picks one for a model folder. Instances are immutable and safe
 * to share between threads.
 *
 * <p>Special tokens typed literally in the text ({@code [MASK]}, {@code <|endoftext|>}) are kept
 * whole and get their special id, but only the tokens {@link #encode} itself adds (BERT's
 * {@code [CLS]} and {@code [SEP]}) are flagged in {@link Encoding#special()}, as in HF's
 * {@code special_tokens_mask}; find a typed mask by comparing ids with {@link #maskId()}.
 */
public interface Tokenizer {

    /** The architecture this tokenizer belongs to ({@link ModelKind#BERT} or {@link ModelKind#GPT2}). */
    ModelKind kind();

    /**
     * Encodes one text with the model's special tokens: BERT gives {@code [CLS] text [SEP]},
     * GPT-2 adds none. Type ids are all 0 and the attention mask all 1. No truncation: compare
     * the length with the model's maximum yourself.
     */
    Encoding encode(String text);

    /**
     * Encodes a sentence pair, BERT style: {@code [CLS] a [SEP] b [SEP]}, type ids 0 up to and
     * including the first {@code [SEP]}, 1 after it.
     *
     * @throws org.attentionlab.domain.InputException if the model has no notion of sentence pairs (GPT-2)
     */
    Encoding encodePair(String a, String b);

    /** The token strings of {@code text} without added special tokens (HF's {@code tokenize}). */
    List<String> tokenize(String text);

    /**
     * Where each token of {@link #encode encode(text)} came from in {@code text}: one span per
     * token, as UTF-16 indices into {@code text} (what {@link String#substring} takes). Tokens
     * {@code encode} adds get an empty span at 0, like HF's {@code offset_mapping}. A token that is
     * part of a character (a byte of an emoji in GPT-2) gets the whole character's span.
     */
    List<TokenSpan> spans(String text);

    /**
     * Turns ids back into text as HF's {@code decode(ids)} does with its default settings: GPT-2
     * gives back the exact text (bytes that are not valid UTF-8 become U+FFFD as in Python's
     * {@code errors="replace"}); BERT joins word pieces with spaces, merges {@code ##}
     * continuations and, unless the model's tokenizer_config.json turns it off, applies HF's
     * clean-up of spaces before punctuation. Special tokens are kept.
     *
     * @throws org.attentionlab.domain.InputException if an id is outside the vocabulary
     */
    String decode(int[] ids);

    /**
     * The token string for {@code id}.
     *
     * @throws org.attentionlab.domain.InputException if {@code id} is outside the vocabulary
     */
    String token(int id);

    /** The id of {@code token} (exact string, e.g. {@code "##ing"} or {@code "Ġworld"}), or -1 if absent. */
    int id(String token);

    /** Number of ids: one more than the largest id in the vocabulary (30522 for bert-base, 50257 for GPT-2). */
    int vocabSize();

    /** Longest input the tokenizer's config declares ({@code model_max_length}), if it declares one. */
    OptionalInt maxLength();

    /** Id of the mask token ({@code [MASK]}); empty for GPT-2. */
    OptionalInt maskId();

    /** Id of the classification token ({@code [CLS]}); empty for GPT-2. */
    OptionalInt clsId();

    /** Id of the separator token ({@code [SEP]}); empty for GPT-2. */
    OptionalInt sepId();

    /** Id of the padding token ({@code [PAD]}); empty for GPT-2, which has none. */
    OptionalInt padId();

    /** Id of the unknown token ({@code [UNK]}; GPT-2's is {@code <|endoftext|>}). */
    OptionalInt unkId();

    /** Id of the beginning-of-sequence token (GPT-2's {@code <|endoftext|>}); empty for BERT. */
    OptionalInt bosId();

    /** Id of the end-of-sequence token (GPT-2's {@code <|endoftext|>}); empty for BERT. */
    OptionalInt eosId();
}
