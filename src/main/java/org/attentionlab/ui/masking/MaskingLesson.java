package org.attentionlab.ui.masking;

import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/** The masked-word lesson: BERT's masked-language-model pre-training, step by step (id {@code mask}). */
public final class MaskingLesson extends LessonBase<MaskingViewModel> {
    public MaskingLesson(LessonContext context) {
        super(context, "mask", ModelKind.BERT);
    }

    @Override
    protected MaskingViewModel createViewModel(LessonContext context) {
        return new MaskingViewModel(context);
    }

    @Override
    protected MaskingView createController(MaskingViewModel viewModel, LessonContext context) {
        return new MaskingView(viewModel, context.files(), context.errors());
    }

    /** The lesson's controller, typed (builds the view on first use). */
    public MaskingView maskingView() {
        return (MaskingView) controller();
    }
}
