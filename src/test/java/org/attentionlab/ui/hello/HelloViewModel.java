package org.attentionlab.ui.hello;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.attentionlab.service.hello.HelloService;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.concurrent.ModelWork;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.kit.LessonViewModel;
import org.attentionlab.ui.kit.RunLoop;

/** The trivial lesson's state: the text, and the tokens of its latest run. */
public final class HelloViewModel implements LessonViewModel {
    private final HelloService service = new HelloService();
    private final StringProperty text = new SimpleStringProperty(this, "text", Messages.get("hello.defaultText"));
    private final ReadOnlyObjectWrapper<HelloService.Tokens> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final RunLoop<HelloService.Tokens> loop;

    HelloViewModel(LessonContext context) {
        loop = new RunLoop<>(context, "hello", this::plan, result::set);
    }

    @Override
    public void start() {
        text.addListener(o -> loop.request());
        loop.followModel();
    }

    @Override
    public void startWith(String t) {
        text.set(t);
    }

    private ModelWork<HelloService.Tokens> plan() {
        String t = text.get();
        if (t == null || t.isBlank()) {
            loop.showProblem(Messages.get("hello.typeSomething"));
            return null;
        }
        return (session, cancel, progress) -> service.tokenize(session, t);
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<HelloService.Tokens> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return loop.problemProperty();
    }

    public boolean isIdle() {
        return loop.isIdle();
    }
}
