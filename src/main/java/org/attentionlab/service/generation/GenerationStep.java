package org.attentionlab.service.generation;

import java.util.List;
import org.attentionlab.domain.GenerationSettings;
import org.attentionlab.domain.SamplingStep;
import org.attentionlab.engine.SamplingStages;

/**
 * One step of a generation: the distribution the model gave for {@code position} and what was
 * taken from it. The stages of the choice are recomputed from the logits on request, so that the
 * class can see them under other filter settings without re-running the model.
 *
 * @param position the position of the token chosen at this step
 * @param logits   next-token logits [vocab] (shared, never modified)
 * @param lens     what each layer would say at this step (empty when not computed)
 * @param draw     the step's uniform number in [0, 1) (drawn for every step of a run, used when sampling)
 * @param chosen   the token taken, or -1 for the step still to come
 * @param forced   true when the user chose the token
 * @param settings the settings the step was taken with (or will be)
 * @param taken    the stages computed when the step was taken (under {@code settings}), or null
 */
public record GenerationStep(int position, float[] logits, List<LensRow> lens, double draw, int chosen, boolean forced,
                             GenerationSettings settings, SamplingStep taken) {
    /** The stages of this step under its own settings. */
    public SamplingStep stages() {
        return stages(settings);
    }

    /**
     * The stages of this step's distribution under {@code display} (the chosen token stays the one
     * taken); under the step's own settings, those computed when it was taken.
     */
    public SamplingStep stages(GenerationSettings display) {
        if (taken != null && display.equals(settings)) {
            return taken;
        }
        double u = display.sample() ? draw : Double.NaN;
        return SamplingStages.of(logits, display, u, chosen, forced);
    }

    /** The token that this step's draw would pick under {@code display} (the most likely token when greedy). */
    public int wouldPick(GenerationSettings display) {
        return SamplingStages.choose(logits, display, draw).chosen();
    }
}
