package org.attentionlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attentionlab.figure.AttentionMatrix;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.CsvReader;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.HeadLinesFigure;
import org.attentionlab.figure.HeatmapFigure;
import org.attentionlab.figure.ModelGridFigure;
import org.attentionlab.ui.explorer.ExplorerFigures;
import org.attentionlab.ui.explorer.ViewMode;
import org.attentionlab.ui.figure.FigureCanvas;
import org.attentionlab.ui.testkit.HfReference;
import org.attentionlab.ui.testkit.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Drives the real app headless (Monocle) on the real engine, and holds what it shows and exports
 * to what HuggingFace computed on the same model folders and texts.
 */
class AttentionLabAppTest extends AppTestBase {
    private static final String CAT = "The cat sat on the mat.";

    @TempDir
    Path dir;

    @Test
    void typingRetokenizesAndRedrawsTheHeatmapWithHuggingFacesWeights() {
        HfReference.Case hf = HfReference.bert("Teaching attention heads, quickly; playing happily?", null);
        typeText(hf.text());
        waitForRunOf(hf.tokens());

        List<String> chips = chipTexts();
        assertEquals(hf.tokens(), chips, "the token strip shows every piece");
        long continuations = hf.tokens().stream().filter(t -> t.startsWith("##")).count();
        assertEquals(continuations, (long) fx(() -> lookup(".token.continuation").queryAll().size()),
                "pieces such as ##ing are marked as continuations");

        float[][] expected = hf.attentions()[0][0];
        AttentionMatrix m = shown();
        assertEquals(hf.tokens(), m.rowTokens());
        assertClose(expected, m.weights(), "layer 0, head 0");

        // The canvas shows those numbers: sample the pixel at a few cell centres.
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        HeatmapFigure fig = (HeatmapFigure) fx(canvas::getFigure);
        WritableImage img = fx(() -> canvas.canvas().snapshot(null, null));
        PixelReader px = img.getPixelReader();
        double cell = fig.options().cellSize();
        double max = 1; // the fixed 0-1 colour scale, the default
        for (int[] qk : new int[][] {{0, 0}, {2, 3}, {5, 1}, {14, 13}}) {
            int x = (int) (fig.gridX() + (qk[1] + 0.5) * cell);
            int y = (int) (fig.gridY() + (qk[0] + 0.5) * cell);
            assertColourNear(ColorMap.VIRIDIS.argb(expected[qk[0]][qk[1]] / max), px.getArgb(x, y), "cell " + qk[0] + "," + qk[1]);
        }
    }

    @Test
    void arrowKeysAndSpinnersPickTheLayerAndHeadShown() {
        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        clickOn("#figure");
        type(KeyCode.DOWN, KeyCode.DOWN);
        type(KeyCode.RIGHT);
        assertEquals(1, explorer().layerProperty().get(), "the layer stops at the last of 2");
        assertEquals(1, explorer().headProperty().get());
        WaitForAsyncUtilsBridge.settle();
        assertClose(hf.attentions()[1][1], shown().weights(), "layer 1, head 1");
        assertCanvasShows(hf.attentions()[1][1], "layer 1, head 1 on screen");
        assertTrue(fx(() -> ((HeatmapFigure) explorerLesson().controller().figureCanvas().getFigure())
                .options().title().contains("Layer 1, head 1")));

        type(KeyCode.UP, KeyCode.UP, KeyCode.UP);
        assertEquals(0, explorer().layerProperty().get(), "the layer stops at 0");

        // the head spinner: type a number and commit
        doubleClickOn("#headSpinner .text-field");
        push(KeyCode.CONTROL, KeyCode.A);
        write("3").type(KeyCode.ENTER);
        assertEquals(3, explorer().headProperty().get());
        WaitForAsyncUtilsBridge.settle();
        assertClose(hf.attentions()[0][3], shown().weights(), "layer 0, head 3");
        assertCanvasShows(hf.attentions()[0][3], "layer 0, head 3 on screen");

        clickOn("#averageCheck");
        WaitForAsyncUtilsBridge.settle();
        float[][][] heads = hf.attentions()[0];
        float[][] mean = new float[heads[0].length][heads[0].length];
        for (float[][] head : heads) {
            for (int q = 0; q < mean.length; q++) {
                for (int k = 0; k < mean.length; k++) {
                    mean[q][k] += head[q][k] / heads.length;
                }
            }
        }
        assertClose(mean, shown().weights(), "mean of layer 0's heads");
        assertCanvasShows(mean, "mean of layer 0's heads on screen");
    }

