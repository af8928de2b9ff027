package org.attentionlab.domain;

import java.util.List;

/**
 * A beam search drawn as a tree: every candidate of every step with its parent and fate, and the
 * resulting hypotheses with their log-probabilities.
 *
 * @param width      the beam width (1 is greedy decoding)
 * @param steps      step t's candidates; {@code parent} indexes the kept nodes of step t - 1 in beam order
 * @param hypotheses finished first, then by score; the first is the result
 */
public record BeamTree(int width, List<List<Node>> steps, List<Hypothesis> hypotheses) {
    public BeamTree {
        steps = steps.stream().map(List::copyOf).toList();
        hypotheses = List.copyOf(hypotheses);
    }

    /** What became of a candidate. */
    public enum Fate { KEPT, FINISHED, PRUNED }

    /**
     * @param parent       index into the previous step's kept nodes in beam order (0 at step 0)
     * @param beamIndex    for a kept node, its index in the next beam; -1 otherwise
     * @param word         the word
     * @param wordLogProb  log p(word | source, prefix)
     * @param score        log-probability of the whole prefix
     */
    public record Node(int parent, int beamIndex, String word, double wordLogProb, double score, Fate fate) {
    }

    /** @param words ending with {@code </s>} when finished */
    public record Hypothesis(List<String> words, double score, boolean finished) {
        public Hypothesis {
            words = List.copyOf(words);
        }

        public String text() {
            return String.join(" ", finished ? words.subList(0, words.size() - 1) : words);
        }
    }

    public Hypothesis best() {
        return hypotheses.get(0);
    }
}
