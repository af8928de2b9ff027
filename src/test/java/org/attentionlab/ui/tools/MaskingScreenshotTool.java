package org.attentionlab.ui.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import org.attentionlab.figure.masking.MaskingStep;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.masking.MaskingLesson;
import org.attentionlab.ui.masking.MaskingViewModel;
import org.attentionlab.ui.shell.Theme;

/**
 * Screenshots of the masked-word lesson on tiny-bert: every step in light, dark and presentation
 * mode, the quiz before and after Reveal, the 1,000-run view and a top-k PopOver. Run under Xvfb:
 *
 * <pre>xvfb-run -s "-screen 0 1400x900x24" java -cp $CP org.attentionlab.ui.tools.MaskingScreenshotTool docs/screenshots/masking</pre>
 */
public final class MaskingScreenshotTool {
    private static AppDriver driver;

    private MaskingScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/masking");
        Files.createDirectories(out);
        driver = AppDriver.start();
        MaskingLesson lesson = (MaskingLesson) fxGet(() -> driver.app.lessons().stream()
                .filter(l -> l.id().equals("mask")).findFirst().orElseThrow());
        fx(() -> driver.app.mainViewModel().currentLessonProperty().set((Lesson) lesson));
        MaskingViewModel vm = fxGet(lesson::viewModel);
        driver.waitFor(() -> vm.resultProperty().get() != null, 60);
        fx(() -> {
            vm.textProperty().set(MaskingViewModel.EXAMPLES.get(4));
            vm.seedProperty().set(7);
            vm.layerProperty().set(1);
        });
        waitIdle(vm);
        for (String mode : new String[] {"light", "dark", "presentation"}) {
            fx(() -> {
                driver.app.mainViewModel().themeProperty().set(mode.equals("dark") ? Theme.DARK : Theme.LIGHT);
                driver.app.mainViewModel().presentationProperty().set(mode.equals("presentation"));
            });
            for (MaskingStep step : MaskingStep.values()) {
                fx(() -> {
                    vm.stepProperty().set(step);
                    vm.causalProperty().set(step == MaskingStep.ATTENTION);
                    if (step == MaskingStep.REPLACE) {
                        vm.drawAll();
                    }
                });
                driver.settle();
                shoot(out, "mask-" + step.number() + "-" + step.name().toLowerCase() + "-" + mode);
            }
        }
        fx(() -> {
            driver.app.mainViewModel().presentationProperty().set(false);
            driver.app.mainViewModel().themeProperty().set(Theme.LIGHT);
        });
        // step 2 as in training, whole words, on a sentence with split words
        fx(() -> {
            vm.textProperty().set(MaskingViewModel.EXAMPLES.get(7));
            vm.modeProperty().set(org.attentionlab.domain.masking.SelectionMode.TRAINING);
            vm.wholeWordsProperty().set(true);
            vm.seedProperty().set(3);
            vm.stepProperty().set(MaskingStep.TOKENS);
        });
        waitIdle(vm);
        driver.settle();
        shoot(out, "mask-1-tokens-split-words");
        fx(() -> vm.stepProperty().set(MaskingStep.SELECT));
        driver.settle();
        shoot(out, "mask-2-select-training-whole-words");
        // step 3 one by one
        fx(() -> {
            vm.modeProperty().set(org.attentionlab.domain.masking.SelectionMode.EXACT);
            vm.wholeWordsProperty().set(false);
            vm.textProperty().set(MaskingViewModel.EXAMPLES.get(0) + " " + MaskingViewModel.EXAMPLES.get(1));
            vm.seedProperty().set(11);
            vm.stepProperty().set(MaskingStep.SELECT);
        });
        waitIdle(vm);
        fx(() -> {
            vm.stepProperty().set(MaskingStep.REPLACE);
            vm.drawNext();
        });
        driver.settle();
        shoot(out, "mask-3-replace-one-by-one");
        // quiz
        fx(() -> {
            vm.quizProperty().set(true);
            vm.stepProperty().set(MaskingStep.PREDICT);
        });
        driver.settle();
        fx(() -> vm.resultProperty().get().predictions().forEach(p -> vm.guesses().put(p.position(),
                p.position() % 2 == 0 ? p.replacement().original() : "the")));
        driver.settle();
        shoot(out, "mask-quiz-guess");
        fx(vm::reveal);
        driver.settle();
        shoot(out, "mask-quiz-revealed");
        fx(() -> {
            vm.quizProperty().set(false);
            vm.stepProperty().set(MaskingStep.SELECT);
        });
        // the 1,000-run view
        fx(vm::runMany);
        driver.waitFor(() -> !vm.repeatingProperty().get() && vm.runProgressProperty().get() >= 1, 60);
        driver.settle();
        shoot(out, "mask-runs-1000");
        // a top-k PopOver
        fx(() -> {
            vm.stepProperty().set(MaskingStep.PREDICT);
            vm.topKProperty().set(5);
        });
        driver.settle();
        fx(() -> {
            var view = lesson.maskingView();
            view.openTopK(vm.resultProperty().get().corruption().selected()[0]);
        });
        driver.settle();
        shoot(out, "mask-4-predict-popover-open");
        var pop = fxGet(() -> lesson.maskingView().popOver());
        if (pop != null) {
            var image = fxGet(() -> pop.getScene().snapshot(null));
            ScreenshotTool.write(image, out.resolve("mask-4-predict-popover.png"));
            System.out.println("wrote mask-4-predict-popover");
        }
        fx(() -> lesson.maskingView().popOver().hide());
        // a typed [MASK]
        fx(() -> {
            vm.textProperty().set(MaskingViewModel.EXAMPLES.get(6));
            vm.stepProperty().set(MaskingStep.PREDICT);
        });
        waitIdle(vm);
        driver.settle();
        shoot(out, "mask-4-predict-typed-mask");
        driver.exit();
    }

    private static void waitIdle(MaskingViewModel vm) throws Exception {
        Thread.sleep(300);
        driver.waitFor(vm::isIdle, 60);
        driver.settle();
    }

    private static void shoot(Path dir, String name) throws Exception {
        Scene scene = driver.app.stage().getScene();
        var image = fxGet(() -> scene.snapshot(null));
        ScreenshotTool.write(image, dir.resolve(name + ".png"));
        System.out.println("wrote " + name);
    }

    /** A popup is its own window: grab the whole X screen (ImageMagick's import), if available. */
    private static void grabScreen(Path dir, String name) throws Exception {
        try {
            new ProcessBuilder("import", "-window", "root", dir.resolve(name + ".png").toString()).inheritIO().start().waitFor();
            System.out.println("wrote " + name);
        } catch (java.io.IOException e) {
            System.out.println("no ImageMagick import: " + name + " skipped");
        }
    }

    private static void fx(Runnable r) throws Exception {
        driver.fx(r);
    }

    private static <T> T fxGet(Supplier<T> s) throws Exception {
        return driver.fxGet(s);
    }
}
