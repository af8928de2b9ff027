package org.attentionlab.figure.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.attentionlab.domain.masking.Candidate;
import org.attentionlab.domain.masking.Corruption;
import org.attentionlab.domain.masking.Fate;
import org.attentionlab.domain.masking.MaskToken;
import org.attentionlab.domain.masking.MaskTokens;
import org.attentionlab.domain.masking.MaskingResult;
import org.attentionlab.domain.masking.MaskingSettings;
import org.attentionlab.domain.masking.PositionPrediction;
import org.attentionlab.domain.masking.Replacement;
import org.attentionlab.domain.masking.SelectionMode;
import org.attentionlab.figure.ColorMap;
import org.attentionlab.figure.Figure;
import org.attentionlab.figure.FigureStyle;
import org.attentionlab.figure.Surface;
import org.attentionlab.figure.Surface.Align;
import org.attentionlab.figure.TextMeasure;

/**
 * One step of the masked-word lesson as a figure: the same picture on screen, in PNG and in SVG.
 * The layout is computed once (with the text measure of the surface it will be painted on) and
 * recorded as drawing operations; {@link #tokenAt} and {@link #panelAt} answer hit tests.
 */
public final class MaskingFigure implements Figure {
    /** Colours of the three fates (Okabe-Ito: distinguishable with colour-blindness). */
    public static final int MASK_COLOUR = 0xffe69f00;
    public static final int RANDOM_COLOUR = 0xffcc79a7;
    public static final int KEEP_COLOUR = 0xff009e73;
    private static final int WRONG_COLOUR = 0xffd55e00;

    /**
     * What to show.
     *
     * @param step     the step
     * @param revealed in step 3, how many draws are shown (the rest appear one by one)
     * @param focus    in step 6, the selected position whose attention is shown (-1: the first)
     * @param layer    in step 6, the layer
     * @param head     in step 6, the head, or -1 for the average over heads
     * @param causal   in step 6, also show GPT's causal mask beside BERT's
     * @param maxWidth width to wrap token rows at
     * @param topK     in step 4, how many guesses each panel lists
     * @param guesses  in step 4 with the quiz on, the student's guess per position; null without the quiz
     * @param reveal   with the quiz on, true once the model's answers are shown
     */
    public record View(MaskingStep step, int revealed, int focus, int layer, int head, boolean causal, double maxWidth,
                       int topK, java.util.Map<Integer, String> guesses, boolean reveal) {
        public static View of(MaskingStep step) {
            return new View(step, Integer.MAX_VALUE, -1, 0, -1, false, 1100, 5, null, false);
        }

        public boolean quiz() {
            return guesses != null;
        }
    }

    private View view;

    /** A clickable area: a token box or a prediction panel, with its position. */
    private record Hit(double x, double y, double w, double h, int position) {
        boolean contains(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }
    }

    private final FigureStyle style;
    private final TextMeasure measure;
    private final MaskingText text;
    private final List<Consumer<Surface>> ops = new ArrayList<>();
    private final List<Hit> tokenHits = new ArrayList<>();
    private final List<Hit> panelHits = new ArrayList<>();
    private final double size;
    private final double pad;
    private double width;
    private double y;

    public MaskingFigure(MaskingResult result, View view, FigureStyle style, TextMeasure measure, MaskingText text) {
        this.style = style;
        this.measure = measure;
        this.text = text;
        this.size = style.fontSize();
        this.pad = size;
        this.width = Math.max(view.maxWidth(), 40 * size);
        this.y = pad;
        this.view = view;
        switch (view.step()) {
            case TOKENS -> tokens(result.tokens());
            case SELECT -> select(result.corruption());
            case REPLACE -> replace(result.corruption(), view.revealed());
            case PREDICT -> predict(result);
            case LOSS -> loss(result);
            case ATTENTION -> attention(result, view);
        }
        y += pad;
    }

    @Override
    public double width() {
        return Math.ceil(width);
    }

    /** Whole pixels, so the background covers the canvas's last row too (no stale half row). */
    @Override
    public double height() {
        return Math.ceil(y);
    }

    @Override
    public FigureStyle style() {
        return style;
    }

    @Override
    public void paint(Surface s) {
        s.fillRect(0, 0, width(), height(), style.background());
        for (Consumer<Surface> op : ops) {
            op.accept(s);
        }
    }

    /** The token position whose box is at (x, y), or -1. */
    public int tokenAt(double x, double y) {
        return hit(tokenHits, x, y);
    }

