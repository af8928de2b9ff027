package org.attentionlab.domain;

/** Text or options the user gave that a model cannot run on (empty, too long, bad range). */
public class InputException extends LabException {
    public InputException(String problem, String remedy) {
        super(problem, remedy);
    }
}
