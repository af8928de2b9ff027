package org.attentionlab.domain.masking;

/**
 * One token of the masked-word lesson's input, with what the lesson shows about it.
 *
 * @param position  index in the encoding
 * @param token     the token string as the tokenizer produced it ({@code "play"}, {@code "##ing"})
 * @param id        vocabulary id
 * @param segment   segment (token type) id: 0 for the first sentence, 1 for the second
 * @param piece     true for a {@code ##} continuation piece
 * @param word      index of the word this token belongs to (pieces share their word's index);
 *                  -1 for special tokens and padding
 * @param wordText  the text of that word as typed ({@code "playing"} for both pieces; the
 *                  unknown word itself for {@code [UNK]}); the token itself for special tokens
 * @param eligible  true when the token may be selected: not [CLS], [SEP], padding, [UNK] or a typed [MASK]
 * @param unknown   true for {@code [UNK]}: the word is not in the vocabulary
 * @param typedMask true for a {@code [MASK]} typed in the text
 */
public record MaskToken(int position, String token, int id, int segment, boolean piece, int word, String wordText,
                        boolean eligible, boolean unknown, boolean typedMask) {
    /** True for [CLS], [SEP] and padding. */
    public boolean special() {
        return word < 0;
    }
}
