package org.attentionlab.ui.kit;

import java.util.Optional;

/**
 * Where the shell keeps what lessons remember across restarts (see
 * {@link LessonBase#remember(String, javafx.beans.property.StringProperty)}). Keys are
 * prefixed with the lesson id by the kit.
 */
public interface LessonMemory {
    /** Remembers nothing (tests, tools). */
    LessonMemory NONE = new LessonMemory() {
        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
        }
    };

    Optional<String> get(String key);

    void put(String key, String value);

    /** The memory the running app installed; {@link #NONE} until it does. */
    static LessonMemory current() {
        return Holder.memory;
    }

    /** Installed by the shell at start-up. */
    static void install(LessonMemory memory) {
        Holder.memory = memory == null ? NONE : memory;
    }

    final class Holder {
        private static volatile LessonMemory memory = NONE;

        private Holder() {
        }
    }
}