    @Test
    void eachViewDrawsItsFigureAndTheModelViewOpensAHeadLarge() {
        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        HeatmapFigure heatmap = (HeatmapFigure) fx(canvas::getFigure);
        moveTo(cellOnScreen(canvas, heatmap, 2, 6));
        waitUntil("the readout", () -> fx(canvas::readoutText) != null);
        assertTrue(fx(canvas::readoutText).startsWith("cat \u2192 mat: "), fx(canvas::readoutText));
        fxRun(() -> explorer().viewModeProperty().set(ViewMode.HEADS));
        WaitForAsyncUtilsBridge.settle();
        assertEquals(null, fx(canvas::readoutText), "the heatmap's readout goes with the heatmap");
        moveTo(0, 0);
        clickOn("#headsToggle");
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(canvas::getFigure) instanceof HeadLinesFigure);
        javafx.scene.Node third = fx(() -> new ArrayList<javafx.scene.Node>(lookup("#compareHeads .toggle-button").queryAll()).get(2));
        clickOn(third);
        assertTrue(explorer().comparedHeads().contains(2));
        WaitForAsyncUtilsBridge.settle();
        HeadLinesFigure lines = (HeadLinesFigure) fx(canvas::getFigure);
        assertEquals(2, lines.heads().size(), "the selected head and the compared one");
        assertClose(hf.attentions()[0][2], lines.heads().get(1).matrix().weights(), "compared head 2");

