package org.attentionlab.ui.fewshot;

import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/** The prompt lab: zero-, one- and few-shot prompts side by side, accuracy against the number of examples. */
public final class FewShotLesson extends LessonBase<FewShotViewModel> {
    public FewShotLesson(LessonContext context) {
        super(context, "fewshot", ModelKind.GPT2);
    }

    @Override
    protected FewShotViewModel createViewModel(LessonContext context) {
        return new FewShotViewModel(context);
    }

    @Override
    protected FewShotView createController(FewShotViewModel viewModel, LessonContext context) {
        return new FewShotView(viewModel, context.files(), context.errors());
    }

    @Override
    public FewShotView controller() {
        return (FewShotView) super.controller();
    }
}
