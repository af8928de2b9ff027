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

    /**
     * As {@link #forward(Encoding, Set)}, but with {@link TraceItem#LOGITS} the output head runs only
     * on the rows {@code logitRows} (token positions); the other rows of {@code logits()} are null.
     * The head is the largest matrix of a small model (30,522 x 768 for bert-base), so a lesson that
     * reads a few positions should not pay for all of them. A model may compute every row.
     */
    default ForwardTrace forward(Encoding input, Set<TraceItem> record, int[] logitRows) {
        return forward(input, record);
    }
}
