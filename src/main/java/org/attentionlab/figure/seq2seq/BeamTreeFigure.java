package org.attentionlab.figure.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.attentionlab.domain.BeamTree;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;

/**
 * A beam search as a tree: one column per step, every candidate as a node (word and the
 * log-probability of its whole prefix), joined to its parent. Kept nodes are drawn plain,
 * finished ones (ending with {@code </s>}) bold, pruned ones faint; the result's path is
 * highlighted.
 */
public final class BeamTreeFigure implements Figure {
    private static final double PAD = 10;
    private final double ROW; // row height, 20 px at 12 px labels, scaled with the label size

    private final BeamTree tree;
    private final FigureStyle style;
    private final double colW;
    private final double width;
    private final double height;
    private final double top;
    /** Per step, per node: its path of words from the start. */
    private final List<List<List<String>>> paths = new ArrayList<>();
    /** Per step, the row of each kept node, by beam index (for the children's lines). */
    private final List<double[]> keptY = new ArrayList<>();

    public BeamTreeFigure(BeamTree tree, FigureStyle style, TextMeasure measure) {
        this.tree = tree;
        this.style = style;
        this.ROW = 20 * Math.max(1, style.fontSize() / 12);
        double fs = style.fontSize();
        double widest = measure.width("step 10", fs, true);
        int rows = 1;
        for (List<BeamTree.Node> step : tree.steps()) {
            rows = Math.max(rows, step.size());
            for (BeamTree.Node n : step) {
                widest = Math.max(widest, measure.width(n.word() + "  " + Paint.fmt(n.score()), fs, true));
            }
        }
        colW = widest + 34;
        top = PAD + fs * 1.4 + PAD;
        double hypH = (tree.hypotheses().size() + 2) * ROW;
        width = Math.max(PAD * 2 + 60 + colW * tree.steps().size(), 520);
        height = top + rows * ROW + PAD * 2 + hypH;
        List<List<String>> previous = List.of(List.of());
        for (List<BeamTree.Node> step : tree.steps()) {
            List<List<String>> here = new ArrayList<>();
            List<List<String>> kept = new ArrayList<>();
            for (BeamTree.Node n : step) {
                List<String> p = new ArrayList<>(previous.get(Math.min(n.parent(), previous.size() - 1)));
                p.add(n.word());
                here.add(p);
            }
            int keptCount = (int) step.stream().filter(n -> n.beamIndex() >= 0).count();
            for (int k = 0; k < keptCount; k++) {
                kept.add(List.of());
            }
            for (int i = 0; i < step.size(); i++) {
                if (step.get(i).beamIndex() >= 0) {
                    kept.set(step.get(i).beamIndex(), here.get(i));
                }
            }
            paths.add(here);
            previous = kept.isEmpty() ? List.of(List.of()) : kept;
        }
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

    private boolean onBestPath(List<String> path) {
        List<String> best = tree.best().words();
        return path.size() <= best.size() && best.subList(0, path.size()).equals(path);
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        s.fillRect(0, 0, width, height, style.background());
        s.text("Beam search, width " + tree.width() + (tree.width() == 1 ? " (greedy)" : "")
                        + ": every candidate with the log-probability of its prefix", PAD, PAD + fs, fs * 1.1, true,
                style.foreground(), Surface.Align.LEFT, 0);
        double startX = PAD;
        double startY = top + ROW / 2;
        s.text("<s>", startX, startY + fs * 0.35, fs, true, style.foreground(), Surface.Align.LEFT, 0);
        double[] parentsY = {startY};
        double parentX = startX + 30;
        int rows = 0;
        for (int t = 0; t < tree.steps().size(); t++) {
            List<BeamTree.Node> step = tree.steps().get(t);
            double x = PAD + 60 + t * colW;
            s.text("step " + (t + 1), x, top - 4, fs * 0.9, false, style.muted(), Surface.Align.LEFT, 0);
            int keptCount = (int) step.stream().filter(n -> n.beamIndex() >= 0).count();
            double[] here = new double[keptCount];
            for (int i = 0; i < step.size(); i++) {
                BeamTree.Node n = step.get(i);
                double y = top + i * ROW + ROW / 2;
                boolean best = onBestPath(paths.get(t).get(i)) && n.fate() != BeamTree.Fate.PRUNED;
                int colour = switch (n.fate()) {
                    case PRUNED -> Paint.mix(style.background(), style.muted(), 0.6);
                    case FINISHED, KEPT -> best ? style.highlight() : style.foreground();
                };
                double py = parentsY[Math.min(n.parent(), parentsY.length - 1)];
                s.line(parentX, py, x - 4, y, best ? 2.5 : 1, n.fate() == BeamTree.Fate.PRUNED
                        ? Paint.mix(style.background(), style.grid(), 0.5) : colour);
                s.text(n.word() + "  " + Paint.fmt(n.score()), x, y + fs * 0.35, fs, n.fate() == BeamTree.Fate.FINISHED,
                        colour, Surface.Align.LEFT, 0);
                if (n.beamIndex() >= 0) {
                    here[n.beamIndex()] = y;
                }
            }
            rows = Math.max(rows, step.size());
            parentsY = here.length == 0 ? parentsY : here;
            parentX = x + colW - 30;
        }
        double y = top + rows * ROW + PAD * 2;
        s.text("Hypotheses (log-probability; the first is the result):", PAD, y, fs, true, style.foreground(), Surface.Align.LEFT, 0);
        for (int i = 0; i < tree.hypotheses().size(); i++) {
            BeamTree.Hypothesis h = tree.hypotheses().get(i);
            String text = Paint.fmt(h.score()) + "   " + (h.text().isEmpty() ? "(empty)" : h.text())
                    + (h.finished() ? "" : "   (unfinished: length limit)");
            s.text(text, PAD + 12, y + (i + 1) * ROW, fs, i == 0, i == 0 ? style.highlight() : style.foreground(),
                    Surface.Align.LEFT, 0);
        }
    }
}
