package org.attentionlab.app;

import java.util.List;
import org.attentionlab.domain.LabException;
import org.attentionlab.service.Cancellation;
import org.attentionlab.service.ModelRef;
import org.attentionlab.service.ModelSession;
import org.attentionlab.service.Progress;
import org.attentionlab.ui.Messages;
import org.attentionlab.ui.ModelSource;

/**
 * Stands in when this build has no model loader wired in: lists nothing and explains, instead of
 * failing at start-up. Not a fake model: it never produces a session.
 */
final class MissingModelSource implements ModelSource {
    @Override
    public List<ModelRef> discover() {
        return List.of();
    }

    @Override
    public ModelSession open(ModelRef ref, Progress progress, Cancellation cancel) {
        throw new NoBackendException();
    }

    /** Says that no loader is installed and what to do. */
    static final class NoBackendException extends LabException {
        NoBackendException() {
            super(Messages.get("error.noBackend.problem"), Messages.get("error.noBackend.remedy"));
        }
    }
}