    /** The selected position whose prediction panel (step 4) is at (x, y), or -1. */
    public int panelAt(double x, double y) {
        return hit(panelHits, x, y);
    }

    /** Centre (x, y) of the token box at {@code position} in step 2, or null (tests click there). */
    public double[] tokenCentre(int position) {
        return centre(tokenHits, position);
    }

    /** Centre (x, y) of the prediction panel of {@code position} in step 4, or null. */
    public double[] panelCentre(int position) {
        return centre(panelHits, position);
    }

    private static double[] centre(List<Hit> hits, int position) {
        for (Hit h : hits) {
            if (h.position() == position) {
                return new double[] {h.x() + h.w() / 2, h.y() + h.h() / 2};
            }
        }
        return null;
    }

    private static int hit(List<Hit> hits, double x, double y) {
        for (Hit h : hits) {
            if (h.contains(x, y)) {
                return h.position();
            }
        }
        return -1;
    }

    // ---- steps -------------------------------------------------------------------------------

    private void tokens(MaskTokens t) {
        title(text.get("mask.figure.tokens.title", t.length(), words(t)));
        line(text.get("mask.figure.tokens.legend"), style.muted(), false);
        y += size * 0.5;
        List<String> pos = new ArrayList<>();
        List<String> seg = new ArrayList<>();
        for (MaskToken k : t.tokens()) {
            pos.add("#" + k.position());
            seg.add(text.get("mask.figure.tokens.segment", k.segment()));
        }
        TokenRow row = new TokenRow(t.tokens().stream().map(MaskToken::token).toList(), pos, seg);
        row.layout(pad, y);
        for (int i = 0; i < t.length(); i++) {
            MaskToken k = t.get(i);
            int fill = k.special() ? style.masked() : style.background();
            int border = k.unknown() ? WRONG_COLOUR : k.piece() ? style.highlight() : style.grid();
            row.box(i, fill, border, k.unknown() || k.piece() ? 2 : 1, segmentColour(k.segment()), false);
            row.sub(i, segmentColour(k.segment()) == style.foreground() ? style.muted() : style.segmentB());
        }
        y = row.bottom();
        // the words that were split or unknown, bracketed under their pieces
        for (int i = 0; i < t.length(); i++) {
            MaskToken k = t.get(i);
            if (k.special() || (i > 0 && t.get(i - 1).word() == k.word())) {
                continue;
            }
            int j = i;
            while (j + 1 < t.length() && t.get(j + 1).word() == k.word()) {
                j++;
            }
            if (j > i || k.unknown()) {
                String label = k.unknown() ? text.get("mask.figure.tokens.unknown", k.wordText())
                        : text.get("mask.figure.tokens.word", k.wordText(), j - i + 1);
                row.bracket(i, j, label, k.unknown() ? WRONG_COLOUR : style.highlight());
            }
        }
        y = row.bottom() + size;
        long unknown = t.tokens().stream().filter(MaskToken::unknown).count();
        long pieces = t.tokens().stream().filter(MaskToken::piece).count();
        line(text.get("mask.figure.tokens.summary", pieces, unknown), style.foreground(), false);
    }

    private void select(Corruption c) {
        MaskTokens t = c.tokens();
        MaskingSettings s = c.settings();
        int n = c.replacements().size();
        int eligible = t.eligibleCount();
        if (t.hasTypedMasks()) {
            title(text.get("mask.figure.select.typed", n));
        } else if (s.byHand()) {
            title(text.get("mask.figure.select.hand", n, eligible));
        } else if (s.mode() == SelectionMode.EXACT) {
            title(text.get("mask.figure.select.exact", n, eligible, fmt(MaskingSettings.RATE * eligible, 2), c.target()));
        } else {
            title(text.get("mask.figure.select.training", n, eligible, pct(eligible == 0 ? 0 : (double) n / eligible)));
        }
        line(text.get(s.mode() == SelectionMode.TRAINING && !s.byHand() && !t.hasTypedMasks()
                ? "mask.figure.select.trainingNote" : "mask.figure.select.note"), style.muted(), false);
        if (s.wholeWords()) {
            line(text.get("mask.figure.select.wholeWords"), style.muted(), false);
        }
        y += size * 0.5;
        List<String> subs = new ArrayList<>();
        for (MaskToken k : t.tokens()) {
            int i = k.position();
            subs.add(c.selectionDraws() != null && !Double.isNaN(c.selectionDraws()[i])
                    ? "u=" + fmt(c.selectionDraws()[i], 2) : k.eligible() ? "#" + i : text.get("mask.figure.select.never"));
        }
        TokenRow row = new TokenRow(t.tokens().stream().map(MaskToken::token).toList(), subs, null);
        row.layout(pad, y);
        for (int i = 0; i < t.length(); i++) {
            MaskToken k = t.get(i);
            boolean sel = c.isSelected(i);
            int fill = sel ? style.highlight() : k.eligible() ? style.background() : style.masked();
            int label = sel ? style.background() : k.eligible() ? segmentColour(k.segment()) : style.muted();
            row.box(i, fill, sel ? style.highlight() : style.grid(), 1, label, sel);
            row.sub(i, sel ? style.highlight() : style.muted());
            tokenHits.add(row.hit(i));
        }
        y = row.bottom() + size;
        line(text.get("mask.figure.select.click"), style.muted(), false);
    }

