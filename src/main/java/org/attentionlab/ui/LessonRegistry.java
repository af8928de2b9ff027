package org.attentionlab.ui;

import java.util.List;
import java.util.function.Function;
import org.attentionlab.ui.explorer.AttentionExplorerLesson;

/**
 * The lessons the navigator offers, in order. A lesson is listed here only once it works;
 * each is built from the shell's {@link LessonContext}.
 */
public final class LessonRegistry {
    private LessonRegistry() {
    }

    public static List<Function<LessonContext, Lesson>> builtIn() {
        return List.of(AttentionExplorerLesson::new);
    }
}
