package org.attentionlab.domain;

import java.util.List;

/**
 * A seq2seq model's accuracy on held-out sentences, by source length: the bottleneck measured.
 *
 * @param model     the model's name
 * @param attention whether the model attends ("none" models do not)
 * @param buckets   one entry per source length (in words, without {@code </s>}) that occurs, ascending
 */
public record LengthAccuracy(String model, boolean attention, List<Bucket> buckets) {
    public LengthAccuracy {
        buckets = List.copyOf(buckets);
    }

    /**
     * @param sourceLength source words
     * @param sentences    sentences of that length
     * @param exact        of them, those whose greedy translation equals the gold target (and ends with {@code </s>})
     * @param alignedWords target words with a gold alignment (0 without gold alignments or without attention)
     * @param onGold       of them, those whose attention row, with the gold target forced, peaks on one of their gold source words
     */
    public record Bucket(int sourceLength, int sentences, int exact, int alignedWords, int onGold) {
        public double exactMatch() {
            return sentences == 0 ? Double.NaN : (double) exact / sentences;
        }

        public double attentionOnGold() {
            return alignedWords == 0 ? Double.NaN : (double) onGold / alignedWords;
        }
    }

    public int sentences() {
        return buckets.stream().mapToInt(Bucket::sentences).sum();
    }

    /** Exact match over all sentences. */
    public double exactMatch() {
        int n = sentences();
        return n == 0 ? Double.NaN : (double) buckets.stream().mapToInt(Bucket::exact).sum() / n;
    }

    /** Attention on gold over all aligned target words (NaN when there are none). */
    public double attentionOnGold() {
        int n = buckets.stream().mapToInt(Bucket::alignedWords).sum();
        return n == 0 ? Double.NaN : (double) buckets.stream().mapToInt(Bucket::onGold).sum() / n;
    }
}