        clickOn("#modelToggle");
        WaitForAsyncUtilsBridge.settle();
        ModelGridFigure grid = (ModelGridFigure) fx(canvas::getFigure);
        assertEquals(2 * 4, countThumbnails(grid), "every layer x head of the 2 x 4 model");
        double[] origin = grid.origin(1, 2);
        // click the centre of thumbnail (layer 1, head 2), in the canvas's coordinates
        Point2D onScreen = fx(() -> canvas.localToScreen(origin[0] + canvas.snappedLeftInset() + 20,
                origin[1] + canvas.snappedTopInset() + 20));
        clickOn(onScreen);
        WaitForAsyncUtilsBridge.settle();
        assertEquals(ViewMode.HEATMAP, explorer().viewModeProperty().get());
        assertEquals(1, explorer().layerProperty().get());
        assertEquals(2, explorer().headProperty().get());
        assertTrue(fx(canvas::getFigure) instanceof HeatmapFigure);
        assertClose(hf.attentions()[1][2], shown().weights(), "layer 1, head 2");
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
    void exportsWriteHuggingFacesWeightsAndTheViewAsPngAndSvg() throws Exception {
        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        clickOn("#figure");
        type(KeyCode.DOWN).type(KeyCode.RIGHT, KeyCode.RIGHT);
        WaitForAsyncUtilsBridge.settle();
        float[][] expected = hf.attentions()[1][2];
        int n = hf.tokens().size();

        Path csv = dir.resolve("weights.csv");
        files.saves.add(csv);
        clickOn("#exportButton").clickOn("#exportCsv");
        waitUntil("the CSV file", () -> Files.exists(csv) && Files.size(csv) > 0 && explorerMessage().contains("Saved"));
        assertEquals("attention-L1-H2.csv", files.lastSuggestedName);
        List<List<String>> rows = CsvReader.parse(Files.readString(csv, StandardCharsets.UTF_8));
        assertEquals(hf.tokens(), rows.get(0).subList(1, rows.get(0).size()), "header row: the key tokens");
        for (int q = 0; q < n; q++) {
            assertEquals(hf.tokens().get(q), rows.get(q + 1).get(0));
            for (int k = 0; k < n; k++) {
                assertEquals(expected[q][k], Float.parseFloat(rows.get(q + 1).get(k + 1)), HfReference.TOLERANCE,
                        "q=" + q + " k=" + k);
            }
        }

        double max = 1; // the fixed 0-1 colour scale, the default
        Path svg = dir.resolve("view.svg");
        files.saves.add(svg);
        clickOn("#exportButton").clickOn("#exportSvg");
        waitUntil("the SVG file", () -> Files.exists(svg) && Files.size(svg) > 0 && explorerMessage().contains("view.svg"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        NodeList groups = doc.getElementsByTagName("g");
        Element cells = null;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getElementsByTagName("rect").getLength() == n * n) {
                cells = g;
            }
        }
        assertNotNull(cells, "one rectangle per weight");
        NodeList rects = cells.getElementsByTagName("rect");
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                String fill = ((Element) rects.item(q * n + k)).getAttribute("fill");
                assertColourNear(ColorMap.VIRIDIS.argb(expected[q][k] / max), Integer.parseInt(fill.substring(1), 16),
                        "SVG cell " + q + "," + k);
            }
        }

        Path png = dir.resolve("view.png");
        files.saves.add(png);
        clickOn("#exportButton").clickOn("#exportPng");
        waitUntil("the PNG file", () -> Files.exists(png) && Files.size(png) > 0 && explorerMessage().contains("view.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        // lay the figure out as the export did, to find a cell's centre
        HeatmapFigure layout = fx(() -> ExplorerFigures.heatmap(explorerLesson().controller().snapshot(), exportStyle(),
                new AwtSurface.AwtTextMeasure("SansSerif")));
        double scale = image.getWidth() / Math.ceil(layout.width());
        assertEquals(2.0, scale, 0.01, "PNG is drawn at twice the screen size");
        for (int[] qk : new int[][] {{1, 1}, {4, 2}, {n - 1, 0}}) {
            int x = (int) ((layout.gridX() + (qk[1] + 0.5) * layout.options().cellSize()) * scale);
            int y = (int) ((layout.gridY() + (qk[0] + 0.5) * layout.options().cellSize()) * scale);
            assertColourNear(ColorMap.VIRIDIS.argb(expected[qk[0]][qk[1]] / max), image.getRGB(x, y), "PNG cell " + qk[0] + "," + qk[1]);
        }
    }

    private FigureStyle exportStyle() {
        FigureStyle s = explorerLesson().controller().figureCanvas().getFigureStyle();
        return new FigureStyle(s.background(), s.foreground(), s.muted(), s.grid(), s.highlight(), s.masked(), s.segmentB(),
                "SansSerif", s.fontSize());
    }

    /** The explorer's passing notice ("Saved ..."), shown floating over the window. */
    private String explorerMessage() {
        return fx(() -> explorer().noticeProperty().get());
    }

    @Test
    void gpt2ShowsItsCausalMaskAndHasNoSentencePairs() {
        pick(GPT2);
        HfReference.Case hf = HfReference.gpt2(CAT);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        assertTrue(fx(() -> lookup("#pairCheck").queryAs(CheckBox.class).isDisabled()));
        AttentionMatrix m = shown();
        assertClose(hf.attentions()[0][0], m.weights(), "GPT-2 layer 0, head 0");
        for (int q = 0; q < m.rows(); q++) {
            for (int k = 0; k < m.cols(); k++) {
                assertEquals(k <= q, m.isAllowed(q, k), "a query sees itself and earlier tokens only");
            }
        }
        // labels show the leading space of a GPT-2 token
        List<String> chips = chipTexts();
        assertEquals("\u0120c", hf.tokens().get(1));
        assertEquals("\u2423c", chips.get(1), "the byte-level space marker is shown as a visible space sign");
        assertEquals(fx(() -> app.lessons().stream().filter(l -> l.supports(org.attentionlab.domain.ModelKind.GPT2)).count()),
                (long) fx(() -> lookup("#lessonList").queryListView().getItems().size()),
                "the navigator lists the lessons that work with GPT-2");
    }

    @Test
    void aBertSentencePairShowsSegmentsAAndB() {
        HfReference.Case hf = HfReference.bert("The cat sat.", "It was happy.");
        fxRun(() -> {
            explorer().textAProperty().set(hf.text());
            explorer().textBProperty().set(hf.pair());
        });
        clickOn("#pairCheck");
        assertTrue(fx(() -> lookup("#textB").queryAs(TextField.class).isVisible()));
        waitForRunOf(hf.tokens());
        int b = 0;
        for (int t : hf.typeIds()) {
            b += t;
        }
        assertTrue(b > 0);
        assertEquals(b, (int) fx(() -> lookup(".token.segment-b").queryAll().size()));
        assertEquals(java.util.Arrays.toString(hf.typeIds()), java.util.Arrays.toString(shown().rowSegments()));
        assertClose(hf.attentions()[0][3], fx(() -> explorer().mapOfHead(3)).weights(), "pair, layer 0, head 3");
    }

    @Test
    void hidingSpecialTokensAndTopKReshapeTheMap() {
        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        clickOn("#hideSpecialCheck");
        WaitForAsyncUtilsBridge.settle();
        AttentionMatrix m = shown();
        List<String> words = hf.tokens().subList(1, hf.tokens().size() - 1);
        assertEquals(words, m.rowTokens(), "[CLS] and [SEP] are gone");
        assertEquals(words, m.colTokens());
        // HuggingFace's rows without the special keys, rescaled to sum to 1
        float[][] full = hf.attentions()[0][0];
        float[][] expected = new float[words.size()][words.size()];
        for (int q = 0; q < words.size(); q++) {
            double sum = 0;
            for (int k = 0; k < words.size(); k++) {
                sum += full[q + 1][k + 1];
            }
            for (int k = 0; k < words.size(); k++) {
                expected[q][k] = (float) (full[q + 1][k + 1] / sum);
            }
        }
        assertClose(expected, m.weights(), "rows renormalised over the words");
        assertCanvasShows(expected, "the words-only map on screen");

        fxRun(() -> explorer().topKProperty().set(2));
        float[][] top = shown().weights();
        for (int q = 0; q < top.length; q++) {
            int kept = 0;
            for (int k = 0; k < top[q].length; k++) {
                if (top[q][k] > 0) {
                    kept++;
                    assertEquals(expected[q][k], top[q][k], HfReference.TOLERANCE, "a kept link keeps its weight");
                    assertTrue(rank(expected[q], k) < 2, "only the two strongest links of row " + q + " stay");
                }
            }
            assertEquals(2, kept);
        }
        float[][] topExpected = new float[expected.length][];
        for (int r = 0; r < expected.length; r++) {
            topExpected[r] = expected[r].clone();
            for (int c = 0; c < expected[r].length; c++) {
                if (rank(expected[r], c) >= 2) {
                    topExpected[r][c] = 0;
                }
            }
        }
        assertCanvasShows(topExpected, "the top-2 links on screen");

        // a dropped link still reads as its weight under the pointer
        int q = 3;
        int k = 0;
        while (rank(expected[q], k) < 2) {
            k++;
        }
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        WaitForAsyncUtilsBridge.settle();
        moveTo(cellOnScreen(canvas, (HeatmapFigure) fx(canvas::getFigure), q, k));
        waitUntil("the readout", () -> fx(canvas::readoutText) != null);
        String readout = fx(canvas::readoutText);
        assertTrue(readout.contains("not among its top 2"), readout);
        float weight = Float.parseFloat(readout.replaceAll(".*: ([0-9.E-]+),.*", "$1"));
        assertEquals(expected[q][k], weight, HfReference.TOLERANCE, "HuggingFace's weight, renormalised: " + readout);
    }

    /** The screen point at the centre of cell (row, col) of a heatmap on the canvas. */
    private static Point2D cellOnScreen(FigureCanvas canvas, HeatmapFigure fig, int row, int col) {
        double cell = fig.options().cellSize();
        return fx(() -> canvas.localToScreen(canvas.snappedLeftInset() + fig.gridX() + (col + 0.5) * cell,
                canvas.snappedTopInset() + fig.gridY() + (row + 0.5) * cell));
    }

    /**
     * Reads the heatmap back from the canvas's pixels: the centre of every cell has the colour
     * of {@code weights} (HuggingFace's), so a view model that is right while the screen is
     * stale, or shows another layer or head, fails.
     */
    private void assertCanvasShows(float[][] weights, String where) {
        WaitForAsyncUtilsBridge.settle();
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        HeatmapFigure fig = (HeatmapFigure) fx(canvas::getFigure);
        WritableImage image = fx(() -> canvas.canvas().snapshot(null, null));
        PixelReader pixels = image.getPixelReader();
        double cell = fig.options().cellSize();
        double max = 1; // the fixed 0-1 colour scale, the default
        for (int q = 0; q < weights.length; q++) {
            for (int k = 0; k < weights[q].length; k++) {
                int x = (int) (fig.gridX() + (k + 0.5) * cell);
                int y = (int) (fig.gridY() + (q + 0.5) * cell);
                assertColourNear(fig.options().colorMap().argb(weights[q][k] / max), pixels.getArgb(x, y),
                        where + ", cell " + q + "," + k);
            }
        }
    }

    private static int rank(float[] row, int k) {
        int above = 0;
        for (float v : row) {
            above += v > row[k] ? 1 : 0;
        }
        return above;
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
    void aLongInputOnA256PositionModelStaysReadableScrollsZoomsAndKeepsTopLinks() {
        pick(TestModels.LONG_BERT_REPO);
        String[] words = "the cat sat on the mat and she saw a big red bird in the garden".split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            text.append(words[i % words.length]).append(' ');
        }
        fxRun(() -> explorer().textAProperty().set(text.toString().trim()));
        waitUntil("the long run", () -> explorer().getLastRun() != null
                && explorer().getLastRun().trace().input().length() == 132 && explorer().isIdle());
        WaitForAsyncUtilsBridge.settle();
        AttentionMatrix m = shown();
        assertEquals(132, m.rows());
        for (float[] row : m.weights()) {
            double sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4, "every row of the engine's softmax sums to 1");
        }
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        HeatmapFigure fig = (HeatmapFigure) fx(canvas::getFigure);
        assertEquals(132, fig.matrix().rows());
        assertTrue(fig.options().cellSize() >= 9, "cells stay big enough for labels: " + fig.options().cellSize());
        ScrollPane scroll = lookup("#figureScroll").queryAs(ScrollPane.class);
        double viewport = fx(() -> scroll.getViewportBounds().getHeight());
        double height = fx(canvas::getHeight);
        assertTrue(height > viewport, "the map scrolls rather than shrinking to nothing");

        fxRun(() -> explorer().zoomProperty().set(2.0));
        WaitForAsyncUtilsBridge.settle();
        assertTrue(fx(canvas::getHeight) > 1.8 * height, "zoom 2 doubles the map");

        fxRun(() -> {
            explorer().topKProperty().set(3);
            explorer().viewModeProperty().set(ViewMode.HEADS);
        });
        WaitForAsyncUtilsBridge.settle();
        HeadLinesFigure lines = (HeadLinesFigure) fx(canvas::getFigure);
        for (float[] row : lines.heads().get(0).matrix().weights()) {
            int kept = 0;
            for (float v : row) {
                kept += v > 0 ? 1 : 0;
            }
            assertTrue(kept <= 3, "top 3 links per token");
        }
    }

    @Test
    void aScrolledHeatmapKeepsItsTokenLabelsInViewAndTheyStillAnswerThePointer() {
        pick(TestModels.LONG_BERT_REPO);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            text.append(i % 3 == 0 ? "red " : "bird ");
        }
        fxRun(() -> {
            explorer().textAProperty().set(text.toString().trim());
            explorer().zoomProperty().set(2.0);
        });
        waitUntil("the long run", () -> explorer().getLastRun().trace().input().length() == 122 && explorer().isIdle());
        WaitForAsyncUtilsBridge.settle();
        ScrollPane scroll = lookup("#figureScroll").queryAs(ScrollPane.class);
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        fxRun(() -> {
            scroll.setHvalue(0.5);
            scroll.setVvalue(0.5);
        });
        WaitForAsyncUtilsBridge.settle();
        HeatmapFigure fig = (HeatmapFigure) fx(canvas::getFigure);
        double cell = fig.options().cellSize();
        // The viewport's top-left corner in figure coordinates: the labels' own places are scrolled away.
        Point2D topLeft = fx(() -> {
            javafx.scene.Node viewport = scroll.lookup(".viewport");
            return canvas.sceneToLocal(viewport.localToScene(0, 0));
        });
        double viewX = topLeft.getX() - fx(canvas::snappedLeftInset);
        double viewY = topLeft.getY() - fx(canvas::snappedTopInset);
        assertTrue(viewY > fig.gridY() && viewX > fig.gridX(), "scrolled past both label bands");

        // a column label at the top of the viewport, over the column whose cells are below it
        double x = viewX + fig.gridX() + 10.5 * cell; // right of the kept row labels
        int col = (int) Math.floor((x - fig.gridX()) / cell);
        moveTo(fx(() -> canvas.localToScreen(canvas.snappedLeftInset() + x, canvas.snappedTopInset() + viewY + (fig.gridY() - 8)
                - fig.columnBandTop())));
        waitUntil("the key readout", () -> fx(canvas::readoutText) != null);
        assertEquals("Key \u201c" + fig.matrix().colTokens().get(col) + "\u201d: click to highlight", fx(canvas::readoutText));
        clickOn(MouseButton.PRIMARY);
        assertEquals(col, explorer().selectedTokenProperty().get(), "clicking a kept label highlights its token");

        // a row label at the left edge of the viewport
        double y = viewY + (fig.gridY() - fig.columnBandTop()) + 5.5 * cell; // below the kept column labels
        int row = (int) Math.floor((y - fig.gridY()) / cell);
        moveTo(fx(() -> canvas.localToScreen(canvas.snappedLeftInset() + viewX + fig.gridX() - 6, canvas.snappedTopInset() + y)));
        waitUntil("the query readout", () -> fx(canvas::readoutText) != null && fx(canvas::readoutText).startsWith("Query"));
        assertEquals("Query \u201c" + fig.matrix().rowTokens().get(row) + "\u201d: click to highlight", fx(canvas::readoutText));
    }

    @Test
    void everyControlExplainsItselfInATooltip() {
        fxRun(() -> explorer().pairModeProperty().set(true));
        clickOn("#headsToggle");
        WaitForAsyncUtilsBridge.settle();
        List<String> without = fx(() -> {
            List<String> missing = new ArrayList<>();
            for (javafx.scene.Node n : lookup(node -> node instanceof javafx.scene.control.Control && node.isVisible()).queryAll()) {
                boolean input = n instanceof javafx.scene.control.ButtonBase || n instanceof javafx.scene.control.ComboBoxBase
                        || n instanceof javafx.scene.control.Spinner || n instanceof javafx.scene.control.Slider
                        || n instanceof javafx.scene.control.TextInputControl;
                boolean part = inside(n, javafx.scene.control.MenuBar.class) || inside(n, javafx.scene.control.Spinner.class)
                        || inside(n, javafx.scene.control.ComboBoxBase.class);
                if (input && !part && ((javafx.scene.control.Control) n).getTooltip() == null) {
                    missing.add(n.getClass().getSimpleName() + " #" + n.getId());
                }
            }
            return missing;
        });
        assertEquals(List.of(), without);
    }

    @Test
    void aTokenChipSaysItsPositionAndTheIdHuggingFaceGaveIt() {
        HfReference.Case hf = HfReference.bert(CAT, null);
        typeText(CAT);
        waitForRunOf(hf.tokens());
        Label chip = fx(() -> new ArrayList<>(lookup(".token").queryAllAs(Label.class)).get(2));
        moveTo(chip);
        waitUntil("the chip's tooltip", () -> fx(() -> chip.getTooltip() != null && chip.getTooltip().isShowing()));
        assertEquals("Token 2: \u201ccat\u201d, id " + hf.ids()[2], fx(() -> chip.getTooltip().getText()));

        // chips are reused as the text changes; their tooltips follow
        HfReference.Case other = HfReference.bert("She saw the [MASK] dog in the garden!", null);
        typeText(other.text());
        waitForRunOf(other.tokens());
        Label again = fx(() -> new ArrayList<>(lookup(".token").queryAllAs(Label.class)).get(2));
        moveTo("#textA");
        moveTo(again);
        waitUntil("the new tooltip", () -> fx(() -> again.getTooltip() != null && again.getTooltip().isShowing()));
        assertEquals("Token 2: \u201csaw\u201d, id " + other.ids()[2], fx(() -> again.getTooltip().getText()));
        assertEquals(other.tokens().size(), (int) fx(() -> lookup(".token").queryAll().size()));
    }

    private static boolean inside(javafx.scene.Node n, Class<?> type) {
        for (javafx.scene.Node p = n.getParent(); p != null; p = p.getParent()) {
            if (type.isInstance(p)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theKeyboardReachesTheFigureFromTheTextFieldAndItsArrowsThenPickLayerAndHead() {
        clickOn("#textA");
        FigureCanvas canvas = explorerLesson().controller().figureCanvas();
        int presses = 0;
        while (!fx(canvas::isFocused) && presses < 40) {
            type(KeyCode.TAB);
            presses++;
        }
        assertTrue(fx(canvas::isFocused), "Tab reaches the figure");
        type(KeyCode.DOWN).type(KeyCode.RIGHT);
        assertEquals(1, explorer().layerProperty().get());
        assertEquals(1, explorer().headProperty().get());
        type(KeyCode.ESCAPE);
        assertEquals(-1, explorer().selectedTokenProperty().get());
    }

    private List<String> chipTexts() {
        return fx(() -> {
            List<String> texts = new ArrayList<>();
            lookup(".token").queryAllAs(Label.class).forEach(l -> texts.add(l.getText()));
            return texts;
        });
    }

    static void assertClose(float[][] expected, float[][] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": rows");
        for (int q = 0; q < expected.length; q++) {
            assertEquals(expected[q].length, actual[q].length, where + ": columns");
            for (int k = 0; k < expected[q].length; k++) {
                assertEquals(expected[q][k], actual[q][k], HfReference.TOLERANCE, where + " [" + q + "][" + k + "]");
            }
        }
    }

    private static double luminance(int argb) {
        return 0.2126 * (argb >> 16 & 0xff) + 0.7152 * (argb >> 8 & 0xff) + 0.0722 * (argb & 0xff);
    }

    /** Colours agree within 3 steps per channel: the weights agree with HuggingFace's to 1e-4, not exactly. */
    private static void assertColourNear(int expected, int actual, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xff;
            int a = actual >> shift & 0xff;
            assertTrue(Math.abs(e - a) <= 3, String.format("%s: expected #%06x, got #%06x", where, expected & 0xffffff,
                    actual & 0xffffff));
        }
    }
}
