package org.attentionlab.ui.generation;

import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/** The generation lab: GPT-2 writes one token at a time, and the class sees every choice. */
public final class GenerationLesson extends LessonBase<GenerationViewModel> {
    public GenerationLesson(LessonContext context) {
        super(context, "generation", ModelKind.GPT2);
    }

    @Override
    protected GenerationViewModel createViewModel(LessonContext context) {
        return new GenerationViewModel(context);
    }

    @Override
    protected GenerationView createController(GenerationViewModel viewModel, LessonContext context) {
        return new GenerationView(viewModel, context);
    }
}
