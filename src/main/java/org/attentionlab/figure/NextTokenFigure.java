package org.attentionlab.figure;

import java.util.Locale;
import java.util.function.IntFunction;
import org.attentionlab.domain.SamplingStep;

/**
 * One generation step's next-token distribution and what the filters do to it, in HuggingFace's
 * order: bars of the most likely tokens (and "all others") for the model's distribution, after
 * temperature, after top-k (cut tokens greyed) and renormalised (what a sampled step draws from);
 * below, the cumulative bar top-p cuts (its boundary drawn at p) and the cumulative bar the
 * uniform draw lands on, marked where it falls. The chosen token's row is highlighted.
 */
public final class NextTokenFigure implements Figure {
    /**
     * What to draw.
     *
     * @param stages      the step's stages (from its logits under the settings shown)
     * @param temperature the temperature shown
     * @param topK        top-k shown (0: off)
     * @param topP        top-p shown (1: off)
     * @param sampling    true when the step samples (greedy: no draw)
     * @param rows        how many tokens to list (10 by default, up to 50)
     * @param label       a token id's label
     * @param title       the line above, or null
     * @param actual      the token the step actually took, or -1 (a step to come); may differ from
     *                    what the draw picks under the settings shown
     * @param picked      the token the step's draw picks under the settings shown, or -1 (no draw)
     */
    public record Data(SamplingStep stages, double temperature, int topK, double topP, boolean sampling, int rows,
                       IntFunction<String> label, String title, int actual, int picked) {
    }

    private static final double PAD = 10;
    private static final double GAP = 16;
    private static final int BAR = 0xff0072b2;
    private static final int CUT = 0xffb0b0b0;

    private final Data data;
    private final FigureStyle style;
    private final int[] ids;          // the listed tokens, by the model's probability
    private final String[] labels;
    private final double size;
    private final double rowH;
    private final double labelW;
    private final double colW;
    private final double tableY;
    private final double barsY;
    private final double cumH;
    private final double width;
    private final double height;
    private final double scale;       // probability drawn as a full bar
    private final float[] topKDist;   // the distribution top-p sees: after temperature, renormalised over top-k
    private final int picked;         // what the draw picks under these settings

