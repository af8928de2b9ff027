package org.attentionlab.ui.hello;

import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/** A trivial lesson made with the kit only: type text, see how many tokens the model makes of it. */
public final class HelloLesson extends LessonBase<HelloViewModel> {
    public HelloLesson(LessonContext context) {
        super(context, "hello", ModelKind.BERT, ModelKind.GPT2);
    }

    @Override
    protected HelloViewModel createViewModel(LessonContext context) {
        return new HelloViewModel(context);
    }

    @Override
    protected HelloView createController(HelloViewModel viewModel, LessonContext context) {
        return new HelloView(viewModel);
    }
}
