package org.attentionlab.ui.shell;

import org.attentionlab.service.ModelRef;
import org.attentionlab.ui.Messages;

/** The model picker's one-line description of a model, from what its config.json says. */
final class PickerText {
    private PickerText() {
    }

    /** e.g. "GPT-2, 3 layers × 4 heads, continues text"; empty when the config was not read. */
    static String about(ModelRef ref) {
        ModelRef.Facts f = ref.facts();
        if (f == null) {
            return "";
        }
        String task = f.task() == null || !Messages.has("picker.task." + f.task()) ? "" : Messages.get("picker.task." + f.task());
        return switch (f.kind()) {
            case BERT -> Messages.get("mlm".equals(f.task()) ? "picker.about.BERT.mlm" : "picker.about.BERT", f.layers(), f.heads());
            case GPT2 -> Messages.get("picker.about.GPT2", f.layers(), f.heads());
            case SEQ2SEQ -> Messages.get(task.isEmpty() ? "picker.about.SEQ2SEQ" : "picker.about.SEQ2SEQ.task",
                    f.rnnType() == null ? "RNN" : f.rnnType().toUpperCase(java.util.Locale.ROOT),
                    f.score() == null ? "?" : f.score(), task);
        };
    }
}
