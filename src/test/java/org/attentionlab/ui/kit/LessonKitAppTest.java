package org.attentionlab.ui.kit;

import static org.attentionlab.ui.testkit.Fx.fx;
import static org.attentionlab.ui.testkit.Fx.fxRun;
import static org.attentionlab.ui.testkit.Fx.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.attentionlab.app.AttentionLabApp;
import org.attentionlab.app.CatalogModelSource;
import org.attentionlab.app.LessonRegistry;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.hello.HelloLesson;
import org.attentionlab.ui.hello.HelloViewModel;
import org.attentionlab.ui.testkit.HfReference;
import org.attentionlab.ui.testkit.ScriptedFileDialogs;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lesson made of the kit's files only (docs/lesson-kit.md): {@code ui/hello/} (HelloLesson,
 * HelloView, HelloViewModel, HelloView.fxml, HelloView.css), {@code service/hello/HelloService},
 * {@code i18n/lessons/hello.properties}, and one registry entry. The real app shows it in the
 * navigator, runs its service on the loaded model, and routes its input problems.
 */
class LessonKitAppTest extends FxRobot {
    private static final String CAT = "The cat sat on the mat.";
    private AttentionLabApp app;
    @TempDir
    Path tmp;

    @BeforeEach
    void startApp() throws Exception {
        Path hfCache = TestModels.writeHfCache(tmp);
        List<LessonRegistry.Entry> lessons = new ArrayList<>(LessonRegistry.builtIn());
        lessons.add(new LessonRegistry.Entry("hello", HelloLesson::new));
        AttentionLabApp.Config config = new AttentionLabApp.Config(new CatalogModelSource(TestModels.catalog(hfCache)),
                new ScriptedFileDialogs(), true).withLessons(lessons);
        FxToolkit.registerPrimaryStage();
        app = (AttentionLabApp) FxToolkit.setupApplication(() -> new AttentionLabApp(config));
        waitUntil("a model is loaded", () -> app.host().current() != null);
    }

    @AfterEach
    void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void aLessonMadeOfTheKitsFilesShowsInTheAppAndRunsItsService() {
        Lesson hello = app.lesson("hello");
        ListView<Lesson> navigator = lookup("#lessonList").queryAs(ListView.class);
        assertTrue(fx(() -> navigator.getItems().contains(hello)), "the navigator lists it");
        assertEquals("Hello tokens", hello.title(), "its title comes from its own bundle");

        fxRun(() -> app.mainViewModel().showLesson("hello"));
        Label answer = lookup("#helloAnswer").queryAs(Label.class);
        assertTrue(fx(() -> answer.getScene() != null), "its view, loaded from HelloView.fxml beside the class, is shown");
        assertTrue(fx(() -> hello.view().getStylesheets().stream().anyMatch(s -> s.endsWith("HelloView.css"))),
                "its own stylesheet is added");

        clickOn("#helloText");
        push(KeyCode.CONTROL, KeyCode.A);
        write(CAT);
        int tokens = HfReference.bert(CAT, null).tokens().size();
        waitUntil("the answer for the typed text", () -> fx(answer::getText).equals(tokens + " tokens from bert"));

        HelloViewModel vm = ((HelloLesson) hello).viewModel();
        fxRun(() -> vm.textProperty().set("   "));
        waitUntil("the input problem", () -> fx(() -> ((Label) lookup("#helloProblem").query()).getText())
                .equals("Type some text."));
    }
}
