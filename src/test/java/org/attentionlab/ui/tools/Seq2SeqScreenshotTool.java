package org.attentionlab.ui.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.scene.Scene;
import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.seq2seq.Seq2SeqLesson;
import org.attentionlab.ui.seq2seq.Seq2SeqViewModel;
import org.attentionlab.ui.shell.Theme;

/**
 * Development tool: screenshots of the seq2seq lab on the shipped translators, in light, dark and
 * presentation mode. Run it under Xvfb like {@link ScreenshotTool}:
 *
 * <pre>
 *   xvfb-run -s "-screen 0 1400x900x24" java -cp $CP org.attentionlab.ui.tools.Seq2SeqScreenshotTool docs/screenshots [TESTFILE]
 * </pre>
 * The bottleneck chart is measured on the model folder's test.tsv, or on TESTFILE when the folder ships none.
 */
public final class Seq2SeqScreenshotTool {
    private static AppDriver driver;

    private Seq2SeqScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Path testFile = args.length > 1 ? Path.of(args[1]) : null;
        Files.createDirectories(out);
        driver = AppDriver.start();
        pick("seq2seq-bilinear");
        setText("the queen touched the bird in the city");
        driver.fx(() -> {
            vm().stepProperty().set(2);
        });
        driver.settle();
        shoot(out, "seq2seq-step");
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.DARK));
        driver.settle();
        shoot(out, "seq2seq-step-dark");
        driver.fx(() -> driver.app.mainViewModel().presentationProperty().set(true));
        driver.settle();
        shoot(out, "seq2seq-step-presentation-dark");
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.LIGHT));
        driver.settle();
        shoot(out, "seq2seq-step-presentation-light");
        driver.fx(() -> driver.app.mainViewModel().presentationProperty().set(false));
        driver.settle();

        // a held-out sentence of the model's test file, with the gold alignment drawn over the attention
        String held = Files.readAllLines(Path.of("sample-models/seq2seq-bilinear/test.tsv")).stream()
                .map(l -> l.split("\t")[0]).filter(l -> l.split(" ").length == 9).findFirst().orElseThrow();
        setText(held);
        driver.fx(() -> {
            vm().goldOverlayProperty().set(true);
            vm().stepProperty().set(4);
        });
        driver.settle();
        shootThemes(out, "seq2seq-gold");
        driver.fx(() -> vm().goldOverlayProperty().set(false));

        setText("the queen touchd the bird in the cty");
        shoot(out, "seq2seq-unknown-words");
        setText("an angry goat saw the good melon under the light torch");
        tab(1);
        shootThemes(out, "seq2seq-compare");
        tab(2);
        driver.fx(() -> vm().forcedWordsProperty().set("na"));
        waitIdle();
        shootThemes(out, "seq2seq-forcing");
        tab(3);
        driver.fx(() -> vm().beamWidthProperty().set(4));
        waitIdle();
        shootThemes(out, "seq2seq-beam");
        driver.fx(() -> vm().forcedWordsProperty().set(""));
        tab(4);
        if (testFile != null || vm().factsProperty().get().testFile() != null) {
            driver.fx(() -> {
                if (vm().factsProperty().get().testFile() == null) {
                    vm().useTestFile(testFile);
                }
                vm().measureBottleneck();
            });
            driver.waitFor(() -> vm().bottleneckProperty().get() != null, 300);
            driver.settle();
        }
        shootThemes(out, "seq2seq-bottleneck");

        pick("seq2seq-dates");
        tab(0);
        setText("the twenty third of december nineteen fifty one");
        driver.fx(() -> vm().stepProperty().set(1));
        driver.settle();
        shootThemes(out, "seq2seq-dates");
        setText("the third of may eighteen fifty");
        shoot(out, "seq2seq-dates-out-of-range");
        driver.exit();
    }

    private static Seq2SeqLesson lesson() {
        return (Seq2SeqLesson) driver.app.lesson("seq2seq");
    }

    private static Seq2SeqViewModel vm() {
        return lesson().viewModel();
    }

    private static void tab(int index) throws Exception {
        driver.fx(() -> {
            var tabs = (javafx.scene.control.TabPane) driver.app.stage().getScene().lookup("#tabs");
            tabs.getSelectionModel().select(index);
        });
        driver.settle();
    }

    private static void pick(String name) throws Exception {
        driver.waitFor(() -> driver.app.mainViewModel().models().stream().anyMatch(r -> r.name().equals(name)), 30);
        ModelRef ref = driver.fxGet(() -> driver.app.mainViewModel().models().stream().filter(r -> r.name().equals(name))
                .findFirst().orElseThrow());
        driver.fx(() -> driver.app.mainViewModel().pickedProperty().set(ref));
        driver.waitFor(() -> driver.app.host().current() != null && driver.app.host().current().ref().equals(ref), 120);
        driver.fx(() -> driver.app.mainViewModel().showLesson("seq2seq"));
        driver.waitFor(() -> vm().factsProperty().get() != null && vm().factsProperty().get().model().equals(name)
                && vm().runProperty().get() != null && vm().isIdle(), 120);
        driver.settle();
    }

    private static void setText(String text) throws Exception {
        driver.fx(() -> vm().textProperty().set(text));
        Supplier<Boolean> done = () -> vm().isIdle() && (vm().runProperty().get() != null && vm().runProperty().get().text().equals(text)
                || !vm().problemProperty().get().isEmpty());
        driver.waitFor(done, 60);
        driver.settle();
    }

    private static void waitIdle() throws Exception {
        driver.settle();
        driver.waitFor(() -> vm().isIdle(), 60);
        driver.settle();
    }

    /** The view as it is (light), then dark, then in presentation mode (light), and back. */
    private static void shootThemes(Path dir, String name) throws Exception {
        shoot(dir, name);
        driver.fx(() -> driver.app.mainViewModel().themeProperty().set(Theme.DARK));
        driver.settle();
        shoot(dir, name + "-dark");
        driver.fx(() -> {
            driver.app.mainViewModel().themeProperty().set(Theme.LIGHT);
            driver.app.mainViewModel().presentationProperty().set(true);
        });
        driver.settle();
        shoot(dir, name + "-presentation");
        driver.fx(() -> driver.app.mainViewModel().presentationProperty().set(false));
        driver.settle();
    }

    private static void shoot(Path dir, String name) throws Exception {
        Scene scene = driver.app.stage().getScene();
        ScreenshotTool.write(driver.fxGet(() -> scene.snapshot(null)), dir.resolve(name + ".png"));
        System.out.println("wrote " + name);
    }
}
