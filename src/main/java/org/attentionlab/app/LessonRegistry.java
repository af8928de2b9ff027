package org.attentionlab.app;

import java.util.List;
import java.util.function.Function;
import org.attentionlab.ui.Lesson;
import org.attentionlab.ui.explorer.AttentionExplorerLesson;
import org.attentionlab.ui.seq2seq.Seq2SeqLesson;
import org.attentionlab.ui.fewshot.FewShotLesson;
import org.attentionlab.ui.generation.GenerationLesson;
import org.attentionlab.ui.kit.LessonContext;
import org.attentionlab.ui.masking.MaskingLesson;

/**
 * The lessons the navigator offers, in order: one line per lesson, its id and its constructor
 * (see docs/lesson-kit.md). It sits in {@code app} because it is the one place that knows every
 * lesson package; lessons never import each other.
 * A lesson is listed here only once it works; each is built from the shell's {@link LessonContext}.
 * The id must equal the lesson's {@link Lesson#id()} (the app checks); {@code --lesson ID} and
 * tests find lessons by it.
 */
public final class LessonRegistry {
    /** One registered lesson: its id (known without building it) and how to build it. */
    public record Entry(String id, Function<LessonContext, Lesson> factory) {
    }

    private static final List<Entry> BUILT_IN = List.of(
            new Entry("explorer", AttentionExplorerLesson::new),
            new Entry("mask", MaskingLesson::new),
            new Entry("seq2seq", Seq2SeqLesson::new),
            new Entry("generation", GenerationLesson::new),
            new Entry("fewshot", FewShotLesson::new));

    private LessonRegistry() {
    }

    public static List<Entry> builtIn() {
        return BUILT_IN;
    }

    /** The ids of the built-in lessons, in navigator order. */
    public static List<String> ids() {
        return BUILT_IN.stream().map(Entry::id).toList();
    }
}
