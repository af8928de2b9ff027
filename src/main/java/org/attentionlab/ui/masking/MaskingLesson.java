package org.attentionlab.ui.masking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.LessonContext;

/** The masked-word lesson: BERT's masked-language-model pre-training, step by step. */
public final class MaskingLesson implements Lesson {
    private final LessonContext context;
    private MaskingViewModel viewModel;
    private MaskingView controller;
    private Parent view;
    private String startText;

    public MaskingLesson(LessonContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "mask";
    }

    @Override
    public String title() {
        return MaskingViewModel.TEXT.get("mask.title");
    }

    @Override
    public String description() {
        return MaskingViewModel.TEXT.get("mask.description");
    }

    @Override
    public boolean supports(ModelKind kind) {
        return kind == ModelKind.BERT;
    }

    @Override
    public void startWith(String text) {
        startText = text;
        if (viewModel != null) {
            viewModel.textProperty().set(text);
        }
    }

    @Override
    public Parent view() {
        if (view == null) {
            viewModel = new MaskingViewModel(context.host(), context.errors(), d -> context.runs().ran(d));
            controller = new MaskingView(viewModel, context.files(), context.errors());
            FXMLLoader loader = new FXMLLoader(MaskingView.class.getResource("MaskingView.fxml"),
                    ResourceBundle.getBundle("i18n.lessons.mask"));
            loader.setControllerFactory(type -> controller);
            try {
                view = loader.load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load MaskingView.fxml", e);
            }
            if (startText != null) {
                viewModel.textProperty().set(startText);
            }
            viewModel.start();
        }
        return view;
    }

    public MaskingViewModel viewModel() {
        view();
        return viewModel;
    }

    public MaskingView controller() {
        view();
        return controller;
    }
}
