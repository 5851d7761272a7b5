package org.caretaker.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of CONTRIBUTING.md, checked over the compiled classes: imports point down the layers, and no
 * two packages need each other. A new package must be placed in a layer here, or this test fails.
 */
class LayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        // The two modules' own packages, not the whole class path: scanning every library is slow. By package
        // rather than by code source, so that it works the same on class folders (mvn test) and jars (mvn
        // verify), and leaves out the templates jte generates into the site generator's output.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.caretaker");
    }

    @Test
    void importsPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("org.caretaker..").withOptionalLayers(true)
                .layer("cli").definedBy("org.caretaker.cli..")
                .layer("root").definedBy("org.caretaker")
                .layer("edge").definedBy("org.caretaker.chat..", "org.caretaker.publish..", "org.caretaker.schedule..",
                        "org.caretaker.http..", "org.caretaker.cluster..")
                .layer("work").definedBy("org.caretaker.job..", "org.caretaker.report..", "org.caretaker.alert..",
                        "org.caretaker.maintenance..", "org.caretaker.diag..", "org.caretaker.outbox..")
                .layer("store").definedBy("org.caretaker.store..")
                .layer("check").definedBy("org.caretaker.check..", "org.caretaker.discover..")
                .layer("exec").definedBy("org.caretaker.exec..")
                .layer("base").definedBy("org.caretaker.config..", "org.caretaker.retry..", "org.caretaker.concurrent..")
                .layer("site").definedBy("org.caretaker.site..", "gg.jte.generated..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("root").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("edge").mayOnlyBeAccessedByLayers("cli", "root", "edge")
                .whereLayer("work").mayOnlyBeAccessedByLayers("cli", "root", "edge", "work")
                .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "root", "edge", "work")
                .whereLayer("check").mayOnlyBeAccessedByLayers("cli", "root", "edge", "work", "store")
                .whereLayer("exec").mayOnlyBeAccessedByLayers("cli", "root", "edge", "work", "store", "check")
                .ensureAllClassesAreContainedInArchitecture()
                .check(classes);
    }

    @Test
    void noTwoPackagesNeedEachOther() {
        slices().matching("org.caretaker.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void noSubPackagesNeedEachOther() {
        slices().matching("org.caretaker.*.(*)..").should().beFreeOfCycles().check(classes);
    }
}
