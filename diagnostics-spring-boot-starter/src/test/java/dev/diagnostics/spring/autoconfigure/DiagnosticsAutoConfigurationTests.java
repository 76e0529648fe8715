package dev.diagnostics.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.metrics.HealthEngineMetrics;
import dev.diagnostics.spring.actuate.CheckGroupsPostProcessor;
import dev.diagnostics.spring.actuate.CheckHealthContributorRegistrar;
import dev.diagnostics.spring.actuate.CheckHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DiagnosticsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DiagnosticsAutoConfiguration.class));

    private final ApplicationContextRunner actuatorRunner = this.runner.withConfiguration(AutoConfigurations.of(
            ApplicationAvailabilityAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
            AvailabilityProbesAutoConfiguration.class, HealthContributorAutoConfiguration.class,
            HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class));

    @Test
    void engineRunsTheDeadlockCheckInLivenessWithTheDefaultSettings() {
        this.runner.run((context) -> {
            HealthEngine engine = context.getBean(HealthEngine.class);
            assertThat(engine.registrations()).singleElement().satisfies((deadlocks) -> {
                assertThat(deadlocks.name()).isEqualTo("deadlocks");
                assertThat(deadlocks.groups()).containsExactly(HealthGroups.LIVENESS);
                assertThat(deadlocks.cacheTtl()).isEqualTo(Duration.ofSeconds(10));
            });
            HealthEngineConfig defaults = HealthEngineConfig.defaults();
            HealthEngineConfig config = engine.config();
            assertThat(config.probeTimeout()).isEqualTo(defaults.probeTimeout());
            assertThat(config.budget()).isEqualTo(defaults.budget());
            assertThat(config.defaultTimeout()).isEqualTo(defaults.defaultTimeout());
            assertThat(config.defaultCacheTtl()).isEqualTo(defaults.defaultCacheTtl());
            assertThat(config.threads()).isEqualTo(defaults.threads());
            assertThat(config.customGroups()).isEmpty();
            assertThat(config.propertyPrefix()).isEqualTo("diagnostics.health");
            assertThat(engine.evaluateCheck("deadlocks").status()).isEqualTo(dev.diagnostics.Status.UP);
        });
    }

    @Test
    void engineSettingsAreBoundFromProperties() {
        this.runner.withPropertyValues("diagnostics.health.probe-timeout=2s", "diagnostics.health.budget=1500ms",
                "diagnostics.health.default-timeout=1s", "diagnostics.health.default-cache-ttl=3s",
                "diagnostics.health.threads=2", "diagnostics.health.groups=payments,search").run((context) -> {
                    HealthEngineConfig config = context.getBean(HealthEngine.class).config();
                    assertThat(config.probeTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.budget()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(config.defaultTimeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.defaultCacheTtl()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.threads()).isEqualTo(2);
                    assertThat(config.customGroups()).containsExactly("payments", "search");
                });
    }

    @Test
    void healthCheckBeansAreRegisteredUnderTheirBeanNameWithoutTheCheckSuffix() {
        this.runner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withBean("paymentsHealthCheck", HealthCheck.class, () -> () -> CheckResult.degraded().build())
                .withBean("search", HealthCheck.class, () -> () -> CheckResult.up().build())
                .run((context) -> {
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    assertThat(names(engine)).containsExactly("deadlocks", "inventoryFeed", "payments", "search");
                    assertThat(engine.evaluateCheck("payments").status()).isEqualTo(dev.diagnostics.Status.DEGRADED);
                });
    }

    @Test
    void checkRegistrationBeansAreRegisteredAndTheirCheckBeanIsNotRegisteredTwice() {
        HealthCheck feed = () -> CheckResult.up().build();
        this.runner.withBean("feedCheck", HealthCheck.class, () -> feed)
                .withBean("feedRegistration", CheckRegistration.class,
                        () -> CheckRegistration.builder("inventory-feed", feed).groups(HealthGroups.READINESS)
                                .critical(false).build())
                .run((context) -> {
                    HealthEngine engine = context.getBean(HealthEngine.class);
                    assertThat(names(engine)).containsExactly("deadlocks", "inventory-feed");
                    CheckRegistration registration = engine.registrations().get(1);
                    assertThat(registration.groups()).containsExactly(HealthGroups.READINESS);
                    assertThat(registration.critical()).isFalse();
                });
    }

    @Test
    void perCheckPropertiesOverrideTheRegistration() {
        this.runner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withPropertyValues("diagnostics.checks.inventoryFeed.groups=readiness,startup",
                        "diagnostics.checks.inventoryFeed.critical=false",
                        "diagnostics.checks.inventoryFeed.timeout=250ms",
                        "diagnostics.checks.inventoryFeed.cache-ttl=5s",
                        "diagnostics.checks.inventoryFeed.failure-threshold=3",
                        "diagnostics.checks.inventoryFeed.success-threshold=2",
                        "diagnostics.checks.deadlocks.cache-ttl=2s")
                .run((context) -> {
                    List<CheckRegistration> registrations = context.getBean(HealthEngine.class).registrations();
                    assertThat(registrations.get(0).cacheTtl()).isEqualTo(Duration.ofSeconds(2));
                    CheckRegistration feed = registrations.get(1);
                    assertThat(feed.name()).isEqualTo("inventoryFeed");
                    assertThat(feed.groups()).containsExactly("readiness", "startup");
                    assertThat(feed.critical()).isFalse();
                    assertThat(feed.timeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(feed.cacheTtl()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(feed.failureThreshold()).isEqualTo(3);
                    assertThat(feed.successThreshold()).isEqualTo(2);
                });
    }

    @Test
    void perCheckPropertiesFromEnvironmentVariablesMatchTheCheckIgnoringCase() {
        this.runner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withInitializer((context) -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("DIAGNOSTICS_CHECKS_INVENTORYFEED_CRITICAL", "false"))))
                .run((context) -> assertThat(context.getBean(HealthEngine.class).registrations().get(1).critical())
                        .isFalse());
    }

    @Test
    void checksCanBeTurnedOffByProperty() {
        this.runner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withPropertyValues("diagnostics.checks.inventoryFeed.enabled=false",
                        "diagnostics.deadlocks.enabled=false")
                .run((context) -> assertThat(context.getBean(HealthEngine.class).registrations()).isEmpty());
    }

    @Test
    void budgetNotBelowTheProbeTimeoutFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("diagnostics.health.budget=2s")
                .run((context) -> assertStartupFailureNames(context, "diagnostics.health.budget"));
    }

    @Test
    void invalidCheckPropertyFailsStartupNamingTheProperty() {
        this.runner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withPropertyValues("diagnostics.checks.inventoryFeed.timeout=-1s")
                .run((context) -> assertStartupFailureNames(context, "diagnostics.checks.inventoryFeed.timeout"));
    }

    @Test
    void checkTimeoutAboveTheBudgetFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("diagnostics.checks.deadlocks.timeout=900ms")
                .run((context) -> assertStartupFailureNames(context, "diagnostics.checks.deadlocks.timeout"));
    }

    @Test
    void unknownGroupFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("diagnostics.checks.deadlocks.groups=payments")
                .run((context) -> assertStartupFailureNames(context, "diagnostics.checks.deadlocks.groups"));
    }

    @Test
    void settingsForACheckThatDoesNotExistFailStartupNamingTheProperty() {
        this.runner.withPropertyValues("diagnostics.checks.inventroyFeed.critical=false")
                .run((context) -> {
                    assertStartupFailureNames(context, "diagnostics.checks.inventroyFeed");
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("deadlocks");
                });
    }

    @Test
    void startupFailureIsAnalysedByTheProperty() {
        this.runner.withPropertyValues("diagnostics.health.threads=0").run((context) -> {
            FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("'diagnostics.health.threads'").contains("was 0");
            assertThat(analysis.getAction()).contains("Correct 'diagnostics.health.threads'");
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnEngine() {
        HealthEngine own = HealthEngine.builder().register("custom", () -> CheckResult.up().build()).build();
        this.actuatorRunner.withBean("myEngine", HealthEngine.class, () -> own).run((context) -> {
            assertThat(context).getBean(HealthEngine.class).isSameAs(own);
            assertThat(context).hasSingleBean(HealthEngine.class);
            HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
            assertThat(registry.getContributor("custom")).isInstanceOf(CheckHealthIndicator.class);
            assertThat(registry.getContributor("deadlocks")).isNull();
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnEngineConfig() {
        HealthEngineConfig own = HealthEngineConfig.builder().threads(1).build();
        this.runner.withBean(HealthEngineConfig.class, () -> own)
                .withPropertyValues("diagnostics.health.threads=8")
                .run((context) -> assertThat(context.getBean(HealthEngine.class).config()).isSameAs(own));
    }

    @Test
    void turnedOffByProperty() {
        this.actuatorRunner.withPropertyValues("diagnostics.health.enabled=false")
                .withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(HealthEngine.class);
                    assertThat(context).doesNotHaveBean(CheckHealthContributorRegistrar.class);
                    assertThat(context).doesNotHaveBean(CheckGroupsPostProcessor.class);
                    assertThat(context.getBean(HealthContributorRegistry.class).getContributor("inventoryFeed"))
                            .isNull();
                });
    }

    @Test
    void engineIsClosedWithTheContext() {
        AtomicReference<HealthEngine> engine = new AtomicReference<>();
        this.runner.withBean("feedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .run((context) -> engine.set(context.getBean(HealthEngine.class)));

        assertThat(engine.get().evaluateCheck("feed").result().diagnosis())
                .hasValueSatisfying((diagnosis) -> assertThat(diagnosis.code()).isEqualTo("health.engine.rejected"));
    }

    @Test
    void eachCheckIsATopLevelHealthContributor() {
        this.actuatorRunner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.down().build())
                .withPropertyValues("diagnostics.checks.inventoryFeed.critical=false")
                .run((context) -> {
                    HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
                    assertThat(registry.getContributor("deadlocks")).isInstanceOf(CheckHealthIndicator.class);
                    HealthIndicator feed = (HealthIndicator) registry.getContributor("inventoryFeed");
                    assertThat(feed).isInstanceOf(CheckHealthIndicator.class);
                    Health health = feed.health();
                    assertThat(health.getStatus()).isEqualTo(new Status("DEGRADED"));
                    assertThat(health.getDetails()).containsEntry("observedStatus", "DOWN")
                            .containsEntry("critical", false);
                    assertThat(registry.getContributor("livenessState")).isNotNull();
                });
    }

    @Test
    void checksJoinSpringBootsHealthGroupsOfTheSameName() {
        this.actuatorRunner.withBean("paymentsCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withPropertyValues("diagnostics.health.groups=billing",
                        "diagnostics.checks.payments.groups=readiness,billing",
                        "management.endpoint.health.group.billing.include=ping")
                .run((context) -> {
                    HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                    assertThat(groups.get("liveness").isMember("deadlocks")).isTrue();
                    assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
                    assertThat(groups.get("liveness").isMember("payments")).isFalse();
                    assertThat(groups.get("readiness").isMember("payments")).isTrue();
                    assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
                    assertThat(groups.get("readiness").isMember("deadlocks")).isFalse();
                    assertThat(groups.get("billing").isMember("payments")).isTrue();
                    assertThat(groups.get("billing").isMember("ping")).isTrue();
                    assertThat(groups.get("billing").isMember("deadlocks")).isFalse();
                });
    }

    @Test
    void everyHealthGroupRanksDegradedBetweenDownAndUp() {
        this.actuatorRunner.withPropertyValues("management.endpoint.health.group.custom.include=deadlocks")
                .run((context) -> {
                    HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                    Status degraded = new Status("DEGRADED");
                    for (String name : List.of("liveness", "readiness", "custom")) {
                        assertThat(groups.get(name).getStatusAggregator().getAggregateStatus(Status.UP, degraded))
                                .as(name).isEqualTo(degraded);
                    }
                    assertThat(groups.getPrimary().getStatusAggregator().getAggregateStatus(Status.UP, degraded))
                            .isEqualTo(degraded);
                    assertThat(groups.getPrimary().getStatusAggregator().getAggregateStatus(Status.DOWN, degraded))
                            .isEqualTo(Status.DOWN);
                    assertThat(groups.getPrimary().getHttpCodeStatusMapper().getStatusCode(degraded)).isEqualTo(200);
                });
    }

    @Test
    void groupIncludesMayNameOurChecks() {
        this.actuatorRunner.withPropertyValues("management.endpoint.health.group.core.include=deadlocks")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HealthEndpointGroups.class).get("core").isMember("deadlocks")).isTrue();
                });
    }

    @Test
    void checkNamedLikeASpringIndicatorFailsStartupSayingHowToResolveIt() {
        this.actuatorRunner.withBean("inventoryFeedCheck", HealthCheck.class, () -> () -> CheckResult.up().build())
                .withBean("inventoryFeedHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
                .run((context) -> assertThat(context).getFailure()
                        .hasStackTraceContaining("Health check 'inventoryFeed' cannot be shown")
                        .hasStackTraceContaining("diagnostics.checks.inventoryFeed.enabled=false"));
    }

    @Test
    void externalCheckInLivenessIsWarnedAboutAtStartup(CapturedOutput output) {
        HealthCheck database = new HealthCheck() {

            @Override
            public CheckResult check() {
                return CheckResult.up().build();
            }

            @Override
            public boolean external() {
                return true;
            }
        };
        this.runner.withBean("databaseCheck", HealthCheck.class, () -> database)
                .withPropertyValues("diagnostics.checks.database.groups=liveness")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("'database' talks to an external system but is in the liveness group");
                });
    }

    @Test
    void engineMetricsAreBoundToTheApplicationsMeterRegistry() {
        this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run((context) -> {
                    assertThat(context).hasSingleBean(HealthEngineMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBean(HealthEngine.class).evaluateCheck("deadlocks");
                    assertThat(registry.find("diagnostics.check.status").tags("check", "deadlocks", "status", "UP")
                            .gauge()).isNotNull().satisfies((gauge) -> assertThat(gauge.value()).isEqualTo(1.0));
                    assertThat(registry.find("diagnostics.check.duration").tag("check", "deadlocks").timer())
                            .isNotNull().satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
                });
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(HealthEngineMetrics.class));
    }

    private static List<String> names(HealthEngine engine) {
        return engine.registrations().stream().map(CheckRegistration::name).toList();
    }

    private static void assertStartupFailureNames(AssertableApplicationContext context, String property) {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'" + property + "'");
        Throwable root = context.getStartupFailure();
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(((InvalidConfigurationException) root).property()).isEqualTo(property);
    }
}
