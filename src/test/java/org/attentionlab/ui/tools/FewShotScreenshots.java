package org.attentionlab.ui.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.fewshot.FewShotLesson;
import org.attentionlab.ui.fewshot.FewShotViewModel;
import org.attentionlab.ui.shell.Theme;

/**
 * Development tool: screenshots of the prompt lab on tiny-gpt (its side by side, the accuracy
 * chart with a point's prompts, the attention view; light, dark, presentation) and the chart's
 * run time. Run under Xvfb, like {@link ScreenshotTool}:
 *
 * <pre>
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp $CP [-Dattentionlab.samples=DIR] \
 *       org.attentionlab.ui.tools.FewShotScreenshots docs/screenshots [task]
 * </pre>
 */
public final class FewShotScreenshots {
    private static AppDriver driver;

    private FewShotScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        String taskName = args.length > 1 ? args[1] : null;
        Files.createDirectories(out);
        driver = AppDriver.start();
        String model = System.getProperty("screenshots.model", "tiny-gpt");
        ModelRef ref = driver.fxGet(() -> driver.app.mainViewModel().models().stream()
                .filter(r -> r.name().equals(model)).findFirst().orElseThrow());
        driver.fx(() -> driver.app.mainViewModel().pickedProperty().set(ref));
        driver.waitFor(() -> driver.app.host().current() != null && driver.app.host().current().ref().equals(ref), 120);
        driver.fx(() -> driver.app.mainViewModel().showLesson("fewshot"));
        FewShotLesson lesson = (FewShotLesson) driver.app.lesson("fewshot");
        FewShotViewModel vm = driver.fxGet(lesson::viewModel);
        if (taskName != null) {
            driver.fx(() -> vm.taskProperty().set(vm.tasks().stream().filter(t -> t.name().equals(taskName)).findFirst()
                    .orElseThrow()));
        }
        waitIdle(vm);
        shoot(out, "fewshot-side-by-side");

        // an example that asks the query itself: the answer can be copied from it (an induction pattern)
        driver.fx(() -> {
            vm.examples().set(1, new org.attentionlab.domain.fewshot.ShotPair(vm.queryProperty().get(),
                    vm.expectedProperty().get()));
            vm.selectedColumnProperty().set(SideBySide.Kind.FEW_SHOT);
        });
        driver.fx(() -> tabs().getSelectionModel().select(1));
        waitIdle(vm);
        shoot(out, "fewshot-attention");
        driver.fx(() -> {
            vm.attentionLayerProperty().set(vm.attentionProperty().get().strongestInductionHead() == null ? 0
                    : vm.attentionProperty().get().strongestInductionHead()[0]);
            vm.attentionHeadProperty().set(vm.attentionProperty().get().strongestInductionHead() == null ? 0
                    : vm.attentionProperty().get().strongestInductionHead()[1]);
        });
        driver.settle();
        shoot(out, "fewshot-attention-head");

        driver.fx(vm::shuffle);
        waitIdle(vm);
        if (driver.fxGet(() -> vm.taskProperty().get() != null)) {
            driver.fx(() -> tabs().getSelectionModel().select(0));
            driver.fx(vm::runAccuracy);
            driver.waitFor(() -> vm.accuracyProperty().get() != null && vm.isIdle(), 300);
            driver.settle();
            System.out.println("accuracy chart: " + driver.fxGet(() -> vm.accuracyProperty().get().millis()) + " ms, "
                    + driver.fxGet(() -> vm.accuracyProperty().get().points().toString()));
            driver.fx(() -> vm.selectedPointProperty().set(new int[] {1, vm.accuracyProperty().get().points().get(0)
                    .withDescription() ? 1 : 0}));
            driver.settle();
            shoot(out, "fewshot-accuracy");
        }
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.DARK));
        driver.settle();
        shoot(out, "fewshot-dark");
        driver.fx(() -> driver.app.mainViewModel().presentationProperty().set(true));
        driver.settle();
        shoot(out, "fewshot-presentation-dark");
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.LIGHT));
        driver.settle();
        shoot(out, "fewshot-presentation-light");
        driver.fx(() -> driver.app.mainViewModel().presentationProperty().set(false));
        driver.fx(() -> vm.taskProperty().set(null));
        waitIdle(vm);
        driver.fx(() -> tabs().getSelectionModel().select(0));
        driver.settle();
        shoot(out, "fewshot-your-own");
        driver.exit();
    }

    private static TabPane tabs() {
        return (TabPane) driver.app.stage().getScene().lookup("#fewshotTabs");
    }

    private static void waitIdle(FewShotViewModel vm) throws Exception {
        driver.settle();
        driver.waitFor(() -> vm.isIdle() && vm.sideBySideProperty().get() != null, 120);
        driver.settle();
    }

    private static void shoot(Path dir, String name) throws Exception {
        Scene scene = driver.app.stage().getScene();
        ScreenshotTool.write(driver.fxGet(() -> scene.snapshot(null)), dir.resolve(name + ".png"));
        System.out.println("wrote " + name);
    }
}
