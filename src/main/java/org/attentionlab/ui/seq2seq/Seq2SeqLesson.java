package org.attentionlab.ui.seq2seq;

import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/**
 * The seq2seq lab: an RNN encoder-decoder translating with attention, one decoder step at a
 * time; the three score functions side by side; teacher forcing against free running; beam
 * search as a tree; and the bottleneck measured against source length.
 */
public final class Seq2SeqLesson extends LessonBase<Seq2SeqViewModel> {
    public Seq2SeqLesson(LessonContext context) {
        super(context, "seq2seq", ModelKind.SEQ2SEQ);
    }

    @Override
    protected Seq2SeqViewModel createViewModel(LessonContext context) {
        return new Seq2SeqViewModel(context);
    }

    @Override
    protected Seq2SeqView createController(Seq2SeqViewModel viewModel, LessonContext context) {
        return new Seq2SeqView(viewModel, context);
    }
}
