package org.attentionlab.figure.masking;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The words the masked-word figures print, looked up by key ({@code mask.figure.*}) with MessageFormat arguments. */
@FunctionalInterface
public interface MaskingText {
    String get(String key, Object... args);

    /** The lesson's message bundle ({@code i18n/lessons/mask.properties}), for headless use. */
    static MaskingText bundle() {
        ResourceBundle b = ResourceBundle.getBundle("i18n.lessons.mask", Locale.getDefault());
        return (key, args) -> {
            String pattern;
            try {
                pattern = b.getString(key);
            } catch (MissingResourceException e) {
                return "!" + key + "!";
            }
            return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.getDefault()).format(args);
        };
    }
}
