package org.attentionlab.domain;

import java.util.List;

/**
 * One held-out sentence pair of a seq2seq test file, with its gold word alignment when the file has one.
 *
 * @param sourceWords the source words
 * @param targetWords the gold target words
 * @param alignment   for each target word, the source positions (0-based, into sourceWords) it translates;
 *                    an empty list for a target word that no source word produces (a date's "-"); null when
 *                    the file gives no alignment
 */
public record TestSentence(List<String> sourceWords, List<String> targetWords, List<List<Integer>> alignment) {
    public TestSentence {
        sourceWords = List.copyOf(sourceWords);
        targetWords = List.copyOf(targetWords);
        alignment = alignment == null ? null : alignment.stream().map(List::copyOf).toList();
    }

    public String sourceText() {
        return String.join(" ", sourceWords);
    }

    public String targetText() {
        return String.join(" ", targetWords);
    }
}