    private void replace(Corruption c, int revealed) {
        MaskTokens t = c.tokens();
        title(text.get(t.hasTypedMasks() ? "mask.figure.replace.typed" : "mask.figure.replace.title",
                c.replacements().size(), c.count(Fate.MASK), c.count(Fate.RANDOM), c.count(Fate.KEEP)));
        wrapped(text.get("mask.figure.replace.rule"), style.muted());
        y += size * 0.5;
        double labelW = 0;
        for (Replacement r : c.replacements()) {
            labelW = Math.max(labelW, measure.width(drawLabel(r), size, true));
        }
        double outcomeW = 0;
        for (Replacement r : c.replacements()) {
            outcomeW = Math.max(outcomeW, measure.width(outcome(r), size, true));
        }
        double barX = pad + labelW + size;
        double barW = Math.max(8 * size, Math.min(24 * size, width - barX - outcomeW - 2 * size));
        int shown = Math.min(revealed, c.replacements().size());
        for (int i = 0; i < shown; i++) {
            Replacement r = c.replacements().get(i);
            double rowY = y;
            String label = drawLabel(r);
            text(label, pad, rowY + size, size, true, style.foreground(), Align.LEFT);
            if (!Double.isNaN(r.draw())) {
                intervalBar(barX, rowY, barW, size * 1.2, r.draw());
            }
            text(outcome(r), barX + barW + size, rowY + size, size, true, fateColour(r.fate()), Align.LEFT);
            y += size * 2.2;
        }
        if (shown < c.replacements().size()) {
            line(text.get("mask.figure.replace.more", c.replacements().size() - shown), style.muted(), false);
        }
        y += size * 0.5;
        line(text.get("mask.figure.replace.original"), style.muted(), true);
        TokenRow orig = new TokenRow(t.tokens().stream().map(MaskToken::token).toList(), null, null);
        orig.layout(pad, y);
        for (int i = 0; i < t.length(); i++) {
            boolean sel = c.isSelected(i) && indexOf(c, i) < shown;
            orig.box(i, t.get(i).special() ? style.masked() : style.background(), sel ? style.highlight() : style.grid(),
                    sel ? 2 : 1, segmentColour(t.get(i).segment()), false);
        }
        y = orig.bottom() + size * 0.5;
        line(text.get("mask.figure.replace.corrupted"), style.muted(), true);
        List<String> shownTokens = new ArrayList<>(t.encoding().tokens());
        for (int i = 0; i < shown; i++) {
            Replacement r = c.replacements().get(i);
            shownTokens.set(r.position(), r.inputToken());
        }
        TokenRow corr = new TokenRow(shownTokens, null, null);
        corr.layout(pad, y);
        for (int i = 0; i < t.length(); i++) {
            int k = indexOf(c, i);
            if (k >= 0 && k < shown) {
                Fate f = c.replacements().get(k).fate();
                corr.box(i, f == Fate.KEEP ? style.background() : fateColour(f), fateColour(f), 2,
                        f == Fate.KEEP ? fateColour(f) : 0xff000000, true);
            } else {
                corr.box(i, t.get(i).special() ? style.masked() : style.background(), style.grid(), 1,
                        segmentColour(t.get(i).segment()), false);
            }
        }
        y = corr.bottom() + size;
        legend();
    }

