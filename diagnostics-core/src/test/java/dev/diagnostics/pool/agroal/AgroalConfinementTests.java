package dev.diagnostics.pool.agroal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Agroal is an optional dependency of core: only this package may refer to it, so an application without Agroal
 * never loads a class that does ({@code DataSourceDiagnostics} reaches {@link AgroalPoolAdapter} by class name).
 * Meant to join CoreArchitectureTests' optional-library rules.
 */
class AgroalConfinementTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.diagnostics");

    static final ArchRule AGROAL_ONLY_IN_POOL_AGROAL = noClasses().that()
            .resideOutsideOfPackages("dev.diagnostics.pool.agroal..")
            .should().dependOnClassesThat().resideInAPackage("io.agroal..")
            .because("io.agroal.. is an optional dependency: a user without it must never load a class that refers"
                    + " to it");

    @Test
    void agroalIsUsedOnlyInItsOwnPackage() {
        AGROAL_ONLY_IN_POOL_AGROAL.check(CORE);
    }

    @Test
    void ruleSeesAgroalOutsideThePackage() {
        // agroal-pool's own classes use agroal-api from outside dev.diagnostics.pool.agroal.
        JavaClasses agroalPool = new ClassFileImporter().importPackages("io.agroal.pool");

        assertThat(AGROAL_ONLY_IN_POOL_AGROAL.evaluate(agroalPool).hasViolation()).isTrue();
    }

    @Test
    void ruleCoversTheAdapter() {
        assertThat(CORE.contain(AgroalPoolAdapter.class)).isTrue();
        assertThat(CORE.get(AgroalPoolAdapter.class).getDirectDependenciesFromSelf())
                .anySatisfy((dependency) -> assertThat(dependency.getTargetClass().getPackageName())
                        .startsWith("io.agroal."));
    }
}
