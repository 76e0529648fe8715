package dev.diagnostics.spring;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.diagnostics.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class SpringStarterArchitectureTests {

    @ArchTest
    static final ArchRule starterImplementsNoHealthCheck = noClasses().should().implement(HealthCheck.class)
            .because("starters adapt the engine to Spring and hold no diagnostic logic; checks live in core");

    @ArchTest
    static final ArchRule starterBuildsNoResultsOrDiagnoses = noClasses().should().dependOnClassesThat()
            .belongToAnyOf(CheckResult.Builder.class, Diagnosis.class)
            .because("what a check found and what it means are decided in core, where both starters share it");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.diagnostics.spring.(**)").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule adaptersDoNotDependOnAutoConfiguration = noClasses().that()
            .resideInAPackage("dev.diagnostics.spring.actuate..").should().dependOnClassesThat()
            .resideInAPackage("dev.diagnostics.spring.autoconfigure..")
            .because("the Actuator adapters are usable without our auto-configuration");

    @ArchTest
    static final ArchRule redisTypesStayInsideTheRedisAutoConfiguration = noClasses().that()
            .haveNameNotMatching(".*\\.(RedisDiagnosticsAutoConfiguration|LettuceFactoryConnection|JwtRedisRegistryConfiguration|RedisTimingPostProcessor)(\\$.*)?")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.lettuce..", "org.springframework.data.redis..", "dev.diagnostics.redis..")
            .because("Redis is optional: only the auto-configuration guarded by @ConditionalOnClass may load a"
                    + " Lettuce or Spring Data Redis class");

    @ArchTest
    static final ArchRule noConditionalOnClassOnBeanMethods = noMethods().that().areAnnotatedWith(Bean.class)
            .should().beAnnotatedWith(ConditionalOnClass.class)
            .because("a missing class in a @Bean method's signature fails before the condition is read; put"
                    + " @ConditionalOnClass on a nested @Configuration class instead");
}
