package org.attentionlab.service.hello;

import java.util.List;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.TransformerSession;

/** The trivial lesson's use-case: text in, its tokens out (a test of the lesson kit). */
public final class HelloService {
    /** The tokens of a text, and the model that made them. */
    public record Tokens(String model, List<String> tokens) {
    }

    public Tokens tokenize(ModelSession session, String text) {
        TransformerSession model = TransformerSession.of(session);
        return new Tokens(model.info().name(), model.encode(text).tokens());
    }
}
