package org.attentionlab.ui.kit;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javafx.scene.Parent;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ViewLoader;

/**
 * The base of a lesson (see docs/lesson-kit.md): its id, the model kinds it supports, its texts
 * under the i18n prefix {@code <id>.} ({@code <id>.title}, {@code <id>.description}, ...), and
 * its view, built on first use: the view model, then the controller, then
 * {@code <Controller>.fxml} (and {@code <Controller>.css} if present) loaded from beside the
 * controller class, then {@link LessonViewModel#start()}.
 *
 * <pre>{@code
 * public final class HelloLesson extends LessonBase<HelloViewModel> {
 *     public HelloLesson(LessonContext context) {
 *         super(context, "hello", ModelKind.BERT, ModelKind.GPT2);
 *     }
 *     protected HelloViewModel createViewModel(LessonContext c) { return new HelloViewModel(c); }
 *     protected Object createController(HelloViewModel vm, LessonContext c) { return new HelloView(vm); }
 * }
 * }</pre>
 *
 * @param <VM> the lesson's view model
 */
public abstract class LessonBase<VM extends LessonViewModel> implements Lesson {
    private final LessonContext context;
    private final String id;
    private final Set<ModelKind> kinds;
    private VM viewModel;
    private Object controller;
    private Parent view;
    private String startText;

    /**
     * @param context what the shell gives every lesson
     * @param id      the lesson's id: its registry key, {@code --lesson} argument and i18n prefix
     * @param kinds   the model kinds it works with (the navigator hides it for others)
     */
    protected LessonBase(LessonContext context, String id, ModelKind... kinds) {
        this.context = Objects.requireNonNull(context);
        this.id = Objects.requireNonNull(id);
        if (kinds.length == 0) {
            throw new IllegalArgumentException("lesson " + id + " supports no model kind");
        }
        this.kinds = EnumSet.of(kinds[0], kinds);
    }

    /** Builds the view model (no nodes yet). */
    protected abstract VM createViewModel(LessonContext context);

    /** Builds the FXML controller ({@code <Name>View}) for {@code viewModel}; its class locates the FXML. */
    protected abstract Object createController(VM viewModel, LessonContext context);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public String title() {
        return text("title");
    }

    @Override
    public String description() {
        return text("description");
    }

    @Override
    public boolean supports(ModelKind kind) {
        return kinds.contains(kind);
    }

    /** The kinds this lesson supports. */
    public Set<ModelKind> kinds() {
        return Set.copyOf(kinds);
    }

    @Override
    public final Parent view() {
        if (view == null) {
            viewModel = createViewModel(context);
            controller = createController(viewModel, context);
            view = ViewLoader.loadBeside(controller, Messages.bundleFor(id));
            if (startText != null) {
                viewModel.startWith(startText);
            }
            viewModel.start();
        }
        return view;
    }

    @Override
    public void startWith(String text) {
        startText = text;
        if (viewModel != null) {
            viewModel.startWith(text);
        }
    }

    /** The lesson's state (builds the view on first use). */
    public VM viewModel() {
        view();
        return viewModel;
    }

    /** The lesson's FXML controller (builds the view on first use). */
    public Object controller() {
        view();
        return controller;
    }

    /** What the shell gave this lesson. */
    protected LessonContext context() {
        return context;
    }

    /**
     * Opt-in: {@code property} starts with the value it had when the app last closed (e.g. the
     * last text typed in this lesson), and every change is remembered under {@code <id>.<key>}
     * in the user's settings. Call it from {@link #createViewModel} before returning; a
     * {@code --text} given on the command line still wins.
     */
    protected final void remember(String key, javafx.beans.property.StringProperty property) {
        LessonMemory memory = LessonMemory.current();
        String k = id + "." + key;
        memory.get(k).ifPresent(property::set);
        property.addListener((obs, old, now) -> memory.put(k, now));
    }

    /** The lesson's text {@code <id>.<key>}, with {@code args} filled in. */
    protected String text(String key, Object... args) {
        return Messages.get(id + "." + key, args);
    }
}
