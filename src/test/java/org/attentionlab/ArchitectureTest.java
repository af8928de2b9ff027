package org.attentionlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of ARCHITECTURE.md: dependencies point down, and only app and ui know JavaFX. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attentionlab");
    }

    @Test
    void engineIoServiceFigureAndDomainNeverTouchJavaFx() {
        noClasses().that().resideInAnyPackage("..engine..", "..io..", "..service..", "org.attentionlab.figure..", "..domain..", "..train..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void domainDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.attentionlab.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionlab.io..", "org.attentionlab.engine..", "org.attentionlab.service..",
                        "org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }

    @Test
    void ioDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.attentionlab.io..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionlab.engine..", "org.attentionlab.service..", "org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }

    @Test
    void engineDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.attentionlab.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionlab.service..", "org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }

    @Test
    void serviceDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.attentionlab.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }
}
