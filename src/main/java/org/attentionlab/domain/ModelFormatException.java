package org.attentionlab.domain;

/** A model folder or file that cannot be loaded: missing, malformed, or of an unknown kind. */
public class ModelFormatException extends LabException {
    public ModelFormatException(String problem, String remedy) {
        super(problem, remedy);
    }

    public ModelFormatException(String problem, String remedy, Throwable cause) {
        super(problem, remedy, cause);
    }
}