    private void predict(MaskingResult r) {
        if (!r.canPredict()) {
            title(text.get("mask.figure.predict.title"));
            wrapped(r.note(), WRONG_COLOUR);
            return;
        }
        long right = r.predictions().stream().filter(p -> p.scored() && p.correct()).count();
        long scored = r.predictions().stream().filter(PositionPrediction::scored).count();
        title(scored > 0 ? text.get("mask.figure.predict.score", right, scored) : text.get("mask.figure.predict.title"));
        wrapped(text.get("mask.figure.predict.why"), style.muted());
        y += size * 0.5;
        if (r.predictions().isEmpty()) {
            line(text.get("mask.figure.none"), style.foreground(), false);
            return;
        }
        int k = Math.min(view.topK(), r.predictions().get(0).top().size());
        if (view.quiz()) {
            wrapped(text.get(view.reveal() ? "mask.figure.quiz.revealed" : "mask.figure.quiz.hidden"), style.foreground());
            k = Math.max(k, 5);
        }
        double panelW = Math.max(16 * size, Math.min(22 * size, (width - pad) / 3 - pad));
        int perRow = Math.max(1, (int) ((width - pad) / (panelW + pad)));
        double rowH = size * (4.6 + 1.5 * k + (view.quiz() ? 1.5 : 0));
        int i = 0;
        for (PositionPrediction p : r.predictions()) {
            double px = pad + (i % perRow) * (panelW + pad);
            double py = y + (i / perRow) * (rowH + pad);
            panel(p, px, py, panelW, rowH);
            panelHits.add(new Hit(px, py, panelW, rowH, p.position()));
            i++;
        }
        y += ((r.predictions().size() + perRow - 1) / perRow) * (rowH + pad);
        line(text.get("mask.figure.predict.click"), style.muted(), false);
    }

    private void panel(PositionPrediction p, double x, double top, double w, double h) {
        Replacement r = p.replacement();
        rect(x, top, w, h, style.background(), style.grid(), 1);
        int k = Math.min(view.quiz() ? Math.max(5, view.topK()) : view.topK(), p.top().size());
        String guess = view.quiz() ? view.guesses().getOrDefault(r.position(), "").strip() : null;
        String head = r.typed() ? text.get("mask.figure.predict.headTyped", r.position())
                : text.get("mask.figure.predict.head", r.position(), r.original(), r.inputToken());
        text(fit(head, w - size, true), x + size * 0.5, top + size * 1.4, size, true, fateColour(r.fate()), Align.LEFT);
        double barX = x + w * 0.42;
        double barW = w * 0.58 - size * 3.2;
        double rowY = top + size * 2.4;
        if (view.quiz() && !view.reveal()) {
            text("?", x + w / 2, top + h / 2 + size, size * 3, true, style.muted(), Align.CENTER);
            String yours = guess.isEmpty() ? text.get("mask.figure.quiz.noGuess") : text.get("mask.figure.quiz.guess", guess);
            text(fit(yours, w - size, true), x + size * 0.5, top + h - size * 0.8, size, true, style.foreground(), Align.LEFT);
            return;
        }
        for (Candidate c : p.top().subList(0, k)) {
            boolean truth = c.id() == r.originalId();
            text(fit(c.token(), w * 0.4 - size, truth), barX - size * 0.4, rowY + size * 1.0, size, truth,
                    truth ? style.highlight() : style.foreground(), Align.RIGHT);
            double bw = Math.max(1, barW * c.prob());
            rect(barX, rowY + size * 0.2, bw, size, truth ? style.highlight() : style.grid(), 0, 0);
            text(fmt(c.prob(), 2), barX + bw + size * 0.3, rowY + size * 1.0, size * 0.85, false, style.muted(), Align.LEFT);
            rowY += size * 1.5;
        }
        String verdict;
        int colour;
        if (!p.scored()) {
            verdict = text.get("mask.figure.predict.noTruth");
            colour = style.muted();
        } else {
            verdict = text.get(p.correct() ? "mask.figure.predict.right" : "mask.figure.predict.wrong",
                    r.original(), prob(p.originalProb()), p.originalRank());
            colour = p.correct() ? KEEP_COLOUR : WRONG_COLOUR;
        }
        if (view.quiz()) {
            boolean student = p.scored() && guessMatches(guess, r.original());
            String yours = guess.isEmpty() ? text.get("mask.figure.quiz.noGuess")
                    : text.get(p.scored() ? (student ? "mask.figure.quiz.guessRight" : "mask.figure.quiz.guessWrong")
                    : "mask.figure.quiz.guess", guess);
            text(fit(yours, w - size, true), x + size * 0.5, top + h - size * 2.3, size, true,
                    !p.scored() ? style.foreground() : student ? KEEP_COLOUR : WRONG_COLOUR, Align.LEFT);
        }
        text(fit(verdict, w - size, true), x + size * 0.5, top + h - size * 0.8, size, true, colour, Align.LEFT);
    }

