package dev.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigurationValidationTests {

    private static final HealthCheck UP = () -> CheckResult.up().build();

    @Test
    void zeroOrNegativeCheckTimeoutIsRejectedNamingTheField() {
        assertThatThrownBy(() -> CheckRegistration.builder("db", UP).timeout(Duration.ZERO))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("check 'db' timeout").hasMessageContaining("must be positive");
        assertThatThrownBy(() -> CheckRegistration.builder("db", UP).propertyPrefix("diagnostics.checks.db")
                .timeout(Duration.ofMillis(-1)))
                .isInstanceOf(InvalidConfigurationException.class)
                .extracting((ex) -> ((InvalidConfigurationException) ex).property())
                .isEqualTo("diagnostics.checks.db.timeout");
    }

    @Test
    void budgetMustFitInsideTheProbeTimeout() {
        assertThatThrownBy(() -> HealthEngineConfig.builder().probeTimeout(Duration.ofSeconds(1))
                .budget(Duration.ofSeconds(2)).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("diagnostics.health.budget")
                .hasMessageContaining("diagnostics.health.probe-timeout");
        assertThatThrownBy(() -> HealthEngineConfig.builder().budget(Duration.ofSeconds(1)).build())
                .hasMessageContaining("diagnostics.health.budget");
    }

    @Test
    void engineSettingsAreValidatedUnderTheGivenPrefix() {
        assertThatThrownBy(() -> HealthEngineConfig.builder().propertyPrefix("quarkus.diagnostics.health").threads(0))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("quarkus.diagnostics.health.threads").hasMessageContaining("was 0");
        assertThatThrownBy(() -> HealthEngineConfig.builder().budget(Duration.ZERO))
                .hasMessageContaining("diagnostics.health.budget");
        assertThatThrownBy(() -> HealthEngineConfig.builder().defaultCacheTtl(Duration.ofSeconds(-1)))
                .hasMessageContaining("diagnostics.health.default-cache-ttl");
        assertThatThrownBy(() -> HealthEngineConfig.builder().defaultTimeout(Duration.ofSeconds(5)).build())
                .hasMessageContaining("diagnostics.health.default-timeout");
        assertThatThrownBy(() -> HealthEngineConfig.builder().groups("Bad Group"))
                .hasMessageContaining("diagnostics.health.groups");
    }

    @Test
    void unknownGroupIsRejectedAtBuildNamingTheGroup() {
        CheckRegistration registration = CheckRegistration.builder("db", UP).propertyPrefix("diagnostics.checks.db")
                .groups("readyness").build();

        assertThatThrownBy(() -> HealthEngine.builder().register(registration).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("diagnostics.checks.db.groups")
                .hasMessageContaining("'readyness'")
                .hasMessageContaining("readiness");
    }

    @Test
    void customGroupsAreAcceptedOnceDeclared() {
        try (HealthEngine engine = HealthEngine.builder()
                .config(HealthEngineConfig.builder().groups("payments").build())
                .register(CheckRegistration.builder("psp", UP).groups("payments").build())
                .build()) {
            assertThat(engine.evaluate("payments").checks()).containsOnlyKeys("psp");
        }
    }

    @Test
    void duplicateNameIsRejected() {
        assertThatThrownBy(() -> HealthEngine.builder().register("db", UP).register("db", UP).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'db' is registered twice");
    }

    @Test
    void checkTimeoutLongerThanTheBudgetIsRejected() {
        CheckRegistration slow = CheckRegistration.builder("slow", UP).timeout(Duration.ofSeconds(2)).build();

        assertThatThrownBy(() -> HealthEngine.builder().register(slow).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("check 'slow' timeout")
                .hasMessageContaining("diagnostics.health.budget");
    }

    @Test
    void thresholdsAndNamesAreBounded() {
        assertThatThrownBy(() -> CheckRegistration.builder("db", UP).failureThreshold(0))
                .hasMessageContaining("failure-threshold").hasMessageContaining("was 0");
        assertThatThrownBy(() -> CheckRegistration.builder("db", UP).successThreshold(101))
                .hasMessageContaining("success-threshold");
        assertThatThrownBy(() -> CheckRegistration.builder("no spaces", UP))
                .hasMessageContaining("check name");
        assertThatThrownBy(() -> CheckRegistration.builder("db", null))
                .hasMessageContaining("has no HealthCheck");
        assertThatThrownBy(() -> CheckRegistration.builder("db", UP).cacheTtl(Duration.ofSeconds(-1)))
                .hasMessageContaining("cache-ttl");
    }

    @Test
    void overridesReplaceOnlyWhatTheyNameAndReportBadValuesByProperty() {
        CheckRegistration own = CheckRegistration.builder("db", UP).groups(HealthGroups.READINESS)
                .timeout(Duration.ofMillis(300)).build();
        CheckOverrides overrides = new CheckOverrides(null, List.of("readiness", "startup"), false, null,
                Duration.ofSeconds(5), 3, null);

        CheckRegistration applied = overrides.applyTo(own, "diagnostics.checks.db");

        assertThat(applied.groups()).containsExactly("readiness", "startup");
        assertThat(applied.critical()).isFalse();
        assertThat(applied.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(applied.cacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(applied.failureThreshold()).isEqualTo(3);
        assertThat(applied.successThreshold()).isEqualTo(1);
        assertThat(CheckOverrides.NONE.isEnabled()).isTrue();
        assertThatThrownBy(() -> new CheckOverrides(null, null, null, Duration.ZERO, null, null, null)
                .applyTo(own, "diagnostics.checks.db"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("diagnostics.checks.db.timeout");
    }

    @Test
    void overridesAreMatchedByNameIgnoringCaseAndPunctuationAndUnknownNamesFail() {
        List<CheckRegistration> own = List.of(CheckRegistration.builder("inventoryFeed", UP).build(),
                CheckRegistration.builder("deadlocks", UP).build());
        CheckOverrides critical = new CheckOverrides(null, null, false, null, null, null, null);
        CheckOverrides disabled = new CheckOverrides(false, null, null, null, null, null, null);

        List<CheckRegistration> applied = CheckOverrides.applyAll(own,
                java.util.Map.of("inventory-feed", critical, "DEADLOCKS", disabled), "diagnostics.checks");

        assertThat(applied).singleElement().satisfies((registration) -> {
            assertThat(registration.name()).isEqualTo("inventoryFeed");
            assertThat(registration.critical()).isFalse();
        });
        assertThatThrownBy(() -> CheckOverrides.applyAll(own, java.util.Map.of("inventry-feed", critical),
                "quarkus.diagnostics.checks"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("quarkus.diagnostics.checks.inventry-feed")
                .hasMessageContaining("[inventoryFeed, deadlocks]");
        assertThatThrownBy(() -> CheckOverrides.applyAll(own, new java.util.TreeMap<>(java.util.Map.of(
                "inventoryFeed", critical, "inventory-feed", critical)), "diagnostics.checks"))
                .hasMessageContaining("configures the same check 'inventoryFeed'");
    }

    @Test
    void checkNamesComeFromBeanAndClassNames() {
        assertThat(CheckRegistration.nameFor("InventoryFeedCheck")).isEqualTo("inventoryFeed");
        assertThat(CheckRegistration.nameFor("inventoryFeedHealthCheck")).isEqualTo("inventoryFeed");
        assertThat(CheckRegistration.nameFor("paymentsHEALTHCHECK")).isEqualTo("payments");
        assertThat(CheckRegistration.nameFor("Check")).isEqualTo("check");
        assertThat(CheckRegistration.nameFor("ledger")).isEqualTo("ledger");
    }
}
