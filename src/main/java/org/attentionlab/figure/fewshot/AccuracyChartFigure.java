package org.attentionlab.figure.fewshot;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.fewshot.AccuracyPoint;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;

/**
 * Accuracy against the number of examples: one line per series (with the description line, and
 * examples only), each point the mean over the example orders with a bar from the worst to the
 * best order. The numbers of examples are evenly spaced (0, 1, 2, 4, 8 as in the GPT-3 paper's
 * figures, which use a log-like axis). Points not yet computed are left out, so the chart fills
 * in while a run progresses.
 */
public final class AccuracyChartFigure implements Figure {
    private static final String NOTE = "bars: worst to best of the example orders";

    private final double left;
    private final double right;
    private final double top;
    private final double bottom;

    private final List<Integer> shots;
    private final List<AccuracyPoint> points;
    private final String title;
    private final FigureStyle style;
    private final TextMeasure measure;
    private final double width;
    private final double height;
    private final int[] selected;   // {shots, withDescription ? 1 : 0}, or null
    private final boolean noteOnOwnLine;

    /**
     * @param shots    the numbers of examples on the x axis, in order
     * @param points   the points computed so far
     * @param selected the point to highlight ({shots, 1 with description / 0 without}), or null
     */
    public AccuracyChartFigure(List<Integer> shots, List<AccuracyPoint> points, String title, int[] selected,
                               double width, double height, FigureStyle style, TextMeasure measure) {
        this.shots = List.copyOf(shots);
        this.points = List.copyOf(points);
        this.title = title;
        this.selected = selected;
        this.width = Math.max(320, width);
        this.style = style;
        this.measure = measure;
        double fs = style.fontSize();
        left = 16 + measure.width("100%", fs, false);
        right = 2 * fs;
        // the title's line, then a line for the value labels that stand above a point at 100%
        top = 1.3 * fs + 1.4 * fs + 10;
        // the k axis and its name, then the legend: on one line when the note fits beside the
        // series names, else the note on a line of its own (large type, narrow window)
        noteOnOwnLine = left + legendWidth() + 24 + measure.width(NOTE, fs - 1, false) > this.width - right;
        bottom = (noteOnOwnLine ? 6.6 : 5.2) * fs;
        // at least four lines of type for the plot (0%, 50%, 100% apart); a shorter pane scrolls
        this.height = Math.max(top + bottom + 4 * fs, height);
    }

    private static String legendLabel(boolean withDescription) {
        return withDescription ? "with the description line" : "examples only";
    }

    /** Width of the series names with their colour boxes, as the legend draws them. */
    private double legendWidth() {
        double w = 0;
        for (boolean desc : new boolean[] {true, false}) {
            if (points.stream().anyMatch(p -> p.withDescription() == desc)) {
                w += legendEntryWidth(desc);
            }
        }
        return w;
    }

