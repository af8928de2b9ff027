package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.service.render.AttentionMatrix;
import org.attentionlab.service.render.AttentionSlices;
import org.attentionlab.service.render.ColorMap;
import org.attentionlab.service.render.HeadLinesFigure;
import org.attentionlab.service.render.HeatmapFigure;
import org.attentionlab.service.render.ModelGridFigure;
import org.attentionlab.service.render.TokenLabels;
import org.attentionlab.ui.explorer.ExplorerRun;
import org.attentionlab.ui.explorer.ViewMode;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.testkit.TestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Drives the real app headless (Monocle) with seeded test models. */
class AttentionLabAppTest extends AppTestBase {
    @TempDir
    Path dir;

    private void typeText(String text) {
        clickOn("#textA");
        push(KeyCode.CONTROL, KeyCode.A);
        write(text);
    }

    @Test
    void typingRetokenizesAndRedrawsTheHeatmapWithTheEnginesWeights() {
        typeText("Dogs chase squirrels");
        Encoding expected = fx(() -> session().encode("Dogs chase squirrels"));
        assertEquals(List.of("[CLS]", "dogs", "chase", "squi", "##rrels", "[SEP]"), expected.tokens());
        ExplorerRun run = waitForRunOf(expected.tokens());

        List<String> chips = fx(() -> {
            List<String> texts = new ArrayList<>();
            lookup(".token").queryAllAs(Label.class).forEach(l -> texts.add(l.getText()));
            return texts;
        });
        assertEquals(expected.tokens(), chips, "the token strip shows every piece");
        assertTrue(fx(() -> lookup(".token.continuation").queryAllAs(Label.class).size()) == 1, "##rrels is marked as a continuation");

        ForwardTrace engine = engineTrace();
        AttentionMatrix shown = explorer().getMatrix();
        int layer = explorer().layerProperty().get();
        int head = explorer().headProperty().get();
        for (int q = 0; q < expected.length(); q++) {
            assertArrayEquals(engine.attentions()[layer][head][q], shown.weights()[q]);
        }
        assertEquals(run.trace().input().tokens(), shown.rowTokens());

        // The canvas really shows those numbers: sample the pixel at a few cell centres.
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        HeatmapFigure fig = (HeatmapFigure) fx(canvas::getFigure);
        WritableImage img = fx(() -> canvas.canvas().snapshot(null, null));
        PixelReader px = img.getPixelReader();
        double cell = fig.options().cellSize();
        for (int[] qk : new int[][] {{0, 0}, {2, 3}, {5, 1}}) {
            int x = (int) (fig.gridX() + (qk[1] + 0.5) * cell);
            int y = (int) (fig.gridY() + (qk[0] + 0.5) * cell);
            int expectedColour = ColorMap.VIRIDIS.argb(engine.attentions()[layer][head][qk[0]][qk[1]] / fig.scaleMax());
            assertColourNear(expectedColour, px.getArgb(x, y));
        }
    }

    @Test
    void arrowKeysAndSpinnersPickTheLayerAndHeadShown() {
        clickOn("#figure");
        type(KeyCode.DOWN, KeyCode.DOWN);
        type(KeyCode.RIGHT);
        assertEquals(2, explorer().layerProperty().get());
        assertEquals(1, explorer().headProperty().get());
        WaitForAsyncUtilsBridge.settle();
        ForwardTrace engine = engineTrace();
        assertArrayEquals(engine.attentions()[2][1][3], explorer().getMatrix().weights()[3]);
        assertTrue(fx(() -> ((HeatmapFigure) explorerLesson().controller().figureCanvas().getFigure())
                .options().title().contains("Layer 2, head 1")));

        type(KeyCode.UP, KeyCode.UP, KeyCode.UP, KeyCode.UP);
        assertEquals(0, explorer().layerProperty().get(), "the layer stops at 0");

        // the head spinner: type a number and commit
        doubleClickOn("#headSpinner .text-field");
        push(KeyCode.CONTROL, KeyCode.A);
        write("3").type(KeyCode.ENTER);
        assertEquals(3, explorer().headProperty().get());

        clickOn("#averageCheck");
        WaitForAsyncUtilsBridge.settle();
        float[][] mean = AttentionSlices.meanOverHeads(engineTrace().attentions()[0]);
        assertArrayEquals(mean[1], explorer().getMatrix().weights()[1], 1e-7f);
    }

