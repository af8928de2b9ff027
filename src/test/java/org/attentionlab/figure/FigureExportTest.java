package org.attentionlab.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.ModelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FigureExportTest {
    private final Encoding enc = TestTraces.encoding(List.of("[CLS]", "hello", ",", "\"quoted\"", "world", "[SEP]"),
            new boolean[] {true, false, false, false, false, true}, null);
    private final ForwardTrace trace = TestTraces.trace(enc, 2, 2, false, 11);
    private final AttentionMatrix matrix = AttentionSlices.select(trace, ModelKind.BERT, 1, 1, SliceOptions.ALL);

    @TempDir
    Path dir;

    @Test
    void csvHasAHeaderOfKeyTokensThenOneRowPerQueryWithItsWeights() throws Exception {
        Path out = dir.resolve("w.csv");
        FigureExport.writeCsv(matrix, out);
        List<List<String>> rows = CsvReader.parse(Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(enc.length() + 1, rows.size());
        List<String> header = rows.get(0);
        assertEquals("", header.get(0));
        assertEquals(enc.tokens(), header.subList(1, header.size()));
        for (int q = 0; q < enc.length(); q++) {
            List<String> row = rows.get(q + 1);
            assertEquals(enc.tokens().get(q), row.get(0));
            assertEquals(enc.length() + 1, row.size());
            for (int k = 0; k < enc.length(); k++) {
                assertEquals(trace.attentions()[1][1][q][k], Float.parseFloat(row.get(k + 1)),
                        "weight of query " + q + " on key " + k + " reads back exactly");
            }
        }
    }

    @Test
    void svgIsWellFormedWithOneCellPerWeightColouredByTheMap() throws Exception {
        HeatmapFigure fig = new HeatmapFigure(matrix, HeatmapFigure.Options.defaults(ModelKind.BERT),
                FigureStyle.print(), new AwtSurface.AwtTextMeasure("SansSerif"));
        Document doc = parseXml(FigureExport.toSvg(fig));
        Element cells = null;
        NodeList groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("cells") && g.getElementsByTagName("rect").getLength() == 36) {
                cells = g;
            }
        }
        assertTrue(cells != null, "a group of 6 x 6 cells");
        NodeList rects = cells.getElementsByTagName("rect");
        double max = matrix.maxWeight();
        for (int q = 0; q < 6; q++) {
            for (int k = 0; k < 6; k++) {
                Element r = (Element) rects.item(q * 6 + k);
                String expected = ColorMap.VIRIDIS.hex(trace.attentions()[1][1][q][k] / max);
                assertEquals(expected, r.getAttribute("fill"), "cell " + q + "," + k);
                assertEquals(fig.gridX() + k * 22, Double.parseDouble(r.getAttribute("x")), 0.01);
                assertEquals(fig.gridY() + q * 22, Double.parseDouble(r.getAttribute("y")), 0.01);
            }
        }
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        assertTrue(texts.contains("\"quoted\""), "labels are escaped, not dropped: " + texts);
        assertTrue(texts.contains("[SEP]"));
    }

    @Test
    void writePictureWritesThePngOrSvgOfTheFormatAndRefusesCsv() throws Exception {
        HeatmapFigure fig = new HeatmapFigure(matrix, HeatmapFigure.Options.defaults(ModelKind.BERT),
                FigureStyle.print(), new AwtSurface.AwtTextMeasure("SansSerif"));
        Path png = dir.resolve("a.png");
        Path pngDirect = dir.resolve("b.png");
        FigureExport.writePicture(fig, FigureExport.Format.PNG, 2, png);
        FigureExport.writePng(fig, 2, pngDirect);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(pngDirect), Files.readAllBytes(png)), "PNG at the given scale");
        Path svg = dir.resolve("a.svg");
        FigureExport.writePicture(fig, FigureExport.Format.SVG, 2, svg);
        assertEquals(FigureExport.toSvg(fig), Files.readString(svg, StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FigureExport.writePicture(fig, FigureExport.Format.CSV, 2, dir.resolve("a.csv")));
        assertTrue(Files.notExists(dir.resolve("a.csv")));
    }

    @Test
    void pngPixelsAtCellCentresHaveTheCellsColour() throws Exception {
        HeatmapFigure fig = new HeatmapFigure(matrix, HeatmapFigure.Options.defaults(ModelKind.BERT),
                FigureStyle.print(), new AwtSurface.AwtTextMeasure("SansSerif"));
        Path out = dir.resolve("h.png");
        FigureExport.writePng(fig, 2, out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertEquals((int) Math.ceil(fig.width() * 2), img.getWidth());
        double max = matrix.maxWeight();
        for (int q = 0; q < 6; q++) {
            for (int k = 0; k < 6; k++) {
                int x = (int) ((fig.gridX() + (k + 0.5) * 22) * 2);
                int y = (int) ((fig.gridY() + (q + 0.5) * 22) * 2);
                int expected = ColorMap.VIRIDIS.argb(trace.attentions()[1][1][q][k] / max);
                assertEquals(Integer.toHexString(expected), Integer.toHexString(img.getRGB(x, y)), "cell " + q + "," + k);
            }
        }
    }

    @Test
    void causalMapsPaintFutureKeysInTheMaskedColourNotAsZero() throws Exception {
        Encoding gpt = TestTraces.encoding(List.of("A", "Ġb", "Ġc", "Ġd"), null, null);
        AttentionMatrix m = AttentionSlices.select(TestTraces.trace(gpt, 1, 1, true, 2), ModelKind.GPT2, 0, 0,
                SliceOptions.ALL);
        FigureStyle style = FigureStyle.print();
        HeatmapFigure fig = new HeatmapFigure(m, HeatmapFigure.Options.defaults(ModelKind.GPT2), style,
                new AwtSurface.AwtTextMeasure("SansSerif"));
        BufferedImage img = FigureExport.toImage(fig, 1);
        // a corner of the cell, away from the hatch line through its middle
        int x = (int) (fig.gridX() + 3 * 22 + 3);
        int y = (int) (fig.gridY() + 0 * 22 + 3);
        assertEquals(Integer.toHexString(style.masked()), Integer.toHexString(img.getRGB(x, y)));
        int lx = (int) (fig.gridX() + 3);
        int ly = (int) (fig.gridY() + 3 * 22 + 3);
        assertEquals(Integer.toHexString(ColorMap.VIRIDIS.argb(m.weights()[3][0] / m.maxWeight())),
                Integer.toHexString(img.getRGB(lx, ly)));
    }

    @Test
    void aLongInputsSvgEmbedsItsCellsAsOnePixelExactImage() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tokens.add("t" + i);
        }
        Encoding longEnc = TestTraces.encoding(tokens, null, null);
        ForwardTrace t = TestTraces.trace(longEnc, 1, 1, false, 4);
        AttentionMatrix m = AttentionSlices.select(t, ModelKind.BERT, 0, 0, SliceOptions.ALL);
        HeatmapFigure fig = new HeatmapFigure(m, HeatmapFigure.Options.defaults(ModelKind.BERT).withCellSize(8),
                FigureStyle.print(), new AwtSurface.AwtTextMeasure("SansSerif"));
        Document doc = parseXml(FigureExport.toSvg(fig));
        Element image = (Element) doc.getElementsByTagName("image").item(0);
        String href = image.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        byte[] png = java.util.Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(100, img.getWidth());
        assertEquals(100, img.getHeight());
        assertEquals(fig.cellColour(42, 17), img.getRGB(17, 42));
        assertEquals(800, Double.parseDouble(image.getAttribute("width")), 0.01);
    }

    @Test
    void headViewAndModelViewExportAsValidSvg() throws Exception {
        HeadLinesFigure heads = new HeadLinesFigure(List.of(
                new HeadLinesFigure.HeadLines("H0", AttentionSlices.select(trace, ModelKind.BERT, 0, 0, SliceOptions.ALL), HeadPalette.argb(0)),
                new HeadLinesFigure.HeadLines("H1", AttentionSlices.select(trace, ModelKind.BERT, 0, 1, SliceOptions.ALL), HeadPalette.argb(1))),
                HeadLinesFigure.Options.defaults(ModelKind.BERT), FigureStyle.print(), new AwtSurface.AwtTextMeasure("SansSerif"));
        Document hd = parseXml(FigureExport.toSvg(heads));
        // one line per head and (query, key) pair whose weight reaches the figure's 0.005 cut-off,
        // in that head's colour, opacity 0.1 + 0.9 x (weight / the largest weight): the weights, drawn
        NodeList lines = hd.getElementsByTagName("line");
        for (int h = 0; h < 2; h++) {
            float[][] a = trace.attentions()[0][h];
            List<Double> expectedOpacity = new ArrayList<>();
            for (float[] row : a) {
                for (float v : row) {
                    if (v >= 0.005f) {
                        expectedOpacity.add(0.1 + 0.9 * v);
                    }
                }
            }
            String colour = SvgSurface.hex(HeadPalette.argb(h));
            List<Double> drawnOpacity = new ArrayList<>();
            for (int i = 0; i < lines.getLength(); i++) {
                Element line = (Element) lines.item(i);
                if (line.getAttribute("stroke").equals(colour)) {
                    String o = line.getAttribute("stroke-opacity");
                    drawnOpacity.add(o.isEmpty() ? 1.0 : Double.parseDouble(o));
                }
            }
            assertEquals(expectedOpacity.size(), drawnOpacity.size(), "lines of head " + h);
            for (int i = 0; i < drawnOpacity.size(); i++) {
                assertEquals(expectedOpacity.get(i), drawnOpacity.get(i), 0.005 + 1.0 / 255, "opacity of line " + i + " of head " + h + " (written to 2 decimals)");
            }
        }
        List<List<AttentionMatrix>> grid = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            List<AttentionMatrix> row = new ArrayList<>();
            for (int h = 0; h < 2; h++) {
                row.add(AttentionSlices.select(trace, ModelKind.BERT, l, h, SliceOptions.ALL));
            }
            grid.add(row);
        }
        ModelGridFigure model = new ModelGridFigure(grid, ModelGridFigure.Options.defaults(), FigureStyle.print(),
                new AwtSurface.AwtTextMeasure("SansSerif"));
        Document md = parseXml(FigureExport.toSvg(model));
        assertEquals(4, md.getElementsByTagName("image").getLength(), "one thumbnail per layer and head");
    }

    @Test
    void exportHeadWritesTheCliFormatsForOneHeadOrTheMean() throws Exception {
        Path csv = dir.resolve("mean.csv");
        FigureExport.exportHead(trace, ModelKind.BERT, 0, AttentionSlices.MEAN_OF_HEADS, SliceOptions.ALL,
                FigureExport.Format.parse("csv"), csv);
        List<List<String>> rows = CsvReader.parse(Files.readString(csv));
        float[][] mean = AttentionSlices.meanOverHeads(trace.attentions()[0]);
        for (int q = 0; q < 6; q++) {
            for (int k = 0; k < 6; k++) {
                assertEquals(mean[q][k], Float.parseFloat(rows.get(q + 1).get(k + 1)));
            }
        }
        Path png = dir.resolve("h.png");
        FigureExport.exportHead(trace, ModelKind.BERT, 1, 0, SliceOptions.ALL, FigureExport.Format.PNG, png);
        BufferedImage headPng = ImageIO.read(png.toFile());
        // the figure exportHead promises: 6 tokens get 28-pixel cells (640 / 6 capped at 28), drawn at scale 2
        AttentionMatrix head = AttentionSlices.select(trace, ModelKind.BERT, 1, 0, SliceOptions.ALL);
        HeatmapFigure expectedFig = new HeatmapFigure(head, HeatmapFigure.Options.defaults(ModelKind.BERT).withCellSize(28)
                .withTitle("Layer 1, head 0"), FigureStyle.print(), new AwtSurface.AwtTextMeasure(FigureStyle.print().fontFamily()));
        assertEquals((int) Math.ceil(expectedFig.width() * 2), headPng.getWidth());
        assertEquals((int) Math.ceil(expectedFig.height() * 2), headPng.getHeight());
        for (int q = 0; q < 6; q++) {
            for (int k = 0; k < 6; k++) {
                int x = (int) ((expectedFig.gridX() + (k + 0.5) * 28) * 2);
                int y = (int) ((expectedFig.gridY() + (q + 0.5) * 28) * 2);
                assertEquals(expectedFig.cellColour(q, k), headPng.getRGB(x, y), "pixel of cell " + q + "," + k);
            }
        }
        Path svg = dir.resolve("h.svg");
        FigureExport.exportHead(trace, ModelKind.BERT, 1, 0, new SliceOptions(true, 0), FigureExport.Format.SVG, svg);
        Document doc = parseXml(Files.readString(svg));
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        assertTrue(texts.contains("Layer 1, head 0"), texts.toString());
        assertTrue(!texts.contains("[CLS]"), "special tokens hidden as asked");
    }

    @Test
    void csvQuotesFieldsThatHoldCommasQuotesOrEdgeSpaces() {
        assertEquals("\",\"", FigureExport.csvField(","));
        assertEquals("\"\"\"a\"\"\"", FigureExport.csvField("\"a\""));
        assertEquals("\" x\"", FigureExport.csvField(" x"));
        assertEquals("plain", FigureExport.csvField("plain"));
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
