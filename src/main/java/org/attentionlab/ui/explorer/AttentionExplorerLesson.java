package org.attentionlab.ui.explorer;

import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/** The Attention Explorer: type a sentence and see what every head attends to. */
public final class AttentionExplorerLesson extends LessonBase<AttentionExplorerViewModel> {
    public AttentionExplorerLesson(LessonContext context) {
        super(context, "explorer", ModelKind.BERT, ModelKind.GPT2);
    }

    @Override
    protected AttentionExplorerViewModel createViewModel(LessonContext context) {
        return new AttentionExplorerViewModel(context);
    }

    @Override
    protected AttentionExplorerView createController(AttentionExplorerViewModel viewModel, LessonContext context) {
        return new AttentionExplorerView(viewModel, context.files(), context.errors());
    }

    @Override
    public AttentionExplorerView controller() {
        return (AttentionExplorerView) super.controller();
    }
}
