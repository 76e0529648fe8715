package dev.diagnostics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of diagnostics-core. Each rule also runs against fixtures that break it, so a rule that
 * silently stopped matching anything would fail here.
 */
class CoreArchitectureTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.diagnostics");

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages("dev.diagnostics.architecture.fixtures");

    static final ArchRule NO_FRAMEWORK = noClasses().that().resideInAPackage("dev.diagnostics..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.quarkus..",
                    "jakarta..", "javax.inject..", "javax.enterprise..", "org.eclipse.microprofile..", "io.smallrye..",
                    "io.vertx..")
            .because("core holds the logic for every framework and must run without any of them");

    /** Every package is its own slice, the root package included. */
    static final ArchRule NO_PACKAGE_CYCLES = SlicesRuleDefinition.slices()
            .assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    return javaClass.getPackageName().startsWith("dev.diagnostics")
                            ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "packages of dev.diagnostics";
                }
            })
            .should().beFreeOfCycles();

    static final ArchRule INTERNAL_STAYS_IN_ITS_AREA = classes().that().resideInAPackage("..internal..")
            .should(onlyBeUsedWithinTheirArea())
            .allowEmptyShould(true)
            .because("an internal package is an implementation detail of the area that contains it");

    static final ArchRule HIKARI_ONLY_IN_ITS_ADAPTER = optionalLibraryConfined("com.zaxxer.hikari..",
            "dev.diagnostics.pool.hikari..");

    static final ArchRule AGROAL_ONLY_IN_ITS_ADAPTER = optionalLibraryConfined("io.agroal..",
            "dev.diagnostics.pool.agroal..");

    static final ArchRule LETTUCE_ONLY_IN_REDIS = optionalLibraryConfined("io.lettuce..", "dev.diagnostics.redis..");

    static final ArchRule DATASOURCE_PROXY_ONLY_IN_JDBC_PROXY = optionalLibraryConfined("net.ttddyy..",
            "dev.diagnostics.jdbc.proxy..");

    static final ArchRule JAVA_JWT_ONLY_IN_JWT = optionalLibraryConfined("com.auth0..", "dev.diagnostics.jwt..");

    /** HotSpot's own management API is not in every JVM: only the memory watch's loaded-by-name adapters use it. */
    static final ArchRule COM_SUN_MANAGEMENT_ONLY_IN_MEMORY_INTERNAL = optionalLibraryConfined("com.sun.management..",
            "dev.diagnostics.memory.internal..");

    /** The PostgreSQL probes speak SQL only; the driver is the application's choice. */
    static final ArchRule NO_POSTGRESQL_DRIVER_CLASSES = optionalLibraryConfined("org.postgresql..");

    private static ArchRule optionalLibraryConfined(String library, String... allowedPackages) {
        return ((allowedPackages.length == 0) ? noClasses().that().resideInAPackage("dev.diagnostics..")
                : noClasses().that().resideOutsideOfPackages(allowedPackages))
                .should().dependOnClassesThat().resideInAPackage(library)
                .because(library + " is an optional dependency: a user without it must never load a class that"
                        + " refers to it");
    }

    private static ArchCondition<JavaClass> onlyBeUsedWithinTheirArea() {
        return new ArchCondition<>("only be used within their area (the package that contains 'internal')") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String name = internal.getPackageName();
                String area = name.substring(0, name.indexOf(".internal"));
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    String user = dependency.getOriginClass().getPackageName();
                    if (!user.equals(area) && !user.startsWith(area + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    @Test
    void coreDependsOnNoFramework() {
        NO_FRAMEWORK.check(CORE);
    }

    @Test
    void corePackagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(CORE);
    }

    @Test
    void internalPackagesAreUsedOnlyInsideTheirArea() {
        INTERNAL_STAYS_IN_ITS_AREA.check(CORE);
    }

    @Test
    void optionalLibrariesAreUsedOnlyInTheirOwnPackage() {
        HIKARI_ONLY_IN_ITS_ADAPTER.check(CORE);
        AGROAL_ONLY_IN_ITS_ADAPTER.check(CORE);
        LETTUCE_ONLY_IN_REDIS.check(CORE);
        JAVA_JWT_ONLY_IN_JWT.check(CORE);
        DATASOURCE_PROXY_ONLY_IN_JDBC_PROXY.check(CORE);
        NO_POSTGRESQL_DRIVER_CLASSES.check(CORE);
        COM_SUN_MANAGEMENT_ONLY_IN_MEMORY_INTERNAL.check(CORE);
    }

    @Test
    void optionalLibraryRulesSeeTheAdaptersThatUseThem() {
        JavaClasses hikariAdapter = new ClassFileImporter().importPackages("dev.diagnostics.pool.hikari");
        assertThat(optionalLibraryConfined("com.zaxxer.hikari..", "dev.diagnostics.jdbc..").evaluate(hikariAdapter)
                .hasViolation()).isTrue();
    }

    @Test
    void rulesDetectViolationsInFixtures() {
        assertThat(NO_PACKAGE_CYCLES.evaluate(FIXTURES).hasViolation()).isTrue();
        assertThat(INTERNAL_STAYS_IN_ITS_AREA.evaluate(FIXTURES).getFailureReport().getDetails())
                .anySatisfy((line) -> assertThat(line).contains("RedisUser").contains("PoolSecret"));
        assertThat(JAVA_JWT_ONLY_IN_JWT.evaluate(FIXTURES).getFailureReport().getDetails())
                .anySatisfy((line) -> assertThat(line).contains("TokenPeeker").contains("com.auth0.jwt"));
    }
}
