package org.attentionlab.train.corpus;

/**
 * One document of the language-model corpus.
 *
 * @param kind {@link #STORY}, {@link #FACT} or {@link #TASK}
 * @param task the in-context task of a {@link #TASK} block ("opposite"), else null
 * @param text the text; task blocks have one {@code x -> y} line per example
 */
public record LmDocument(String kind, String task, String text) {
    public static final String STORY = "story";
    public static final String FACT = "fact";
    public static final String TASK = "task";
}