    /** A student's guess matches the original token, ignoring case, spaces and a leading {@code ##}. */
    public static boolean guessMatches(String guess, String original) {
        String o = original.startsWith("##") ? original.substring(2) : original;
        String g = guess == null ? "" : guess.strip();
        g = g.startsWith("##") ? g.substring(2) : g;
        return !g.isEmpty() && g.equalsIgnoreCase(o);
    }

    private void loss(MaskingResult r) {
        if (!r.canPredict()) {
            title(text.get("mask.figure.loss.title"));
            wrapped(r.note(), WRONG_COLOUR);
            return;
        }
        if (Double.isNaN(r.meanLoss())) {
            title(text.get("mask.figure.loss.noTruth"));
        } else {
            StringBuilder sum = new StringBuilder();
            for (PositionPrediction p : r.predictions()) {
                if (p.scored()) {
                    sum.append(sum.length() == 0 ? "" : " + ").append(fmt(p.loss(), 2));
                }
            }
            long n = r.predictions().stream().filter(PositionPrediction::scored).count();
            title(text.get("mask.figure.loss.title.mean", "(" + sum + ") / " + n, fmt(r.meanLoss(), 3)));
        }
        wrapped(text.get("mask.figure.loss.why"), style.muted());
        y += size;
        Corruption c = r.corruption();
        double maxLoss = 1;
        for (PositionPrediction p : r.predictions()) {
            if (p.scored()) {
                maxLoss = Math.max(maxLoss, p.loss());
            }
        }
        double barH = size * 6;
        List<String> subs = new ArrayList<>();
        for (int i = 0; i < c.corruptedIds().length; i++) {
            PositionPrediction p = r.at(i);
            subs.add(p != null && p.scored() ? "-ln " + prob(p.originalProb())
                    : p != null ? text.get("mask.figure.loss.unknown") : text.get("mask.figure.loss.none"));
        }
        TokenRow row = new TokenRow(c.corruptedTokens(), subs, null);
        row.gapAbove = barH + size * 1.6;
        row.layout(pad, y);
        for (int i = 0; i < c.corruptedIds().length; i++) {
            PositionPrediction p = r.at(i);
            if (p != null && p.scored()) {
                double bh = barH * p.loss() / maxLoss;
                double bx = row.x[i];
                double by = row.y[i] - size * 0.4 - bh;
                rect(bx + row.w[i] * 0.2, by, row.w[i] * 0.6, bh, style.highlight(), 0, 0);
                text(fmt(p.loss(), 2), bx + row.w[i] / 2, by - size * 0.3, size, true, style.foreground(), Align.CENTER);
                row.box(i, style.background(), fateColour(p.replacement().fate()), 2, style.foreground(), true);
                row.sub(i, style.foreground());
            } else {
                row.box(i, style.masked(), style.grid(), 1, style.muted(), false);
                row.sub(i, style.muted());
            }
        }
        y = row.bottom() + size;
        legend();
    }

