package org.attentionlab.ui.hello;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.attentionlab.ui.Messages;

/** Controller of {@code HelloView.fxml}: bindings only. */
public final class HelloView {
    private final HelloViewModel vm;

    @FXML private TextField helloText;
    @FXML private Label helloAnswer;
    @FXML private Label helloProblem;

    HelloView(HelloViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        helloText.textProperty().bindBidirectional(vm.textProperty());
        helloAnswer.textProperty().bind(Bindings.createStringBinding(() -> vm.resultProperty().get() == null ? ""
                : Messages.get("hello.answer", vm.resultProperty().get().tokens().size(), vm.resultProperty().get().model()),
                vm.resultProperty()));
        helloProblem.textProperty().bind(vm.problemProperty());
    }
}
