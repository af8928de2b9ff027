package org.attentionlab.service;

import java.util.Set;
import org.attentionlab.domain.Encoding;
import org.attentionlab.domain.ForwardTrace;
import org.attentionlab.domain.ModelInfo;
import org.attentionlab.domain.TraceItem;

/**
 * A loaded BERT or GPT-2 model with its tokenizer: what the lessons run text through.
 * Not thread-safe: the app calls it from its one inference thread.
 */
public interface ModelSession extends AutoCloseable {
    ModelInfo info();

    /** Tokenizes with the model's special tokens. */
    Encoding encode(String text);

    /** Tokenizes a sentence pair (BERT); throws InputException for models without segments. */
    Encoding encodePair(String first, String second);

    /** Runs a forward pass recording {@code items}. */
    ForwardTrace run(Encoding input, Set<TraceItem> items);

    @Override
    void close();
}