    private void attention(MaskingResult r, View v) {
        Corruption c = r.corruption();
        int[] sel = c.selected();
        if (sel.length == 0 || r.attentions() == null || r.attentions().length == 0) {
            title(text.get("mask.figure.attention.title.none"));
            line(text.get("mask.figure.none"), style.foreground(), false);
            return;
        }
        int q = v.focus() >= 0 && c.isSelected(v.focus()) ? v.focus() : sel[0];
        int layer = Math.min(Math.max(v.layer(), 0), r.attentions().length - 1);
        int heads = r.attentions()[layer].length;
        int n = c.corruptedIds().length;
        double[] row = new double[n];
        if (v.head() < 0 || v.head() >= heads) {
            for (int h = 0; h < heads; h++) {
                for (int k = 0; k < n; k++) {
                    row[k] += r.attentions()[layer][h][q][k] / heads;
                }
            }
        } else {
            for (int k = 0; k < n; k++) {
                row[k] = r.attentions()[layer][v.head()][q][k];
            }
        }
        String headName = v.head() < 0 || v.head() >= heads ? text.get("mask.figure.attention.average")
                : text.get("mask.figure.attention.head", v.head());
        title(text.get("mask.figure.attention.title", q, c.corruptedTokens().get(q), layer, headName));
        wrapped(text.get("mask.figure.attention.why"), style.muted());
        y += size;
        double max = 0;
        for (double a : row) {
            max = Math.max(max, a);
        }
        double barH = size * 5;
        List<String> sides = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            sides.add(k < q ? text.get("mask.figure.attention.left") : k > q ? text.get("mask.figure.attention.right")
                    : text.get("mask.figure.attention.query"));
        }
        TokenRow tokens = new TokenRow(c.corruptedTokens(), sides, null);
        tokens.gapAbove = barH + size * 3;
        tokens.layout(pad, y);
        int[] attend = c.tokens().encoding().attendMask();
        for (int k = 0; k < n; k++) {
            double bh = max == 0 ? 0 : barH * row[k] / max;
            double bx = tokens.x[k];
            double by = tokens.y[k] - size * 0.4 - bh;
            rect(bx + tokens.w[k] * 0.15, by, tokens.w[k] * 0.7, bh, ColorMap.VIRIDIS.argb(max == 0 ? 0 : row[k] / max), 0, 0);
            text(fmt(row[k], 2), bx + tokens.w[k] / 2, by - size * 0.3, size * 0.8, false, style.muted(), Align.CENTER);
            boolean isQ = k == q;
            tokens.box(k, isQ ? style.highlight() : attend[k] == 0 ? style.masked() : style.background(),
                    isQ ? style.highlight() : style.grid(), isQ ? 2 : 1, isQ ? style.background() : style.foreground(), isQ);
            tokens.sub(k, k < q ? segmentColour(0) : k > q ? style.segmentB() : style.highlight());
        }
        // brackets above: left and right context of the query, on its line
        double bracketY = tokens.y[q] - barH - size * 2.2;
        if (q > 0 && tokens.y[0] == tokens.y[q]) {
            bracketAt(tokens.x[0], tokens.x[q - 1] + tokens.w[q - 1], bracketY, text.get("mask.figure.attention.leftContext", q),
                    style.foreground());
        }
        if (q < n - 1 && tokens.y[n - 1] == tokens.y[q]) {
            bracketAt(tokens.x[q + 1], tokens.x[n - 1] + tokens.w[n - 1], bracketY,
                    text.get("mask.figure.attention.rightContext", n - 1 - q), style.segmentB());
        }
        y = tokens.bottom() + size;
        double left = 0;
        for (int k = 0; k < q; k++) {
            left += row[k];
        }
        double right = 0;
        for (int k = q + 1; k < n; k++) {
            right += row[k];
        }
        line(text.get("mask.figure.attention.split", pct(left), pct(row[q]), pct(right)), style.foreground(), true);
        if (v.causal()) {
            y += size;
            masks(n, q, attend);
        } else {
            line(text.get("mask.figure.attention.causalHint"), style.muted(), false);
        }
    }

    /** Two small T x T masks side by side: BERT sees everything, GPT only the past. */
    private void masks(int n, int q, int[] attend) {
        double cell = Math.max(4, Math.min(size * 1.2, (width / 2 - 6 * pad) / n));
        double side = cell * n;
        double x0 = pad + size * 2;
        double x1 = x0 + side + size * 8;
        double top = y + size * 1.6;
        text(text.get("mask.figure.attention.bert"), x0, y + size, size, true, style.foreground(), Align.LEFT);
        text(text.get("mask.figure.attention.gpt"), x1, y + size, size, true, style.foreground(), Align.LEFT);
        int on = 0xff3b7dd8;
        int[][] bert = new int[n][n];
        int[][] gpt = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean rowQ = i == q;
                bert[i][j] = attend[j] == 0 ? style.masked() : rowQ ? style.highlight() : on;
                gpt[i][j] = j > i || attend[j] == 0 ? style.masked() : rowQ ? style.highlight() : on;
            }
        }
        ops.add(s -> {
            s.cells(x0, top, cell, cell, bert);
            s.cells(x1, top, cell, cell, gpt);
            s.strokeRect(x0, top, side, side, 1, style.grid());
            s.strokeRect(x1, top, side, side, 1, style.grid());
        });
        text(text.get("mask.figure.attention.queryRow", q), x0 - size * 0.4, top + (q + 0.8) * cell, size * 0.8, false,
                style.highlight(), Align.RIGHT);
        y = top + side + size * 1.5;
        int visible = 0;
        for (int j = 0; j <= q; j++) {
            visible += attend[j];
        }
        int all = 0;
        for (int a : attend) {
            all += a;
        }
        wrapped(text.get("mask.figure.attention.compare", q, all, visible), style.foreground());
    }

    // ---- pieces ------------------------------------------------------------------------------

    private void legend() {
        double x = pad;
        for (Fate f : Fate.values()) {
            String label = text.get("mask.figure.legend." + f.label());
            final double lx = x;
            final double ly = y;
            rect(lx, ly, size, size, fateColour(f), 0, 0);
            text(label, lx + size * 1.4, ly + size * 0.9, size, false, style.foreground(), Align.LEFT);
            x += size * 3 + measure.width(label, size, false);
        }
        y += size * 1.8;
    }

    private void intervalBar(double x, double top, double w, double h, double draw) {
        for (Fate f : Fate.values()) {
            rect(x + w * f.low(), top, w * (f.high() - f.low()), h, fateColour(f), 0, 0);
        }
        text("0", x, top + h + size * 0.9, size * 0.75, false, style.muted(), Align.CENTER);
        text("0.8", x + w * 0.8 - 1, top + h + size * 0.9, size * 0.75, false, style.muted(), Align.RIGHT);
        text("0.9", x + w * 0.9 + 1, top + h + size * 0.9, size * 0.75, false, style.muted(), Align.LEFT);
        text("1", x + w, top - size * 0.4, size * 0.75, false, style.muted(), Align.CENTER);
        double mx = x + w * draw;
        ops.add(s -> {
            s.line(mx, top - size * 0.3, mx, top + h + size * 0.1, 2.5, style.foreground());
        });
    }

    private String outcome(Replacement r) {
        return text.get("mask.figure.replace.outcome." + r.fate().label(), r.inputToken(),
                Double.isNaN(r.draw()) ? "" : fmt(r.fate().low(), 1), fmt(r.fate().high(), 1));
    }

    private String drawLabel(Replacement r) {
        return Double.isNaN(r.draw()) ? text.get("mask.figure.replace.drawTyped", r.position(), r.original())
                : text.get("mask.figure.replace.draw", r.position(), r.original(), fmt(r.draw(), 4));
    }

    /** The step's title in large bold type, wrapped at the figure's width. */
    private void title(String s) {
        double big = size * 1.3;
        StringBuilder cur = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (String word : s.split(" ")) {
            String next = cur.length() == 0 ? word : cur + " " + word;
            if (measure.width(next, big, true) > width - 2 * pad && cur.length() > 0) {
                lines.add(cur.toString());
                cur = new StringBuilder(word);
            } else {
                cur = new StringBuilder(next);
            }
        }
        lines.add(cur.toString());
        for (String l : lines) {
            text(l, pad, y + big, big, true, style.foreground(), Align.LEFT);
            y += big * 1.35;
        }
        y += size * 0.45;
    }

    private void line(String s, int colour, boolean bold) {
        text(s, pad, y + size, size, bold, colour, Align.LEFT);
        y += size * 1.6;
    }

    /** A paragraph wrapped at the figure's width. */
    private void wrapped(String s, int colour) {
        StringBuilder cur = new StringBuilder();
        for (String word : s.split(" ")) {
            String next = cur.length() == 0 ? word : cur + " " + word;
            if (measure.width(next, size, false) > width - 2 * pad && cur.length() > 0) {
                line(cur.toString(), colour, false);
                cur = new StringBuilder(word);
            } else {
                cur = new StringBuilder(next);
            }
        }
        if (cur.length() > 0) {
            line(cur.toString(), colour, false);
        }
    }

    private void text(String s, double x, double baseline, double sz, boolean bold, int colour, Align align) {
        ops.add(surface -> surface.text(s, x, baseline, sz, bold, colour, align, 0));
    }

    private void rect(double x, double top, double w, double h, int fill, int stroke, double lineWidth) {
        ops.add(s -> {
            s.fillRect(x, top, w, h, fill);
            if (lineWidth > 0) {
                s.strokeRect(x, top, w, h, lineWidth, stroke);
            }
        });
    }

    private void bracketAt(double x0, double x1, double top, String label, int colour) {
        ops.add(s -> {
            s.line(x0, top + size * 0.6, x1, top + size * 0.6, 1.5, colour);
            s.line(x0, top + size * 0.6, x0, top + size * 1.1, 1.5, colour);
            s.line(x1, top + size * 0.6, x1, top + size * 1.1, 1.5, colour);
        });
        text(label, (x0 + x1) / 2, top + size * 0.3, size * 0.9, true, colour, Align.CENTER);
    }

    private String fit(String s, double w, boolean bold) {
        if (measure.width(s, size, bold) <= w) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && measure.width(t + "\u2026", size, bold) > w) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }

    private int segmentColour(int segment) {
        return segment == 0 ? style.foreground() : style.segmentB();
    }

    private static int fateColour(Fate f) {
        return switch (f) {
            case MASK -> MASK_COLOUR;
            case RANDOM -> RANDOM_COLOUR;
            case KEEP -> KEEP_COLOUR;
        };
    }

    private static int indexOf(Corruption c, int position) {
        for (int i = 0; i < c.replacements().size(); i++) {
            if (c.replacements().get(i).position() == position) {
                return i;
            }
        }
        return -1;
    }

    private static long words(MaskTokens t) {
        return t.tokens().stream().filter(k -> !k.special()).mapToInt(MaskToken::word).distinct().count();
    }

    static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    /** A probability with 3 decimals, or in scientific notation when it would print as 0.000. */
    static String prob(double p) {
        return p >= 0.0005 || p == 0 ? fmt(p, 3) : String.format(Locale.ROOT, "%.1e", p);
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }

    /** Token boxes laid out left to right, wrapping at the figure's width. */
    private final class TokenRow {
        final List<String> labels;
        final List<String> subs;
        final List<String> subs2;
        final boolean withSub;
        final double[] x;
        final double[] y;
        final double[] w;
        final double h;
        double gapAbove;
        double bottom;

        TokenRow(List<String> labels, List<String> subs, List<String> subs2) {
            this.labels = labels;
            this.subs = subs;
            this.subs2 = subs2;
            this.withSub = subs != null;
            this.x = new double[labels.size()];
            this.y = new double[labels.size()];
            this.w = new double[labels.size()];
            this.h = size * 2;
        }

        void layout(double left, double top) {
            double subH = (subs == null ? 0 : size * 1.2) + (subs2 == null ? 0 : size * 1.0);
            double lineH = gapAbove + h + subH + size * 2.6;
            double cx = left;
            double cy = top + gapAbove;
            for (int i = 0; i < labels.size(); i++) {
                w[i] = Math.max(size * 2.6, measure.width(labels.get(i), size, true) + size * 1.2);
                if (subs != null) {
                    w[i] = Math.max(w[i], measure.width(subs.get(i), size * 0.8, false) + size * 0.4);
                }
                if (subs2 != null) {
                    w[i] = Math.max(w[i], measure.width(subs2.get(i), size * 0.8, false) + size * 0.4);
                }
                if (cx + w[i] > width - pad && cx > left) {
                    cx = left;
                    cy += lineH;
                }
                x[i] = cx;
                y[i] = cy;
                cx += w[i] + size * 0.4;
            }
            bottom = (labels.isEmpty() ? top : y[labels.size() - 1]) + h + subH + size * 0.5;
        }

        double bottom() {
            return bottom;
        }

        Hit hit(int i) {
            return new Hit(x[i], y[i], w[i], h, i);
        }

        void box(int i, int fill, int border, double lineWidth, int labelColour, boolean bold) {
            rect(x[i], y[i], w[i], h, fill, border, lineWidth);
            text(labels.get(i), x[i] + w[i] / 2, y[i] + h * 0.5 + size * 0.35, size, bold, labelColour, Align.CENTER);
        }

        void sub(int i, int colour) {
            text(subs.get(i), x[i] + w[i] / 2, y[i] + h + size * 1.1, size * 0.8, false, colour, Align.CENTER);
            if (subs2 != null) {
                text(subs2.get(i), x[i] + w[i] / 2, y[i] + h + size * 2.1, size * 0.8, false, colour, Align.CENTER);
            }
        }

        /** A bracket under tokens i..j (on one line) with a label under it. */
        void bracket(int i, int j, String label, int colour) {
            if (y[i] != y[j]) {
                j = i;
            }
            double top = y[i] + h + (subs2 != null ? size * 2.6 : size * 1.6);
            double x0 = x[i] + 2;
            double x1 = x[j] + w[j] - 2;
            ops.add(s -> {
                s.line(x0, top, x1, top, 1.5, colour);
                s.line(x0, top - size * 0.4, x0, top, 1.5, colour);
                s.line(x1, top - size * 0.4, x1, top, 1.5, colour);
            });
            text(label, (x0 + x1) / 2, top + size * 1.1, size * 0.85, true, colour, Align.CENTER);
            bottom = Math.max(bottom, top + size * 1.5);
        }
    }
}
