package org.attentionlab.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The export subcommand writes what HuggingFace computed, in the formats a slide needs. */
class ExportCommandTest {
    private static final Path DIR = Path.of("src/test/resources/golden/pipeline");

    @TempDir
    Path tmp;

    private static JsonNode bertCase(int i) throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("bert").get(i);
    }

    /** Splits one CSV line (fields may be quoted, with doubled quotes inside). */
    private static List<String> fields(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    @Test
    void csvHoldsHuggingFacesWeightsWithTokenLabels() throws Exception {
        JsonNode c = bertCase(0);
        Path out = tmp.resolve("head.csv");
        var r = CliGoldenTest.run("export", "--model", DIR.resolve("bert").toString(), "--text", c.get("text").asText(),
                "--layer", "1", "--head", "2", "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        JsonNode tokens = c.get("tokens");
        JsonNode att = c.get("attentions").get(1).get(2);
        assertEquals(tokens.size() + 1, lines.size());
        List<String> header = fields(lines.get(0));
        assertEquals(tokens.size() + 1, header.size());
        for (int k = 0; k < tokens.size(); k++) {
            assertEquals(tokens.get(k).asText(), header.get(k + 1));
        }
        for (int q = 0; q < tokens.size(); q++) {
            List<String> row = fields(lines.get(q + 1));
            assertEquals(tokens.get(q).asText(), row.get(0));
            for (int k = 0; k < tokens.size(); k++) {
                assertEquals(att.get(q).get(k).asDouble(), Double.parseDouble(row.get(k + 1)), 1e-4, "q" + q + " k" + k);
            }
        }
    }

    @Test
    void meanOverHeadsIsTheAverageOfHuggingFacesHeads() throws Exception {
        JsonNode c = bertCase(1);
        Path out = tmp.resolve("mean.csv");
        var r = CliGoldenTest.run("export", "--model", DIR.resolve("bert").toString(), "--text", c.get("text").asText(),
                "--layer", "0", "--head", "mean", "--format", "csv", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        JsonNode layer = c.get("attentions").get(0);
        for (int q = 0; q < lines.size() - 1; q++) {
            List<String> row = fields(lines.get(q + 1));
            for (int k = 0; k < row.size() - 1; k++) {
                double mean = 0;
                for (JsonNode h : layer) {
                    mean += h.get(q).get(k).asDouble() / layer.size();
                }
                assertEquals(mean, Double.parseDouble(row.get(k + 1)), 1e-4);
            }
        }
    }

    @Test
    void pngAndSvgAreReadableImagesOfTheMap() throws Exception {
        Path png = tmp.resolve("map.png");
        Path svg = tmp.resolve("map.svg");
        String model = DIR.resolve("gpt2").toString();
        assertEquals(0, CliGoldenTest.run("export", "--model", model, "--text", "The cat sat on the mat.", "--layer", "0",
                "--head", "1", "--format", "png", "--out", png.toString()).code());
        assertEquals(0, CliGoldenTest.run("export", "--model", model, "--text", "The cat sat on the mat.", "--layer", "0",
                "--head", "1", "--format", "svg", "--out", svg.toString()).code());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 200 && img.getHeight() > 200, img.getWidth() + "x" + img.getHeight());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        String text = Files.readString(svg);
        assertTrue(text.contains("Layer 0, head 1"), "the SVG carries its title");
    }

    @Test
    void badLayerHeadOrFormatIsAOneLineError() throws Exception {
        String model = DIR.resolve("bert").toString();
        Path out = tmp.resolve("x.csv");
        var layer = CliGoldenTest.run("export", "--model", model, "--text", "the cat", "--layer", "9", "--head", "0",
                "--format", "csv", "--out", out.toString());
        assertEquals(1, layer.code());
        assertTrue(layer.err().contains("Layer 9"), layer.err());
        var head = CliGoldenTest.run("export", "--model", model, "--text", "the cat", "--layer", "0", "--head", "7",
                "--format", "csv", "--out", out.toString());
        assertEquals(1, head.code(), head.err());
        var format = CliGoldenTest.run("export", "--model", model, "--text", "the cat", "--format", "gif", "--out", out.toString());
        assertEquals(1, format.code());
        assertTrue(format.err().contains("png, svg or csv"), format.err());
        var folder = CliGoldenTest.run("export", "--model", model, "--text", "the cat", "--format", "csv",
                "--out", tmp.resolve("missing/x.csv").toString());
        assertEquals(1, folder.code());
        assertTrue(!Files.exists(out), "nothing is written when the request is refused");
    }
}
