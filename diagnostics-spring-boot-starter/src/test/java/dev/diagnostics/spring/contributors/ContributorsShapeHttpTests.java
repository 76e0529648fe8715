package dev.diagnostics.spring.contributors;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.diagnostics.spring.ActuatorClient;
import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application with the feature on and off, over real HTTP: what Actuator users see (component names,
 * nesting, statuses including custom ones, details whatever their type, groups, show-details rules, HTTP status)
 * is unchanged but for the engine's additions; the opt-outs and per-contributor settings work.
 */
class ContributorsShapeHttpTests {

    private static final Set<String> ENGINE_ADDITIONS = Set.of("durationMs", "checkedAt", "diagnosis");

    @Test
    void actuatorsOutputIsUnchangedButForTheEnginesAdditions() {
        try (ConfigurableApplicationContext on = start(); ConfigurableApplicationContext off = start(
                "diagnostics.health.contributors.enabled=false")) {
            for (String path : List.of("/actuator/health", "/actuator/health/custom", "/actuator/health/liveness",
                    "/actuator/health/replicas", "/actuator/health/maintenance")) {
                Response adopted = get(on, path);
                Response stock = get(off, path);
                assertThat(adopted.status()).as(path).isEqualTo(stock.status());
                assertThat(withoutEngineAdditions(adopted.json().read("$"))).as(path)
                        .isEqualTo(withoutEngineAdditions(stock.json().read("$")));
            }
            Response adopted = get(on, "/actuator/health");
            Response stock = get(off, "/actuator/health");
            assertThat(adopted.status()).isEqualTo(503);
            assertThat(adopted.<String>read("$.components.maintenance.status")).isEqualTo("OUT_OF_SERVICE");
            assertThat(adopted.<String>read("$.components.maintenance.details.window.until"))
                    .isEqualTo("2030-01-01T02:00:00Z");
            assertThat(adopted.<String>read("$.components.maintenance.details.diagnosis.code"))
                    .isEqualTo("health.foreign.down");
            assertThat(adopted.<Object>read("$.components.slow0.details.durationMs")).isInstanceOf(Number.class);
            assertThat(adopted.<Object>read("$.components.replicas.components.primary.details.durationMs"))
                    .isInstanceOf(Number.class);
            assertThat(stock.<Map<String, Object>>read("$.components.slow0.details")).doesNotContainKey("durationMs");
            // The custom group shows status only (show-details=never for it), exactly as Actuator decides.
            Response custom = get(on, "/actuator/health/custom");
            assertThat(custom.<Map<String, Object>>read("$.components.slow0")).containsOnlyKeys("status");
        }
    }

    @Test
    void excludedContributorsStayActuatorsAndTheWholeFeatureCanBeOff() {
        try (ConfigurableApplicationContext context = start(
                "diagnostics.health.contributors.exclude=slow1,replicas/replica")) {
            Response health = get(context, "/actuator/health");

            assertThat(health.<Map<String, Object>>read("$.components.slow0.details")).containsKey("durationMs");
            assertThat(health.<Map<String, Object>>read("$.components.slow1.details")).doesNotContainKey("durationMs");
            assertThat(health.<Map<String, Object>>read("$.components.replicas.components.primary.details"))
                    .containsKey("durationMs");
            assertThat(health.<Map<String, Object>>read("$.components.replicas.components.replica.details"))
                    .doesNotContainKey("durationMs");
            assertThat(health.<String>read("$.components.slow1.status")).isEqualTo("UP");
        }
        try (ConfigurableApplicationContext context = start("diagnostics.health.contributors.enabled=false")) {
            assertThat(context.getBeansOfType(dev.diagnostics.spring.actuate.AdoptedContributors.class)).isEmpty();
            assertThat(get(context, "/actuator/health").<Map<String, Object>>read("$.components.ping"))
                    .doesNotContainKey("details");
        }
    }

    @Test
    void eachContributorIsConfiguredByItsComponentName() {
        try (ConfigurableApplicationContext context = start("slow-indicators.work=300ms",
                "diagnostics.checks.maintenance.critical=false", "diagnostics.checks.slow2.timeout=30ms",
                "diagnostics.checks.slow1.enabled=false")) {
            Response health = get(context, "/actuator/health");

            assertThat(health.<String>read("$.components.maintenance.status")).isEqualTo("DEGRADED");
            assertThat(health.<String>read("$.components.maintenance.details.observedStatus"))
                    .isEqualTo("OUT_OF_SERVICE");
            assertThat(health.<Boolean>read("$.components.maintenance.details.critical")).isFalse();
            assertThat(health.<String>read("$.components.maintenance.details.window.from"))
                    .isEqualTo("2030-01-01T00:00:00Z");
            assertThat(health.<String>read("$.components.slow2.status")).isEqualTo("DOWN");
            assertThat(health.<String>read("$.components.slow2.details.diagnosis.code"))
                    .isEqualTo("health.check.timeout");
            assertThat(health.<String>read("$.components.slow0.status")).isEqualTo("UP");
            assertThat(health.<Map<String, Object>>read("$.components.slow1.details"))
                    .as("its engine check is disabled, so Actuator calls it").doesNotContainKey("durationMs");
        }
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(SlowIndicatorsApplication.class, ShapeIndicators.class)
                .properties("server.port=0", "spring.main.banner-mode=off", "slow-indicators.count=3",
                        "slow-indicators.work=10ms", "management.endpoint.health.show-details=always",
                        "management.endpoint.health.group.custom.include=slow0,replicas",
                        "management.endpoint.health.group.custom.show-details=never",
                        "management.endpoint.health.group.custom.show-components=always",
                        // Checks whose details change from one call to the next (free bytes, heap, busiest threads)
                        // would make the two outputs differ for reasons unrelated to adoption.
                        "diagnostics.cpu.enabled=false", "diagnostics.memory.enabled=false",
                        "diagnostics.disk-space.enabled=false", "management.health.diskspace.enabled=false")
                .properties(properties)
                .run();
    }

    private static Response get(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ActuatorClient(port).get(path);
    }

    /** The JSON without what the engine adds, and without values that change between two calls. */
    @SuppressWarnings("unchecked")
    private static Object withoutEngineAdditions(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                if (!ENGINE_ADDITIONS.contains(key) && !"free".equals(key)) {
                    Object rest = withoutEngineAdditions(value);
                    // Details that held only the engine's additions are not there at all without them.
                    if (!("details".equals(key) && rest instanceof Map<?, ?> details && details.isEmpty())) {
                        copy.put((String) key, rest);
                    }
                }
            });
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(ContributorsShapeHttpTests::withoutEngineAdditions).toList();
        }
        return json;
    }

    /** A maintenance window: not a JSON-safe value for our own results, rendered by Actuator's JSON as it is. */
    public record Window(Instant from, Instant until) {
    }

    @Configuration(proxyBeanMethods = false)
    static class ShapeIndicators {

        @Bean
        HealthIndicator maintenanceHealthIndicator() {
            return () -> Health.status(Status.OUT_OF_SERVICE)
                    .withDetail("window", new Window(Instant.parse("2030-01-01T00:00:00Z"),
                            Instant.parse("2030-01-01T02:00:00Z")))
                    .build();
        }

        @Bean
        HealthContributor replicasHealthContributor() {
            Map<String, HealthIndicator> members = new LinkedHashMap<>();
            members.put("primary", () -> Health.up().withDetail("role", "primary").build());
            members.put("replica", () -> Health.up().withDetail("role", "replica").build());
            return CompositeHealthContributor.fromMap(members);
        }
    }
}
