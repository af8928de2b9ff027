package org.attentionlab.ui.explorer;

import javafx.scene.Parent;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.LessonContext;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ViewLoader;

/** The Attention Explorer: type a sentence and see what every head attends to. */
public final class AttentionExplorerLesson implements Lesson {
    private final LessonContext context;
    private AttentionExplorerViewModel viewModel;
    private AttentionExplorerView controller;
    private Parent view;
    private String startText;

    public AttentionExplorerLesson(LessonContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "explorer";
    }

    @Override
    public String title() {
        return Messages.get("lesson.explorer.title");
    }

    @Override
    public String description() {
        return Messages.get("lesson.explorer.description");
    }

    @Override
    public boolean supports(ModelKind kind) {
        return kind == ModelKind.BERT || kind == ModelKind.GPT2;
    }

    @Override
    public void startWith(String text) {
        startText = text;
        if (viewModel != null) {
            viewModel.textAProperty().set(text);
        }
    }

    @Override
    public Parent view() {
        if (view == null) {
            viewModel = new AttentionExplorerViewModel(context);
            controller = new AttentionExplorerView(viewModel, context.files(), context.errors());
            view = ViewLoader.load("AttentionExplorerView", controller);
            if (startText != null) {
                viewModel.textAProperty().set(startText);
            }
            viewModel.start();
        }
        return view;
    }

    /** The lesson's state (built with its view). */
    public AttentionExplorerViewModel viewModel() {
        view();
        return viewModel;
    }

    /** The lesson's controller (built with its view). */
    public AttentionExplorerView controller() {
        view();
        return controller;
    }
}
