package org.attentionlab.service.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.TransformerSession;

/**
 * The per-step table of a generation: for each new token its probability and rank in the
 * model's distribution, the top alternatives, how many tokens the filters kept, and the draw.
 * Used by {@code generate --trace-top K} and by the lab's CSV export.
 */
public final class StepTable {
    private StepTable() {
    }

    /** One alternative at a step. */
    public record Alternative(int id, String token, float prob, boolean keptByTopK, boolean keptByTopP) {
    }

    /**
     * One step.
     *
     * @param position       the position of the token chosen
     * @param id             the token chosen
     * @param token          its text (end-of-text as {@link GenerationLab#END_OF_TEXT})
     * @param prob           its probability in the model's distribution (before any filter)
     * @param probSampled    its probability in the renormalised distribution the step draws from
     * @param rank           1 for the model's most likely token
     * @param top            the most likely tokens of the model's distribution
     * @param keptByTopK     how many tokens top-k kept (the vocabulary size when top-k is off)
     * @param keptByTopP     how many tokens were left after top-p
     * @param draw           the uniform number drawn, or NaN for a greedy step
     * @param forced         true when the user chose the token
     */
    public record Row(int position, int id, String token, float prob, float probSampled, int rank, List<Alternative> top,
                      int keptByTopK, int keptByTopP, double draw, boolean forced) {
    }

    /** The rows of every step of {@code state}, each with its own settings and {@code k} alternatives. */
    public static List<Row> rows(GenerationState state, GenerationLab lab, int k) {
        List<Row> rows = new ArrayList<>(state.steps().size());
        for (GenerationStep step : state.steps()) {
            rows.add(row(step, step.stages(), lab, k));
        }
        return rows;
    }

    /** One step's row under {@code stages} (its own settings, or the display's). */
    public static Row row(GenerationStep step, SamplingStep stages, GenerationLab lab, int k) {
        int[] top = SamplingStep.top(stages.probabilities(), k);
        List<Alternative> alts = new ArrayList<>(top.length);
        for (int id : top) {
            alts.add(new Alternative(id, lab.text(id), stages.probabilities()[id], stages.keptByTopK()[id], stages.keptByTopP()[id]));
        }
        int id = step.chosen();
        return new Row(step.position(), id, lab.text(id), stages.probabilities()[id], stages.renormalised()[id], stages.rank(id),
                List.copyOf(alts), stages.keptByTopKCount(), stages.keptCount(), stages.draw(), step.forced());
    }

    /**
     * Re-runs a finished generation step by step (the prompt, then each new token as the model
     * chose it) and returns its table: the distributions are the model's own, and step i's draw is
     * the i-th number of the settings' seed, as the sampler drew it.
     */
    public static List<Row> trace(TransformerSession session, int[] promptIds, int[] newIds, GenerationSettings settings, int k) {
        try (GenerationLab lab = new GenerationLab(session, promptIds, 0)) {
            for (int i = 0; i < newIds.length; i++) {
                lab.force(i, newIds[i], settings, false, Cancellation.NONE);
            }
            List<Row> rows = new ArrayList<>();
            for (GenerationStep step : lab.state().steps()) {
                Row r = row(step, step.stages(), lab, k);
                rows.add(new Row(r.position(), r.id(), r.token(), r.prob(), r.probSampled(), r.rank(), r.top(), r.keptByTopK(),
                        r.keptByTopP(), r.draw(), false));
            }
            return rows;
        }
    }

    /** CSV: step, position, token, id, probability, rank, kept counts, draw, forced, then the alternatives as token:prob. */
    public static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("step,position,token,id,probability,probability_sampled,rank,kept_by_top_k,kept_by_top_p,draw,forced,top_alternatives\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            StringBuilder alts = new StringBuilder();
            for (Alternative a : r.top()) {
                if (alts.length() > 0) {
                    alts.append(" | ");
                }
                alts.append(a.token()).append(" (").append(String.format(Locale.ROOT, "%.6f", a.prob())).append(')');
            }
            b.append(i + 1).append(',').append(r.position()).append(',').append(quote(r.token())).append(',').append(r.id())
                    .append(',').append(String.format(Locale.ROOT, "%.6f", r.prob()))
                    .append(',').append(String.format(Locale.ROOT, "%.6f", r.probSampled()))
                    .append(',').append(r.rank()).append(',').append(r.keptByTopK()).append(',').append(r.keptByTopP())
                    .append(',').append(Double.isNaN(r.draw()) ? "" : String.format(Locale.ROOT, "%.6f", r.draw()))
                    .append(',').append(r.forced()).append(',').append(quote(alts.toString())).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
