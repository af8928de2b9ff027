package org.attentionlab.service.explorer;

import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.ModelInfo;

/**
 * One finished run of the explorer: the model it ran on and what it computed.
 *
 * @param model  the model that ran
 * @param textA  the text it ran on
 * @param textB  the second sentence of a pair, or null
 * @param trace  its attentions over the encoded text ({@code trace.input()})
 * @param millis wall time from tokenizing to the trace, on the inference thread
 */
public record ExplorerRun(ModelInfo model, String textA, String textB, ForwardTrace trace, double millis) {
}
