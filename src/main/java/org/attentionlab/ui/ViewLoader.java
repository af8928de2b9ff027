package org.attentionlab.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads {@code fxml/NAME.fxml} with the message bundle and a controller built by the caller. */
public final class ViewLoader {
    private ViewLoader() {
    }

    /**
     * @param name       FXML file name without extension, e.g. {@code AttentionExplorerView}
     * @param controller the controller instance named by the file's {@code fx:controller}
     */
    public static Parent load(String name, Object controller) {
        URL url = ViewLoader.class.getResource("/fxml/" + name + ".fxml");
        if (url == null) {
            throw new IllegalStateException("view " + name + ".fxml is missing from the class path");
        }
        FXMLLoader loader = new FXMLLoader(url, Messages.bundle());
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(name + ".fxml names controller " + type.getName()
                        + " but was given " + controller.getClass().getName());
            }
            return controller;
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + name, e);
        }
    }
}
