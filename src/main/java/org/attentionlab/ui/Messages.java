package org.attentionlab.ui;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The app's visible text: {@code i18n/messages.properties} for the shell and shared text, and
 * one bundle per lesson, {@code i18n/lessons/<id>.properties}, for the keys {@code <id>.*} (so
 * lessons never edit a shared file). Both with their translations.
 */
public final class Messages {
    /** Base name of the shared bundle; FXML files are loaded with it so that {@code %key} resolves. */
    public static final String BUNDLE = "i18n.messages";
    /** Base name of a lesson's bundle, followed by its id. */
    public static final String LESSON_BUNDLE_PREFIX = "i18n.lessons.";

    private Messages() {
    }

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
    }

    /** The lesson's bundle ({@code <id>.*} keys) in front of the shared one: what its FXML is loaded with. */
    public static ResourceBundle bundleFor(String lessonId) {
        ResourceBundle shared = bundle();
        ResourceBundle own = lessonBundle(lessonId);
        if (own == null) {
            return shared;
        }
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                if (own.containsKey(key)) {
                    return own.getObject(key);
                }
                return shared.containsKey(key) ? shared.getObject(key) : null;
            }

            @Override
            public Enumeration<String> getKeys() {
                Set<String> keys = new LinkedHashSet<>(own.keySet());
                keys.addAll(shared.keySet());
                return Collections.enumeration(keys);
            }
        };
    }

    /** True when {@code key} has a text, in the shared bundle or its lesson's. */
    public static boolean has(String key) {
        return pattern(key) != null;
    }

    /** The text for {@code key} with {@code args} filled in by {@link MessageFormat}. */
    public static String get(String key, Object... args) {
        String pattern = pattern(key);
        if (pattern == null) {
            // Visible, so a missing entry is noticed in review rather than crashing a lesson.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }

    private static String pattern(String key) {
        ResourceBundle shared = bundle();
        if (shared.containsKey(key)) {
            return shared.getString(key);
        }
        int dot = key.indexOf('.');
        ResourceBundle own = dot > 0 ? lessonBundle(key.substring(0, dot)) : null;
        return own != null && own.containsKey(key) ? own.getString(key) : null;
    }

    private static ResourceBundle lessonBundle(String id) {
        try {
            return ResourceBundle.getBundle(LESSON_BUNDLE_PREFIX + id, Locale.getDefault());
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
