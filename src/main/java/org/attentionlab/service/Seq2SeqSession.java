package org.attentionlab.service;

import org.attentionlab.domain.InputException;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.Translation;
import org.attentionlab.engine.seq2seq.Seq2SeqModel;
import org.attentionlab.engine.seq2seq.Seq2SeqTrace;

/**
 * A loaded seq2seq translator (RNN encoder-decoder with attention): what the seq2seq lessons
 * and the {@code seq2seq} subcommand run. Its results are {@link Translation} records.
 */
public final class Seq2SeqSession implements ModelSession {
    private final Seq2SeqModel model;
    private final ModelInfo info;

    Seq2SeqSession(Seq2SeqModel model, ModelInfo info) {
        this.model = model;
        this.info = info;
    }

    /**
     * {@code session} as a seq2seq session, or an error that says this needs a seq2seq model.
     *
     * @throws InputException when {@code session} is a BERT or GPT-2 model
     */
    public static Seq2SeqSession of(ModelSession session) {
        if (session instanceof Seq2SeqSession s) {
            return s;
        }
        throw new InputException(session.info().name() + " is a " + session.kind().name() + " model, not a seq2seq translator.",
                "Choose one of the seq2seq samples (tiny-seq2seq-...), or a folder with model_type attention-lab-seq2seq.");
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** {@code gru} or {@code lstm}. */
    public String rnnType() {
        return model.config().rnnType().configName();
    }

    /** {@code dot}, {@code bilinear} or {@code mlp}. */
    public String scoreFunction() {
        return model.config().score().configName();
    }

    public int hiddenSize() {
        return model.config().hiddenSize();
    }

    /** The longest output (decoder steps) the model allows. */
    public int maxTargetLength() {
        return model.config().maxTargetLength();
    }

    /** Source ids of {@code text}: its words, then {@code </s>}; explains empty or too long text. */
    public int[] encodeSource(String text) {
        return model.encodeSource(text);
    }

    /** Target ids of {@code text} (words, then {@code </s>}), e.g. a reference translation to force. */
    public int[] encodeTarget(String text) {
        return model.encodeTarget(text);
    }

    /** Greedy decoding of at most {@code maxLen} steps. */
    public Translation translate(int[] sourceIds, int maxLen) {
        return translation(model.translate(sourceIds, maxLen));
    }

    /** Teacher forcing: the decoder reads {@code targetIds} instead of its own outputs. */
    public Translation forceDecode(int[] sourceIds, int[] targetIds) {
        return translation(model.forceDecode(sourceIds, targetIds));
    }

    /** The engine model, for services that need more than the methods above. UI and app never call it. */
    public Seq2SeqModel engine() {
        return model;
    }

    /** The engine's trace as the shared record. */
    public static Translation translation(Seq2SeqTrace t) {
        return new Translation(t.scoreFunction().configName(), t.teacherForced(), t.sourceTokens(), t.sourceIds(),
                t.outputTokens(), t.outputIds(), t.decoderInputIds(), t.encoderStates(), t.decoderStates(), t.scores(),
                t.alignment(), t.contexts(), t.attentionalVectors(), t.logits(), t.endedWithEos());
    }

    /** Nothing to release: the weights are on the Java heap. */
    @Override
    public void close() {
    }
}