    public NextTokenFigure(Data data, FigureStyle style, TextMeasure measure) {
        this.data = data;
        this.style = style;
        SamplingStep st = data.stages();
        this.ids = SamplingStep.top(st.probabilities(), Math.max(1, Math.min(50, data.rows())));
        this.labels = new String[ids.length];
        this.size = style.fontSize();
        double widest = measure.width("all others", size, true);
        for (int i = 0; i < ids.length; i++) {
            labels[i] = data.label().apply(ids[i]);
            widest = Math.max(widest, measure.width(labels[i], size, true));
        }
        this.labelW = Math.min(widest, size * 14) + 12;
        this.rowH = Math.round(size * 1.6);
        this.colW = Math.max(104, size * 9);
        double titleH = data.title() == null ? 0 : size * 2;
        this.tableY = PAD + titleH + size * 2.6;
        this.barsY = tableY + (ids.length + 1) * rowH + size * 1.2;
        this.cumH = Math.round(size * 1.8);
        this.width = Math.ceil(PAD * 2 + labelW + 4 * colW + 3 * GAP);
        this.height = Math.ceil(barsY + 2 * (cumH + size * 2.6) + size + PAD);
        float max = 0;
        for (int id : ids) {
            max = Math.max(max, Math.max(st.probabilities()[id], Math.max(st.tempered()[id], st.renormalised()[id])));
        }
        this.scale = max > 0 ? max : 1;
        this.topKDist = new float[st.vocabSize()];
        double sum = 0;
        for (int i = 0; i < topKDist.length; i++) {
            if (st.keptByTopK()[i]) {
                sum += st.tempered()[i];
            }
        }
        for (int i = 0; i < topKDist.length; i++) {
            topKDist[i] = st.keptByTopK()[i] && sum > 0 ? (float) (st.tempered()[i] / sum) : 0f;
        }
        this.picked = data.picked();
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

    /** What it draws. */
    public Data data() {
        return data;
    }

    /** The y of the middle of the row listing {@code id} (figure coordinates), or NaN when it is not listed. */
    public double rowCentre(int id) {
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] == id) {
                return tableY + (r + 0.5) * rowH;
            }
        }
        return Double.NaN;
    }

    /** The x of the middle of the label column (figure coordinates). */
    public double labelCentreX() {
        return PAD + labelW / 2;
    }

    /** The listed token ids, most likely first. */
    public int[] listedIds() {
        return ids.clone();
    }

    /** The token id of the row under (x, y), or -1. */
    public int tokenAt(double x, double y) {
        if (x < PAD || x > width - PAD || y < tableY) {
            return -1;
        }
        int row = (int) Math.floor((y - tableY) / rowH);
        return row >= 0 && row < ids.length ? ids[row] : -1;
    }

    private double colX(int c) {
        return PAD + labelW + c * (colW + GAP);
    }

    @Override
    public void paint(Surface s) {
        SamplingStep st = data.stages();
        s.fillRect(0, 0, width, height, style.background());
        if (data.title() != null) {
            s.text(data.title(), PAD, PAD + size * 1.2, size * 1.15, true, style.foreground(), Surface.Align.LEFT, 0);
        }
        String[] heads = {"model", "temperature", "top-k", "top-p"};
        String[] subs = {"softmax(logits)", "T = " + fmt(data.temperature(), 2),
            data.topK() > 0 ? "k = " + data.topK() + ", grey: cut" : "off (k = 0)",
            (data.topP() < 1 ? "p = " + fmt(data.topP(), 2) : "off (p = 1)") + ", renormalised"};
        double headY = tableY - size * 1.5;
        for (int c = 0; c < 4; c++) {
            s.text(heads[c], colX(c), headY, size, true, style.foreground(), Surface.Align.LEFT, 0);
            s.text(subs[c], colX(c), headY + size * 1.1, size * 0.8, false, style.muted(), Surface.Align.LEFT, 0);
        }
        for (int c = 1; c < 4; c++) {
            s.text("\u2192", colX(c) - GAP / 2, headY, size, false, style.muted(), Surface.Align.CENTER, 0);
        }
        int chosenRow = -1;
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] == data.actual()) {
                chosenRow = r;
            }
        }
        if (chosenRow >= 0) {
            s.fillRect(PAD - 4, tableY + chosenRow * rowH, width - 2 * PAD + 8, rowH, withAlpha(style.highlight(), 0x38));
        }
        double others0 = 1;
        double others1 = 1;
        double others3 = 1;
        for (int r = 0; r < ids.length; r++) {
            int id = ids[r];
            double y = tableY + r * rowH;
            boolean chosen = id == data.actual();
            s.text(clip(labels[r]), PAD + labelW - 8, y + rowH * 0.68, size, chosen, chosen ? style.highlight() : style.foreground(),
                    Surface.Align.RIGHT, 0);
            float p0 = st.probabilities()[id];
            float p1 = st.tempered()[id];
            float p3 = st.renormalised()[id];
            others0 -= p0;
            others1 -= p1;
            others3 -= p3;
            bar(s, 0, y, p0, BAR, style.foreground());
            bar(s, 1, y, p1, BAR, style.foreground());
            boolean keptK = st.keptByTopK()[id];
            bar(s, 2, y, p1, keptK ? BAR : CUT, keptK ? style.foreground() : style.muted());
            if (!keptK) {
                s.text("cut", colX(2) + colW, y + rowH * 0.68, size * 0.85, false, style.muted(), Surface.Align.RIGHT, 0);
            }
            if (st.keptByTopP()[id]) {
                bar(s, 3, y, p3, chosen ? style.highlight() : BAR, style.foreground());
            } else {
                s.text(st.keptByTopK()[id] ? "0 (top-p)" : "0", colX(3), y + rowH * 0.68, size * 0.85, false, style.muted(),
                        Surface.Align.LEFT, 0);
            }
        }
        double oy = tableY + ids.length * rowH;
        s.text("all others", PAD + labelW - 8, oy + rowH * 0.68, size, false, style.muted(), Surface.Align.RIGHT, 0);
        double[] others = {others0, others1, others1, others3};
        for (int c = 0; c < 4; c++) {
            bar(s, c, oy, (float) Math.max(0, others[c]), CUT, style.muted());
        }
        s.line(PAD, oy, width - PAD, oy, 1, style.grid());

        double y = barsY;
        cumulativeAt(s, y, topKDist, "top-p keeps the most likely tokens until their total reaches p"
                + (data.topP() < 1 ? " = " + fmt(data.topP(), 2) : " (off: p = 1 keeps all)"), data.topP() < 1 ? data.topP() : Double.NaN,
                st.keptByTopP(), Double.NaN);
        y += cumH + size * 2.6;
        String drawCaption;
        if (data.sampling() && !st.sampled()) {
            drawCaption = "the step draws u, uniform in [0, 1), and takes the token where u lands";
        } else if (!data.sampling()) {
            drawCaption = "greedy: no draw, the most likely token is taken";
        } else if (data.actual() >= 0 && picked != data.actual()) {
            drawCaption = "draw u = " + fmt(st.draw(), 3) + " lands on " + data.label().apply(picked)
                    + (st.forced() ? "; this step was forced to " : " with these settings; the step took ") + data.label().apply(data.actual());
        } else {
            drawCaption = "draw u = " + fmt(st.draw(), 3) + " lands on " + data.label().apply(picked);
        }
        cumulativeAt(s, y, st.renormalised(), drawCaption, Double.NaN, null, data.sampling() ? st.draw() : Double.NaN);
    }

    /** A bar from 0 to 1 split into the tokens of {@code dist}, most likely first (ties: lower id first). */
    private void cumulativeAt(Surface s, double y, float[] dist, String caption, double boundary, boolean[] kept, double mark) {
        double x0 = PAD + labelW;
        double w = width - PAD - x0;
        s.text(caption, x0, y + size * 0.9, size * 0.9, false, style.foreground(), Surface.Align.LEFT, 0);
        double by = y + size * 1.3;
        s.fillRect(x0, by, w, cumH, withAlpha(CUT, 0x60));
        int[] order = SamplingStep.top(dist, Math.min(60, dist.length));
        double cum = 0;
        for (int i = 0; i < order.length; i++) {
            int id = order[i];
            double p = dist[id];
            if (p <= 0) {
                break;
            }
            boolean in = kept == null || kept[id];
            int fill = id == data.actual() ? style.highlight() : (in ? (i % 2 == 0 ? BAR : 0xff56b4e9) : CUT);
            double sx = x0 + cum * w;
            double sw = p * w;
            s.fillRect(sx, by, sw, cumH, fill);
            s.line(sx + sw, by, sx + sw, by + cumH, 1, style.background());
            String l = data.label().apply(id);
            if (sw > size * 0.65 * (l.length() + 1)) {
                s.text(l, sx + sw / 2, by + cumH * 0.68, size * 0.85, false, 0xffffffff, Surface.Align.CENTER, 0);
            }
            cum += p;
        }
        s.strokeRect(x0, by, w, cumH, 1, style.grid());
        s.text("0", x0, by + cumH + size * 1.0, size * 0.8, false, style.muted(), Surface.Align.LEFT, 0);
        s.text("1", x0 + w, by + cumH + size * 1.0, size * 0.8, false, style.muted(), Surface.Align.RIGHT, 0);
        if (!Double.isNaN(boundary)) {
            double bx = x0 + boundary * w;
            s.line(bx, by - 4, bx, by + cumH + 4, 2.5, style.foreground());
            s.text("p", bx, by + cumH + size * 1.0, size * 0.85, true, style.foreground(), Surface.Align.CENTER, 0);
        }
        if (!Double.isNaN(mark)) {
            double mx = x0 + mark * w;
            s.line(mx, by - 3, mx, by + cumH + 4, 3, style.foreground());
            s.fillRect(mx - 5, by - 4, 10, 4, style.foreground());
            s.text("u", mx, by + cumH + size * 1.0, size * 0.85, true, style.foreground(), Surface.Align.CENTER, 0);
        }
    }

    private void bar(Surface s, int col, double y, float p, int fill, int text) {
        double x = colX(col);
        double maxW = colW - size * 3.4;
        double w = Math.max(p > 0 ? 1 : 0, p / scale * maxW);
        s.fillRect(x, y + rowH * 0.18, Math.min(w, maxW), rowH * 0.64, fill);
        s.text(fmt(p, p < 0.001 && p > 0 ? 5 : 3), x + Math.min(w, maxW) + 4, y + rowH * 0.68, size * 0.85, false, text,
                Surface.Align.LEFT, 0);
    }

    private static String clip(String label) {
        return label.length() > 18 ? label.substring(0, 17) + "\u2026" : label;
    }

    static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static int withAlpha(int argb, int alpha) {
        return (alpha << 24) | (argb & 0xffffff);
    }
}
