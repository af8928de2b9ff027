package org.attentionlab.ui.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.attentionlab.domain.LabException;
import org.attentionlab.ui.ErrorReporter;
import org.attentionlab.ui.Messages;

/**
 * Shows an error as a dialog: the header says what the user was doing, the body what is wrong
 * and what to do. Problems the user can fix ({@link LabException}) show their own sentences;
 * anything else is called unexpected and carries its details in an expandable section. The
 * dialog does not block: the app keeps running with the model it has.
 */
public final class AlertErrorReporter implements ErrorReporter {
    private final Supplier<Window> owner;

    public AlertErrorReporter(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void report(String context, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        Window w = owner.get();
        if (w != null && w.getScene() != null) {
            alert.initOwner(w);
            alert.getDialogPane().getStylesheets().setAll(w.getScene().getStylesheets());
            alert.getDialogPane().getStyleClass().addAll(w.getScene().getRoot().getStyleClass());
        }
        alert.setTitle(Messages.get("error.title"));
        alert.setHeaderText(context);
        alert.getDialogPane().setId("errorDialog");
        alert.getDialogPane().getStyleClass().add("error-dialog");
        alert.setContentText(body(error));
        if (!(rootCause(error) instanceof LabException) && !(error instanceof OutOfMemoryError)) {
            TextArea details = new TextArea(stackTrace(error));
            details.setEditable(false);
            details.setWrapText(false);
            details.getStyleClass().add("error-details");
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.show();
    }

    /** The dialog body: the problem, a blank line, the remedy. */
    public static String body(Throwable error) {
        Throwable cause = rootCause(error);
        if (cause instanceof LabException lab) {
            return lab.remedy().isEmpty() ? lab.problem() : lab.problem() + "\n\n" + lab.remedy();
        }
        if (cause instanceof OutOfMemoryError) {
            return Messages.get("error.memory.problem") + "\n\n" + Messages.get("error.memory.remedy");
        }
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return Messages.get("error.unexpected.problem", what) + "\n\n" + Messages.get("error.unexpected.remedy");
    }

    /** The first LabException in the cause chain, else the deepest cause. */
    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        for (int guard = 0; c != null && guard < 20; guard++) {
            if (c instanceof LabException) {
                return c;
            }
            if (c.getCause() == null || c.getCause() == c) {
                return c;
            }
            c = c.getCause();
        }
        return t;
    }

    private static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
