package org.attentionlab.ui.kit;

import javafx.event.ActionEvent;
import javafx.scene.control.MenuItem;
import org.attentionlab.figure.FigureExport;

/**
 * A lesson's Export menu: each item names its format in FXML ({@code userData="PNG"}, {@code "SVG"},
 * {@code "CSV"}) and calls one handler, which asks here which format was chosen.
 */
public final class ExportMenu {
    private ExportMenu() {
    }

    /** The format of the Export menu item that fired {@code e}. */
    public static FigureExport.Format format(ActionEvent e) {
        return FigureExport.Format.valueOf((String) ((MenuItem) e.getSource()).getUserData());
    }
}
