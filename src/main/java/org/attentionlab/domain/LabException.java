package org.attentionlab.domain;

/**
 * A problem the user can act on: what is wrong, and what to do about it.
 *
 * <p>Every error that reaches the UI or the CLI is one of these, so that the message shown is
 * never a bare stack trace. {@link #problem()} says what is wrong in one sentence;
 * {@link #remedy()} says what the user can do (may be empty when there is nothing to do).
 */
public class LabException extends RuntimeException {
    private final String problem;
    private final String remedy;

    public LabException(String problem, String remedy) {
        this(problem, remedy, null);
    }

    public LabException(String problem, String remedy, Throwable cause) {
        super(remedy == null || remedy.isEmpty() ? problem : problem + " " + remedy, cause);
        this.problem = problem;
        this.remedy = remedy == null ? "" : remedy;
    }

    /** What is wrong, in one sentence. */
    public String problem() {
        return problem;
    }

    /** What the user can do about it; empty when nothing. */
    public String remedy() {
        return remedy;
    }
}
