package org.attentionlab.domain;

import java.util.List;

/**
 * What the seq2seq lesson shows for one sentence: the translation, every score taken apart, the
 * words checked against the vocabulary, and the gold alignment when the model's test file has
 * this sentence.
 *
 * @param translation the decoding (greedy, or after a forced prefix)
 * @param breakdowns  [step][source position] the score taken apart; empty without attention
 * @param words       the source words, known or not
 * @param gold        the gold alignment of this sentence (per target word its source positions), or null
 * @param goldTarget  the gold target words when known, or null
 */
public record TranslationStudy(Translation translation, List<List<ScoreBreakdown>> breakdowns, List<WordCheck> words,
                               List<List<Integer>> gold, List<String> goldTarget) {
    public TranslationStudy {
        breakdowns = breakdowns.stream().map(List::copyOf).toList();
        words = List.copyOf(words);
        gold = gold == null ? null : gold.stream().map(List::copyOf).toList();
        goldTarget = goldTarget == null ? null : List.copyOf(goldTarget);
    }
}
