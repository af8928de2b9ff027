package org.attentionlab.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads FXML views with the message bundle and a controller built by the caller: the shell's
 * from {@code fxml/NAME.fxml}, a lesson's from {@code <ControllerName>.fxml} beside its controller class.
 */
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
        return load(url, name, controller, Messages.bundle());
    }

    /**
     * Loads {@code <SimpleNameOfController>.fxml} from the controller's package (in
     * {@code src/main/resources}), and adds {@code <SimpleNameOfController>.css} from there to the
     * view when it exists.
     */
    public static Parent loadBeside(Object controller, ResourceBundle bundle) {
        Class<?> type = controller.getClass();
        String name = type.getSimpleName();
        URL url = type.getResource(name + ".fxml");
        if (url == null) {
            throw new IllegalStateException(name + ".fxml is missing beside " + type.getName()
                    + " (put it in src/main/resources/" + type.getPackageName().replace('.', '/') + "/)");
        }
        Parent view = load(url, name, controller, bundle);
        URL css = type.getResource(name + ".css");
        if (css != null) {
            view.getStylesheets().add(css.toExternalForm());
        }
        return view;
    }

    private static Parent load(URL url, String name, Object controller, ResourceBundle bundle) {
        FXMLLoader loader = new FXMLLoader(url, bundle);
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
