package org.attentionlab.ui.shell;

/** The colour themes; each is a style class on the scene root that the theme stylesheets key on. */
public enum Theme {
    LIGHT("theme-light"),
    DARK("theme-dark");

    private final String styleClass;

    Theme(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }
}
