package org.attentionlab.ui.explorer;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.ui.kit.LessonBase;
import org.attentionlab.ui.kit.LessonContext;

/** The Attention Explorer: type a sentence and see what every head attends to. */
public final class AttentionExplorerLesson extends LessonBase<AttentionExplorerViewModel> {
    public AttentionExplorerLesson(LessonContext context) {
        super(context, "explorer", ModelKind.BERT, ModelKind.GPT2);
    }

    @Override
    protected AttentionExplorerViewModel createViewModel(LessonContext context) {
        AttentionExplorerViewModel vm = new AttentionExplorerViewModel(context);
        remember("text", vm.textAProperty());
        // The colour map and scale, through text properties (what the settings keep).
        StringProperty colours = new SimpleStringProperty(vm.colorMapProperty().get().name());
        remember("colourMap", colours);
        ColorMap.all().stream().filter(m -> m.name().equals(colours.get())).findFirst().ifPresent(vm.colorMapProperty()::set);
        vm.colorMapProperty().addListener((obs, old, m) -> colours.set(m == null ? null : m.name()));
        StringProperty fixed = new SimpleStringProperty(Boolean.toString(vm.fixedScaleProperty().get()));
        remember("fixedScale", fixed);
        vm.fixedScaleProperty().set(Boolean.parseBoolean(fixed.get()));
        vm.fixedScaleProperty().addListener((obs, old, on) -> fixed.set(on.toString()));
        return vm;
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
