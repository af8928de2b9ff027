package org.attentionlab.domain.masking;

/** One of the model's guesses for a position: token, id and probability (softmax over the vocabulary). */
public record Candidate(String token, int id, double prob) {
}
