package org.attentionlab.figure.fewshot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.figure.AwtSurface;
import org.attentionlab.figure.FigureExport;
import org.attentionlab.figure.FigureStyle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accuracy chart's words never overlap, at the screen's type and at presentation type, in a
 * wide and a narrow pane, with the hardest values: every point near 100% (the labels then stand
 * between the title and the plot) or near 0% (over the k axis), and both series present (the
 * longest legend).
 */
class AccuracyChartFigureTest {
    private static final Pattern TEXT = Pattern.compile(
            "<text x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" font-size=\"([0-9.]+)\"( font-weight=\"bold\")?"
                    + "( text-anchor=\"(middle|end)\")?[^>]*>([^<]*)</text>");

    record Box(String text, double x0, double y0, double x1, double y1) {
        boolean overlaps(Box o) {
            return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
        }
    }

    @ParameterizedTest
    @CsvSource({"12, 760, 300, 1", "12, 420, 260, 1", "20, 560, 300, 1", "20, 760, 330, 1",
            "12, 420, 260, 0", "20, 560, 300, 0", "20, 560, 200, 1", "12, 760, 120, 0"})
    void noTwoWordsOverlapAndAllStayInside(double fontSize, double width, double height, double high) {
        FigureStyle style = FigureStyle.print().withFontSize(fontSize);
        var measure = new AwtSurface.AwtTextMeasure(style.fontFamily());
        List<Integer> shots = List.of(0, 1, 2, 4, 8);
        List<AccuracyPoint> points = new ArrayList<>();
        for (int k : shots) {
            if (high == 1) {     // everything right: the labels crowd under the title
                points.add(new AccuracyPoint(k, true, new double[] {1, 1, 1}, 120, 120));
                points.add(new AccuracyPoint(k, false, new double[] {0.9, 1, 1}, 116, 120));
            } else {             // nothing right: the labels crowd over the k axis
                points.add(new AccuracyPoint(k, true, new double[] {0, 0, 0.05}, 2, 120));
                points.add(new AccuracyPoint(k, false, new double[] {0, 0, 0}, 0, 120));
            }
        }
        AccuracyChartFigure fig = new AccuracyChartFigure(shots, points, "opposite: accuracy against k",
                new int[] {1, 1}, width, height, style, measure);
        List<Box> boxes = new ArrayList<>();
        Matcher m = TEXT.matcher(FigureExport.toSvg(fig));
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            double size = Double.parseDouble(m.group(3));
            String text = m.group(7).replace("&amp;", "&");
            double w = measure.width(text, size, m.group(4) != null);
            double x0 = "middle".equals(m.group(6)) ? x - w / 2 : "end".equals(m.group(6)) ? x - w : x;
            boxes.add(new Box(text, x0, y - 0.8 * size, x0 + w, y + 0.2 * size));
        }
        assertTrue(boxes.size() > 15, "title, ticks, values, legend: " + boxes.size());
        for (Box b : boxes) {
            assertTrue(b.x0 >= 0 && b.x1 <= fig.width() && b.y0 >= 0 && b.y1 <= fig.height(), "inside: " + b);
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertTrue(!boxes.get(i).overlaps(boxes.get(j)), boxes.get(i) + " overlaps " + boxes.get(j));
            }
        }
    }
}
