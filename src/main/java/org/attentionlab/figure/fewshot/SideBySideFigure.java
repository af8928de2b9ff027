package org.attentionlab.figure.fewshot;

import java.util.List;
import java.util.Locale;
import org.attentionlab.domain.ModelKind;
import org.attentionlab.domain.fewshot.Alternative;
import org.attentionlab.domain.fewshot.PromptAnswer;
import org.attentionlab.domain.fewshot.PromptLine;
import org.attentionlab.domain.fewshot.SideBySide;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.TextMeasure;
import org.attentionlab.figure.TokenLabels;

/**
 * The side-by-side comparison as one picture, laid out like the GPT-3 paper's figure: four
 * columns (zero-shot, one-shot, few-shot, examples only), each with the exact prompt (the
 * description muted, the query in the highlight colour), the model's answer with its probability
 * and right or wrong, and the top 5 first tokens as bars. For export (PNG, SVG).
 */
public final class SideBySideFigure implements Figure {
    private static final double PAD = 16;
    private static final double COL_W = 260;
    private static final double GAP = 14;

    private final SideBySide sideBySide;
    private final List<String> headers;
    private final FigureStyle style;
    private final TextMeasure measure;
    private final double height;

    /** @param headers one title per column, in the columns' order */
    public SideBySideFigure(SideBySide sideBySide, List<String> headers, FigureStyle style, TextMeasure measure) {
        this.sideBySide = sideBySide;
        this.headers = List.copyOf(headers);
        this.style = style;
        this.measure = measure;
        double fs = style.fontSize();
        int maxLines = 1;
        for (SideBySide.Column c : sideBySide.columns()) {
            maxLines = Math.max(maxLines, c.prompt().lines().size());
        }
        this.height = PAD + 2 * fs + 8 + maxLines * (fs + 5) + 16 + 2 * (fs + 8) + 5 * (fs + 6) + PAD + fs + 8;
    }

    @Override
    public double width() {
        return PAD * 2 + sideBySide.columns().size() * COL_W + (sideBySide.columns().size() - 1) * GAP;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public FigureStyle style() {
        return style;
    }

    private String fit(String text, double size, double maxW) {
        if (measure.width(text, size, false) <= maxW) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && measure.width(t + "…", size, false) > maxW) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    @Override
    public void paint(Surface s) {
        double fs = style.fontSize();
        s.fillRect(0, 0, width(), height, style.background());
        int maxLines = 1;
        for (SideBySide.Column c : sideBySide.columns()) {
            maxLines = Math.max(maxLines, c.prompt().lines().size());
        }
        for (int ci = 0; ci < sideBySide.columns().size(); ci++) {
            SideBySide.Column c = sideBySide.columns().get(ci);
            PromptAnswer a = c.answer();
            double x = PAD + ci * (COL_W + GAP);
            double y = PAD + fs;
            s.text(headers.get(ci), x, y, fs + 1, true, style.foreground(), Surface.Align.LEFT, 0);
            y += fs + 8;
            double boxTop = y - 4;
            double boxH = maxLines * (fs + 5) + 8;
            s.strokeRect(x, boxTop, COL_W, boxH, 1, style.grid());
            for (PromptLine l : c.prompt().lines()) {
                y += fs + 5;
                int color = l.kind() == PromptLine.Kind.DESCRIPTION ? style.muted()
                        : l.kind() == PromptLine.Kind.QUERY ? style.highlight() : style.foreground();
                s.text(fit(l.text(), fs, COL_W - 12), x + 6, y - 4, fs, l.kind() == PromptLine.Kind.QUERY, color,
                        Surface.Align.LEFT, 0);
            }
            y = boxTop + boxH + fs + 10;
            String verdict = a.correct() == null ? "" : a.correct() ? "  \u2713 right" : "  \u2717 wrong";
            s.text(fit("answer: " + (a.answer().isEmpty() ? "(nothing)" : a.answer()), fs + 1, COL_W - 90), x, y, fs + 1, true,
                    style.foreground(), Surface.Align.LEFT, 0);
            s.text(String.format(Locale.ROOT, "p = %.3f", a.probability()) + verdict, x + COL_W, y, fs, false,
                    a.correct() == null ? style.muted() : a.correct() ? style.segmentB() : style.highlight(),
                    Surface.Align.RIGHT, 0);
            y += fs + 8;
            s.text("first token, top 5:", x, y, fs - 1, false, style.muted(), Surface.Align.LEFT, 0);
            for (Alternative alt : a.top()) {
                y += fs + 6;
                String label = TokenLabels.display(alt.text().isEmpty() ? "" : toByteSpelling(alt.text()), ModelKind.GPT2);
                s.text(fit(label, fs, 90), x, y, fs, false, style.foreground(), Surface.Align.LEFT, 0);
                double bw = (COL_W - 150) * alt.probability();
                s.fillRect(x + 96, y - fs + 2, Math.max(1, bw), fs - 1, style.segmentB());
                s.text(String.format(Locale.ROOT, "%.3f", alt.probability()), x + COL_W, y, fs - 1, false, style.muted(),
                        Surface.Align.RIGHT, 0);
            }
        }
        String sum = "weights checksum before " + Long.toHexString(sideBySide.checksumBefore()) + ", after "
                + Long.toHexString(sideBySide.checksumAfter())
                + (sideBySide.checksumBefore() == sideBySide.checksumAfter() ? ": unchanged (no gradient update)" : ": CHANGED");
        s.text(sum, PAD, height - PAD + 2, fs - 1, false, style.muted(), Surface.Align.LEFT, 0);
    }

    /** Text back to GPT-2's byte spelling, so that {@link TokenLabels} shows spaces as ␣ and breaks as ↵. */
    private static String toByteSpelling(String text) {
        StringBuilder b = new StringBuilder();
        for (char ch : text.toCharArray()) {
            b.append(ch == ' ' ? '\u0120' : ch == '\n' ? '\u010a' : ch);
        }
        return b.toString();
    }
}