    /** One series' colour box, its name and the gap after it. */
    private double legendEntryWidth(boolean withDescription) {
        return 18 + measure.width(legendLabel(withDescription), style.fontSize(), false) + 24;
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public FigureStyle style() {
        return style;
    }

    /** The colour of a series: the highlight colour with the description, the second colour without. */
    public int seriesColor(boolean withDescription) {
        return withDescription ? style.highlight() : style.segmentB();
    }

    double plotW() {
        return width - left - right;
    }

    double plotH() {
        return height - top - bottom;
    }

    /** x of the i-th number of examples; the two series sit a few pixels apart so their bars do not overlap. */
    double x(int i, boolean withDescription) {
        double step = plotW() / Math.max(1, shots.size());
        return left + step * (i + 0.5) + (withDescription ? -5 : 5);
    }

    double y(double accuracy) {
        return top + plotH() * (1 - accuracy);
    }

    /** The point under (px, py) within 14 pixels, as {shots, 1 with description / 0 without}, or null. */
    public int[] pointAt(double px, double py) {
        int[] best = null;
        double bestD = 14;
        for (AccuracyPoint p : points) {
            int i = shots.indexOf(p.shots());
            if (i < 0) {
                continue;
            }
            double dx = px - x(i, p.withDescription());
            double top = y(p.max());
            double bottom = y(p.min());
            double dy = py < top ? top - py : py > bottom ? py - bottom : 0;
            double d = Math.hypot(dx, dy);
            if (d < bestD) {
                bestD = d;
                best = new int[] {p.shots(), p.withDescription() ? 1 : 0};
            }
        }
        return best;
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        s.fillRect(0, 0, width, height, style.background());
        s.text(title, left, 1.3 * fs, fs + 1, true, style.foreground(), Surface.Align.LEFT, 0);
        int tick = plotH() >= 6 * fs ? 25 : 50;                               // quarters when they fit
        for (int pct = 0; pct <= 100; pct += tick) {                          // y grid and ticks
            double y = y(pct / 100.0);
            s.line(left, y, left + plotW(), y, pct == 0 ? 1.2 : 0.5, style.grid());
            s.text(pct + "%", left - 6, y + fs / 3, fs, false, style.muted(), Surface.Align.RIGHT, 0);
        }
        for (int i = 0; i < shots.size(); i++) {                              // x ticks
            double x = (x(i, true) + x(i, false)) / 2;
            s.text(String.valueOf(shots.get(i)), x, top + plotH() + fs + 6, fs, false, style.foreground(),
                    Surface.Align.CENTER, 0);
        }
        s.text("examples in the prompt (k)", left + plotW() / 2, top + plotH() + 2 * fs + 8, fs, false, style.muted(),
                Surface.Align.CENTER, 0);
        List<double[]> labelBoxes = new ArrayList<>();   // value labels drawn so far: x0, y0, x1, y1
        for (boolean desc : new boolean[] {true, false}) {
            List<double[]> line = new ArrayList<>();
            int color = seriesColor(desc);
            for (int i = 0; i < shots.size(); i++) {
                AccuracyPoint p = find(shots.get(i), desc);
                if (p == null) {
                    continue;
                }
                double x = x(i, desc);
                if (p.max() > p.min()) {                                      // the spread over example orders
                    s.line(x, y(p.min()), x, y(p.max()), 2, color);
                    s.line(x - 4, y(p.min()), x + 4, y(p.min()), 2, color);
                    s.line(x - 4, y(p.max()), x + 4, y(p.max()), 2, color);
                }
                line.add(new double[] {x, y(p.mean())});
            }
            for (int j = 1; j < line.size(); j++) {
                s.line(line.get(j - 1)[0], line.get(j - 1)[1], line.get(j)[0], line.get(j)[1], 2, color);
            }
            for (int i = 0; i < shots.size(); i++) {
                AccuracyPoint p = find(shots.get(i), desc);
                if (p == null) {
                    continue;
                }
                double x = x(i, desc);
                double y = y(p.mean());
                boolean sel = selected != null && selected[0] == p.shots() && (selected[1] == 1) == desc;
                double r = sel ? 6 : 4;
                s.fillRect(x - r, y - r, 2 * r, 2 * r, color);
                if (sel) {
                    s.strokeRect(x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4, 1.5, style.foreground());
                }
                valueLabel(s, p, x, color, labelBoxes);
            }
        }
        double ly = height - fs * (noteOnOwnLine ? 2.2 : 0.8);                          // legend
        double lx = left;
        for (boolean desc : new boolean[] {true, false}) {
            if (points.stream().noneMatch(p -> p.withDescription() == desc)) {
                continue;
            }
            s.fillRect(lx, ly - 8, 12, 12, seriesColor(desc));
            s.text(legendLabel(desc), lx + 18, ly + 2, fs, false, style.foreground(), Surface.Align.LEFT, 0);
            lx += legendEntryWidth(desc);
        }
        if (noteOnOwnLine) {
            s.text(NOTE, left, height - fs * 0.6, fs - 1, false, style.muted(), Surface.Align.LEFT, 0);
        } else {
            s.text(NOTE, width - right, ly + 2, fs - 1, false, style.muted(), Surface.Align.RIGHT, 0);
        }
    }

    /**
     * The mean as a percentage, centred on the point's column: with the description above the
     * spread bar, examples only below it (above when below would cross the k axis); a label that
     * would cover one already drawn moves to the other side, or is left out when neither side is
     * free (two equal values at the same k).
     */
    private void valueLabel(Surface s, AccuracyPoint p, double x, int color, List<double[]> drawn) {
        double fs = style.fontSize();
        double size = fs - 1;
        String text = p.percent() + "%";
        double w = measure.width(text, size, false);
        double above = y(p.max()) - 8;                    // baselines
        double below = y(p.min()) + size + 6;
        boolean belowFits = below + 0.2 * size < top + plotH() - 1;
        double[] order = p.withDescription() || !belowFits ? new double[] {above, below} : new double[] {below, above};
        for (double base : order) {
            if (base == below && !belowFits) {
                continue;
            }
            double[] box = {x - w / 2, base - 0.8 * size, x + w / 2, base + 0.2 * size};
            boolean free = drawn.stream().noneMatch(b -> box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]);
            if (free) {
                drawn.add(box);
                s.text(text, x, base, size, false, color, Surface.Align.CENTER, 0);
                return;
            }
        }
    }

    private AccuracyPoint find(int k, boolean desc) {
        for (AccuracyPoint p : points) {
            if (p.shots() == k && p.withDescription() == desc) {
                return p;
            }
        }
        return null;
    }
}
