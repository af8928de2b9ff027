package org.attentionlab.domain;

/** One entry of a decoder step's output distribution: a target word and its probability. */
public record WordProbability(String word, int id, double probability) {
}
