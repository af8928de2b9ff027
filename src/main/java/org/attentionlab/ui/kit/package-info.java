/**
 * The lesson kit: what every lesson is built from. {@link org.attentionlab.ui.kit.LessonBase}
 * (id, model kinds, i18n prefix, the view loaded from {@code <Name>View.fxml} beside the lesson),
 * {@link org.attentionlab.ui.kit.LessonViewModel} and {@link org.attentionlab.ui.kit.RunLoop}
 * (debounce, the model thread, cancel of the stale run, progress, problems shown in the lesson).
 * How to add a lesson: docs/lesson-kit.md.
 */
package org.attentionlab.ui.kit;
