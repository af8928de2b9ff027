package org.attentionlab.engine;

import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.TraceItem;

/** A transformer that runs on token ids and returns what the lessons show. */
public interface TransformerModel extends LoadedModel {
    /**
     * Runs the model on {@code input} (ids, segment ids, padding mask) and records what is
     * asked for; items not in {@code record} are null in the trace and are not allocated.
     *
     * @throws org.attentionlab.domain.InputException when the input is empty, longer than the
     *         model's positions, or has ids outside the vocabulary
     */
    ForwardTrace forward(Encoding input, Set<TraceItem> record);
}