    @Test
    void eachViewDrawsItsFigureAndTheModelViewOpensAHeadLarge() {
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        clickOn("#headsToggle");
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(canvas::getFigure) instanceof HeadLinesFigure);
        javafx.scene.Node third = fx(() -> new ArrayList<javafx.scene.Node>(lookup("#compareHeads .toggle-button").queryAll()).get(2));
        clickOn(third);
        assertTrue(explorer().comparedHeads().contains(2));

        clickOn("#modelToggle");
        WaitForAsyncUtilsBridge.settle();
        ModelGridFigure grid = (ModelGridFigure) fx(canvas::getFigure);
        assertEquals(4 * 4, countThumbnails(grid), "every layer x head of the 4 x 4 model");
        double[] origin = grid.origin(3, 2);
        // click the centre of thumbnail (layer 3, head 2), in the canvas's coordinates
        javafx.geometry.Point2D onScreen = fx(() -> canvas.localToScreen(origin[0] + canvas.snappedLeftInset() + 20,
                origin[1] + canvas.snappedTopInset() + 20));
        clickOn(onScreen);
        WaitForAsyncUtilsBridge.settle();
        assertEquals(ViewMode.HEATMAP, explorer().viewModeProperty().get());
        assertEquals(3, explorer().layerProperty().get());
        assertEquals(2, explorer().headProperty().get());
        assertTrue(fx(canvas::getFigure) instanceof HeatmapFigure);
    }

    private static int countThumbnails(ModelGridFigure grid) {
        int n = 0;
        for (int l = 0; l < 8; l++) {
            for (int h = 0; h < 8; h++) {
                double[] o = grid.origin(l, h);
                if (grid.hit(o[0] + 1, o[1] + 1) != null) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void exportsWriteTheEnginesWeightsAndTheViewAsPngAndSvg() throws Exception {
        typeText("A bird sang, loudly.");
        Encoding enc = fx(() -> session().encode("A bird sang, loudly."));
        waitForRunOf(enc.tokens());
        clickOn("#figure");
        type(KeyCode.DOWN).type(KeyCode.RIGHT, KeyCode.RIGHT);
        WaitForAsyncUtilsBridge.settle();
        ForwardTrace engine = engineTrace();
        float[][] expected = engine.attentions()[1][2];

        Path csv = dir.resolve("weights.csv");
        files.saves.add(csv);
        clickOn("#exportButton").clickOn("#exportCsv");
        waitUntil("the CSV file", () -> Files.exists(csv) && Files.size(csv) > 0 && explorerMessage().contains("Saved"));
        assertEquals("attention-L1-H2.csv", files.lastSuggestedName);
        List<List<String>> rows = org.attentionlab.service.render.CsvReader.parse(Files.readString(csv, StandardCharsets.UTF_8));
        assertEquals(enc.tokens(), rows.get(0).subList(1, rows.get(0).size()), "header row: the key tokens");
        for (int q = 0; q < enc.length(); q++) {
            assertEquals(enc.tokens().get(q), rows.get(q + 1).get(0));
            for (int k = 0; k < enc.length(); k++) {
                assertEquals(expected[q][k], Float.parseFloat(rows.get(q + 1).get(k + 1)), "q=" + q + " k=" + k);
            }
        }

        Path svg = dir.resolve("view.svg");
        files.saves.add(svg);
        clickOn("#exportButton").clickOn("#exportSvg");
        waitUntil("the SVG file", () -> Files.exists(svg) && Files.size(svg) > 0 && explorerMessage().contains("view.svg"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        NodeList groups = doc.getElementsByTagName("g");
        Element cells = null;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getElementsByTagName("rect").getLength() == enc.length() * enc.length()) {
                cells = g;
            }
        }
        assertTrue(cells != null, "one rectangle per weight");
        double max = explorer().getMatrix().maxWeight();
        NodeList rects = cells.getElementsByTagName("rect");
        for (int q = 0; q < enc.length(); q++) {
            for (int k = 0; k < enc.length(); k++) {
                assertEquals(ColorMap.VIRIDIS.hex(expected[q][k] / max), ((Element) rects.item(q * enc.length() + k)).getAttribute("fill"));
            }
        }

        Path png = dir.resolve("view.png");
        files.saves.add(png);
        clickOn("#exportButton").clickOn("#exportPng");
        waitUntil("the PNG file", () -> Files.exists(png) && Files.size(png) > 0 && explorerMessage().contains("view.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        // lay the figure out as the export did, to find a cell's centre
        HeatmapFigure layout = fx(() -> org.attentionlab.ui.explorer.ExplorerFigures.heatmap(explorerLesson().controller().snapshot(),
                exportStyle(), new org.attentionlab.service.render.AwtSurface.AwtTextMeasure("SansSerif")));
        double scale = image.getWidth() / Math.ceil(layout.width());
        assertEquals(2.0, scale, 0.01, "PNG is drawn at twice the screen size");
        for (int[] qk : new int[][] {{1, 1}, {4, 2}, {enc.length() - 1, 0}}) {
            int x = (int) ((layout.gridX() + (qk[1] + 0.5) * layout.options().cellSize()) * scale);
            int y = (int) ((layout.gridY() + (qk[0] + 0.5) * layout.options().cellSize()) * scale);
            assertEquals(Integer.toHexString(ColorMap.VIRIDIS.argb(expected[qk[0]][qk[1]] / max)),
                    Integer.toHexString(image.getRGB(x, y)), "cell " + qk[0] + "," + qk[1]);
        }
    }

    private org.attentionlab.service.render.FigureStyle exportStyle() {
        org.attentionlab.service.render.FigureStyle s = explorerLesson().controller().figureCanvas().getFigureStyle();
        return new org.attentionlab.service.render.FigureStyle(s.background(), s.foreground(), s.muted(), s.grid(),
                s.highlight(), s.masked(), s.segmentB(), "SansSerif", s.fontSize());
    }

    private String explorerMessage() {
        return fx(() -> ((Label) lookup("#message").query()).getText());
    }

    @Test
    void aBrokenModelFolderShowsWhatIsWrongAndThePreviousModelStaysUsable() throws Exception {
        Path broken = Files.createDirectory(dir.resolve("broken-model"));
        Files.writeString(broken.resolve("config.json"), "{\"model_type\": \"llama\"}");
        files.folders.add(broken);
        clickOn("#openFolderButton");
        waitUntil("the error dialog", () -> lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = lookup("#errorDialog").queryAs(DialogPane.class);
        String body = fx(dialog::getContentText);
        assertTrue(body.contains("is not a BERT or GPT-2 configuration"), body);
        assertTrue(body.contains("Open a folder saved by HuggingFace"), "the dialog says what to do: " + body);
        String header = fx(dialog::getHeaderText);
        assertTrue(header.contains("broken-model"), header);
        clickOn(fx(() -> dialog.lookupButton(javafx.scene.control.ButtonType.OK)));

        assertEquals(TestCatalog.TINY_BERT, app.host().current().ref(), "the previous model is still loaded");
        assertEquals(TestCatalog.TINY_BERT, fx(() -> app.mainViewModel().pickedProperty().get()), "the picker shows it");
        assertTrue(fx(() -> ((Label) lookup("#noticeStatus").query()).getText()).contains("previous model"));

        typeText("Still works");
        Encoding enc = fx(() -> session().encode("Still works"));
        waitForRunOf(enc.tokens());
        assertArrayEquals(engineTrace().attentions()[0][0][1], explorer().getMatrix().weights()[1]);
    }

    @Test
    void aFolderWithoutConfigSaysSoAndAGoodFolderLoads() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        files.folders.add(empty);
        clickOn("#openFolderButton");
        waitUntil("the error dialog", () -> lookup("#errorDialog").tryQuery().isPresent());
        assertTrue(fx(() -> lookup("#errorDialog").queryAs(DialogPane.class).getContentText()).contains("has no config.json"));
        clickOn(fx(() -> lookup("#errorDialog").queryAs(DialogPane.class).lookupButton(javafx.scene.control.ButtonType.OK)));

        Path good = Files.createDirectory(dir.resolve("my-gpt"));
        Files.writeString(good.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        files.folders.add(good);
        clickOn("#openFolderButton");
        waitUntil("the folder's model", () -> app.host().current().info().name().equals("my-gpt")
                && explorer().getLastRun().model().name().equals("my-gpt"));
        assertTrue(fx(() -> ((Label) lookup("#modelStatus").query()).getText()).contains("my-gpt"));
        assertTrue(fx(() -> ((Label) lookup("#sizeStatus").query()).getText()).contains("2 layers"));
    }

    @Test
    void cancellingASlowLoadKeepsThePreviousModel() {
        fxRun(() -> app.mainViewModel().pickedProperty().set(TestCatalog.SLOW_BERT));
        waitUntil("the load to show progress", () -> lookup("#cancelLoadButton").query().isVisible()
                && fx(() -> app.mainViewModel().loadProgressProperty().get()) > 0);
        clickOn("#cancelLoadButton");
        waitUntil("the load to stop", () -> !fx(() -> app.mainViewModel().loadingProperty().get()));
        assertEquals(TestCatalog.TINY_BERT, app.host().current().ref());
        assertEquals(TestCatalog.TINY_BERT, fx(() -> app.mainViewModel().pickedProperty().get()));
        assertTrue(fx(() -> ((Label) lookup("#noticeStatus").query()).getText()).contains("cancelled"));
        assertFalse(catalog.opened.stream().anyMatch(s -> s.info().name().equals("slow-stand-in")), "no session was made");

        typeText("After the cancel");
        waitForRunOf(fx(() -> session().encode("After the cancel")).tokens());
        assertTrue(session().runThread().getName().contains("inference"), "model work runs on the inference thread");
    }

    @Test
    void gpt2ShowsItsCausalMaskAndHasNoSentencePairs() {
        fxRun(() -> app.mainViewModel().pickedProperty().set(TestCatalog.TINY_GPT2));
        waitUntil("GPT-2 to run", () -> explorer().getLastRun() != null
                && explorer().getLastRun().model().kind() == ModelKind.GPT2);
        assertTrue(fx(() -> lookup("#pairCheck").queryAs(CheckBox.class).isDisabled()));
        AttentionMatrix m = explorer().getMatrix();
        for (int q = 0; q < m.rows(); q++) {
            for (int k = 0; k < m.cols(); k++) {
                assertEquals(k <= q, m.isAllowed(q, k));
                if (k > q) {
                    assertEquals(0f, m.weights()[q][k], "no weight on a later token");
                }
            }
        }
        // labels show the leading space of a GPT-2 token
        List<String> chips = fx(() -> {
            List<String> texts = new ArrayList<>();
            lookup(".token").queryAllAs(Label.class).forEach(l -> texts.add(l.getText()));
            return texts;
        });
        assertEquals(TokenLabels.display("\u0120cat", ModelKind.GPT2), chips.get(1));
        assertEquals(1, fx(() -> lookup("#lessonList").queryListView().getItems().size()),
                "the navigator lists the lessons that work with GPT-2");
    }

    @Test
    void aBertSentencePairShowsSegmentsAAndB() {
        clickOn("#pairCheck");
        assertTrue(fx(() -> lookup("#textB").queryAs(TextField.class).isVisible()));
        Encoding enc = fx(() -> session().encodePair(explorer().textAProperty().get(), explorer().textBProperty().get()));
        waitForRunOf(enc.tokens());
        int bChips = fx(() -> lookup(".token.segment-b").queryAll().size());
        int b = 0;
        for (int t : enc.typeIds()) {
            b += t;
        }
        assertEquals(b, bChips);
        assertTrue(b > 0);
        assertArrayEquals(enc.typeIds(), explorer().getMatrix().rowSegments());
    }

    @Test
    void hidingSpecialTokensAndTopKReshapeTheMap() {
        clickOn("#hideSpecialCheck");
        WaitForAsyncUtilsBridge.settle();
        AttentionMatrix m = explorer().getMatrix();
        assertFalse(m.rowTokens().contains("[CLS]"));
        assertFalse(m.colTokens().contains("[SEP]"));
        for (float[] row : m.weights()) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5, "rows are renormalised");
        }
        fxRun(() -> explorer().topKProperty().set(2));
        for (float[] row : explorer().getMatrix().weights()) {
            int nonZero = 0;
            for (float v : row) {
                nonZero += v > 0 ? 1 : 0;
            }
            assertTrue(nonZero <= 2);
        }
    }

    @Test
    void presentationKeyAndDarkThemeRestyleTheWindowAndTheFigure() {
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        double normal = fx(() -> canvas.getFigureStyle().fontSize());
        int lightBackground = fx(() -> canvas.getFigureStyle().background());
        clickOn("#figure");
        type(KeyCode.F5);
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(() -> app.stage().getScene().getRoot().getStyleClass().contains("presentation")));
        assertTrue(fx(() -> canvas.getFigureStyle().fontSize()) > normal, "figure labels grow");
        clickOn("#textA");
        type(KeyCode.F5);
        WaitForAsyncUtilsBridge.settle();
        assertFalse(fx(() -> app.stage().getScene().getRoot().getStyleClass().contains("presentation")),
                "F5 works from the text field too");

        clickOn("#darkToggle");
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(() -> app.stage().getScene().getRoot().getStyleClass().contains("theme-dark")));
        int darkBackground = fx(() -> canvas.getFigureStyle().background());
        assertNotEquals(lightBackground, darkBackground);
        assertTrue(luminance(darkBackground) < luminance(lightBackground));
    }

    @Test
    void aLongInputStaysReadableAndScrolls() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            text.append(i % 7 == 0 ? "again " : "word ");
        }
        fxRun(() -> explorer().textAProperty().set(text.toString().trim()));
        waitUntil("the long run", () -> explorer().getLastRun() != null
                && explorer().getLastRun().trace().input().length() == 132 && explorer().isIdle());
        WaitForAsyncUtilsBridge.settle();
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        HeatmapFigure fig = (HeatmapFigure) fx(canvas::getFigure);
        assertEquals(132, fig.matrix().rows());
        assertTrue(fig.options().cellSize() >= 9, "cells stay big enough for labels: " + fig.options().cellSize());
        double viewport = fx(() -> lookup("#figureScroll").queryAs(javafx.scene.control.ScrollPane.class)
                .getViewportBounds().getHeight());
        assertTrue(fx(canvas::getHeight) > viewport, "the map scrolls rather than shrinking to nothing");
    }

    private static double luminance(int argb) {
        return 0.2126 * (argb >> 16 & 0xff) + 0.7152 * (argb >> 8 & 0xff) + 0.0722 * (argb & 0xff);
    }

    private static void assertColourNear(int expected, int actual) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xff;
            int a = actual >> shift & 0xff;
            assertTrue(Math.abs(e - a) <= 3, String.format("expected #%06x, got #%06x", expected & 0xffffff, actual & 0xffffff));
        }
    }
}
