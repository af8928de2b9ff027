package org.attentionlab.service.seq2seq;

import org.attentionlab.domain.Translation;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Seq2SeqSession;

/**
 * The seq2seq use-case: a source sentence in, a {@link Translation} out (every decoder step's
 * scores, weights and context vectors). Greedy decoding, or teacher forcing when a target is
 * given. The {@code seq2seq} subcommand and the seq2seq lesson call it.
 */
public final class Seq2SeqService {
    /**
     * Translates {@code text}.
     *
     * @param model  a seq2seq session ({@link Seq2SeqSession#of} explains any other kind)
     * @param text   the source sentence
     * @param target a target to force the decoder through (teacher forcing), or null for greedy decoding
     * @param maxLen most decoder steps for greedy decoding, or null for the model's max_target_length
     * @throws org.attentionlab.domain.InputException for text without words, too long, or a length limit out of range
     */
    public Translation translate(ModelSession model, String text, String target, Integer maxLen) {
        Seq2SeqSession session = Seq2SeqSession.of(model);
        int[] source = session.encodeSource(text);
        if (target != null) {
            return session.forceDecode(source, session.encodeTarget(target));
        }
        return session.translate(source, maxLen != null ? maxLen : session.maxTargetLength());
    }
}
