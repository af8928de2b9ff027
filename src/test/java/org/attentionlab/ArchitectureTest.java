package org.attentionlab;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/lesson-kit.md and README.md ("Layout"): app -> ui.&lt;lesson&gt; -> service ->
 * engine -> io -> domain, with figure (drawing) beside service; dependencies point down, only app
 * and ui know JavaFX, app never reaches the engine, lessons never import each other, and no
 * package depends on itself through others.
 */
class ArchitectureTest {
    /** The ui packages that are not lessons: the shell and what lessons share. */
    static final Set<String> UI_INFRASTRUCTURE = Set.of("kit", "concurrent", "shell", "figure");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.attentionlab");
    }

    @Test
    void theDocumentsThisTestPointsToExist() {
        assertTrue(Files.isRegularFile(Path.of("docs/lesson-kit.md")));
        assertTrue(Files.isRegularFile(Path.of("README.md")));
    }

    @Test
    void engineIoServiceFigureAndDomainNeverTouchJavaFx() {
        noClasses().that().resideInAnyPackage("..engine..", "..io..", "..service..", "org.attentionlab.figure..", "..domain..", "..train..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void appNeverImportsTheEngine() {
        noClasses().that().resideInAPackage("org.attentionlab.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.attentionlab.engine..", "org.nd4j..")
                .check(classes);
    }

    @Test
    void lessonsDoNotImportEachOther() {
        Set<String> lessons = lessonPackages();
        assertTrue(lessons.contains("org.attentionlab.ui.explorer"), "found the lessons: " + lessons);
        for (String lesson : lessons) {
            String[] others = lessons.stream().filter(p -> !p.equals(lesson)).map(p -> p + "..").toArray(String[]::new);
            if (others.length > 0) {
                noClasses().that().resideInAPackage(lesson + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(others)
                        .check(classes);
            }
        }
    }

    @Test
    void theShellAndTheKitKnowNoLesson() {
        String[] lessons = lessonPackages().stream().map(p -> p + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage("org.attentionlab.ui", "org.attentionlab.ui.kit..", "org.attentionlab.ui.concurrent..",
                        "org.attentionlab.ui.shell..", "org.attentionlab.ui.figure..")
                .should().dependOnClassesThat().resideInAnyPackage(lessons)
                .check(classes);
    }

    /**
     * Every package is its own slice. Known exception, left to the engine's owners: inside
     * {@code engine}, the loader registry {@code engine.Models} builds {@code engine.bert} and
     * {@code engine.gpt2}, which implement interfaces of {@code engine}; so dependencies within
     * the engine are not checked here (the engine as a whole is still checked against the rest).
     */
    @Test
    void noPackageCycles() {
        slices().matching("org.attentionlab.(**)").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("org.attentionlab.engine.."), resideInAPackage("org.attentionlab.engine.."))
                .check(classes);
    }

    @Test
    void domainDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.attentionlab.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionlab.io..", "org.attentionlab.engine..", "org.attentionlab.service..",
                        "org.attentionlab.figure..", "org.attentionlab.ui..", "org.attentionlab.app..")
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
                        "org.attentionlab.service..", "org.attentionlab.figure..", "org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }

    @Test
    void figureDrawsOnlyDomainRecords() {
        noClasses().that().resideInAPackage("org.attentionlab.figure..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.attentionlab.engine..", "org.attentionlab.service..", "org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }

    @Test
    void serviceDoesNotReachUp() {
        noClasses().that().resideInAPackage("org.attentionlab.service..")
                .should().dependOnClassesThat().resideInAnyPackage("org.attentionlab.ui..", "org.attentionlab.app..")
                .check(classes);
    }

    /** org.attentionlab.ui.X for every X that is not shared infrastructure. */
    private static Set<String> lessonPackages() {
        Set<String> out = new TreeSet<>();
        for (JavaClass c : classes) {
            String p = c.getPackageName();
            if (p.startsWith("org.attentionlab.ui.")) {
                String first = p.substring("org.attentionlab.ui.".length()).split("\\.")[0];
                if (!UI_INFRASTRUCTURE.contains(first)) {
                    out.add("org.attentionlab.ui." + first);
                }
            }
        }
        return out;
    }
}
