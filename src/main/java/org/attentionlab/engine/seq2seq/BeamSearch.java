package org.attentionlab.engine.seq2seq;

import java.util.List;

/**
 * A beam search as {@link Seq2SeqModel#beamSearch} ran it: every candidate of every step (kept,
 * finished or pruned, with its parent), so a lesson can draw the beam as a tree, and the
 * resulting hypotheses with their scores.
 *
 * @param width        the beam width
 * @param sourceTokens the source words as the encoder saw them (including {@code </s>})
 * @param steps        step t's candidates, grouped by parent in beam order, each parent's best first
 * @param hypotheses   finished hypotheses first, then by score (highest first); the first is the result
 */
public record BeamSearch(int width, List<String> sourceTokens, List<List<Candidate>> steps, List<Hypothesis> hypotheses) {
    public BeamSearch {
        sourceTokens = List.copyOf(sourceTokens);
        steps = List.copyOf(steps);
        hypotheses = List.copyOf(hypotheses);
    }

    /** What became of a candidate. */
    public enum Status {
        /** Selected, and it goes on to the next step's beam. */
        KEPT,
        /** Selected, and it is {@code </s>}: a finished hypothesis. */
        FINISHED,
        /** Not among the {@code width} best of its step. */
        PRUNED
    }

    /**
     * One extension of a hypothesis by one word.
     *
     * @param step         decoder step (0 = the first word)
     * @param parent       index of the extended hypothesis in step t's beam (the kept candidates of
     *                     step t-1 in their order; 0 at step 0)
     * @param tokenId      the word's id in the target vocabulary
     * @param token        the word
     * @param tokenLogProb log p(word | source, parent's words)
     * @param score        the parent's score plus tokenLogProb: the log-probability of the whole prefix
     * @param status       kept, finished or pruned
     */
    public record Candidate(int step, int parent, int tokenId, String token, double tokenLogProb, double score, Status status) {
        Candidate withStatus(Status s) {
            return new Candidate(step, parent, tokenId, token, tokenLogProb, score, s);
        }
    }

    /**
     * A finished (ends with {@code </s>}) or unfinished (stopped at the length limit) hypothesis.
     *
     * @param ids      target ids, ending with {@code </s>} when finished
     * @param tokens   their words
     * @param score    sum of the words' log-probabilities
     * @param finished whether it ends with {@code </s>}
     */
    public record Hypothesis(int[] ids, List<String> tokens, double score, boolean finished) {
        public Hypothesis {
            ids = ids.clone();
            tokens = List.copyOf(tokens);
        }

        /** The words joined by spaces, without the final {@code </s>}. */
        public String text() {
            return String.join(" ", finished ? tokens.subList(0, tokens.size() - 1) : tokens);
        }
    }

    /** The result: the first hypothesis. */
    public Hypothesis best() {
        return hypotheses.get(0);
    }

    /** The kept candidates of step t, in beam order: the parents of step t + 1. */
    public List<Candidate> kept(int step) {
        return steps.get(step).stream().filter(c -> c.status() == Status.KEPT).sorted((a, b) -> {
            int c = Double.compare(b.score(), a.score());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.parent(), b.parent());
            return c != 0 ? c : Integer.compare(a.tokenId(), b.tokenId());
        }).toList();
    }
}
