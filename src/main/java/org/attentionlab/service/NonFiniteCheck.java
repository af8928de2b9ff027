package org.attentionlab.service;

import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.MaskStep;
import org.attentionlab.domain.NonFiniteValuesException;
import org.attentionlab.domain.TraceItem;
import org.attentionlab.engine.TransformerModel;

/**
 * Finds NaN and infinite values in what a model returned, and names where they first appear by
 * running the input again with the hidden states recorded. Done here, after the forward pass,
 * so that the engine's hot loops stay free of checks.
 */
final class NonFiniteCheck {
    private NonFiniteCheck() {
    }

    static boolean finite(float[] v) {
        if (v == null) {
            return true;
        }
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    static boolean finite(float[][] v) {
        if (v != null) {
            for (float[] row : v) {
                if (!finite(row)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean finite(float[][][] v) {
        if (v != null) {
            for (float[][] m : v) {
                if (!finite(m)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether everything the trace recorded is finite (the masked scores may hold -inf by design). */
    static boolean finite(ForwardTrace t) {
        if (t.attentions() != null) {
            for (float[][][] layer : t.attentions()) {
                if (!finite(layer)) {
                    return false;
                }
            }
        }
        if (t.maskSteps() != null) {
            for (MaskStep s : t.maskSteps()) {
                if (!finite(s.rawScores())) {
                    return false;
                }
            }
        }
        return finite(t.hidden()) && finite(t.logits());
    }

    /**
     * Runs {@code input} again with hidden states and logits recorded and names the first place
     * that holds a non-finite value: the embeddings, a layer (numbered from 0, as in the
     * checkpoint keys), or the output head.
     */
    static NonFiniteValuesException locate(TransformerModel model, Encoding input) {
        ForwardTrace t = model.forward(input, Set.of(TraceItem.HIDDEN, TraceItem.LOGITS));
        String name = model.info().name();
        float[][][] hidden = t.hidden();
        if (hidden != null) {
            for (int i = 0; i < hidden.length; i++) {
                if (!finite(hidden[i])) {
                    String where = i == 0 ? "in its embeddings (before layer 0)"
                            : "first in layer " + (i - 1) + " of " + (hidden.length - 1) + " (counting from 0, as the checkpoint keys do)";
                    return new NonFiniteValuesException(name + " computed NaN or infinite values " + where + ".");
                }
            }
        }
        if (!finite(t.logits())) {
            return new NonFiniteValuesException(name + " computed NaN or infinite values in its output head (every layer was finite).");
        }
        return new NonFiniteValuesException(name + " computed NaN or infinite values (they did not recur when the input was run again).");
    }
}
