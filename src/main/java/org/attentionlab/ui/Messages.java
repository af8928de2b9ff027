package org.attentionlab.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The app's visible text, from {@code i18n/messages.properties} and its translations. */
public final class Messages {
    /** Base name of the bundle; FXML files are loaded with it so that {@code %key} resolves. */
    public static final String BUNDLE = "i18n.messages";

    private Messages() {
    }

    public static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
    }

    /** The text for {@code key} with {@code args} filled in by {@link MessageFormat}. */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle().getString(key);
        } catch (MissingResourceException e) {
            // Visible, so a missing entry is noticed in review rather than crashing a lesson.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
    }
}
