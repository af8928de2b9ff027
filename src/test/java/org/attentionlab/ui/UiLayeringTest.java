package org.attentionlab.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The UI's layering promises (docs/lesson-kit.md), checked on the compiled classes. */
class UiLayeringTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.attentionlab");

    @Test
    void figureWritersRunHeadlessWithoutJavaFx() {
        noClasses().that().resideInAPackage("org.attentionlab.figure..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void viewsReachTheModelOnlyThroughTheServiceLayer() {
        noClasses().that().resideInAPackage("org.attentionlab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.attentionlab.engine..", "org.nd4j..")
                .check(classes);
    }
}
