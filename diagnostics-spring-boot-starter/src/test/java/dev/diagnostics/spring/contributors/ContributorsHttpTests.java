package dev.diagnostics.spring.contributors;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.spring.ActuatorClient;
import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application with ordinary Actuator indicators (ten of 100 ms, one that hangs, one that throws, a reactive
 * one, a composite) answering over HTTP with the starter present: every indicator runs through the engine.
 */
@SpringBootTest(classes = { SlowIndicatorsApplication.class, ContributorsHttpTests.MoreIndicators.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
                "spring.main.banner-mode=off",
                "slow-indicators.hung=true",
                "management.endpoint.health.show-details=always",
                "management.endpoint.health.group.stuck.include=hung",
                "management.endpoint.health.group.custom.include=slow0,replicas" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContributorsHttpTests {

    private static final String CANARY = "s3cr3t-canary";


    @LocalServerPort
    private int port;

    @Autowired
    private IndicatorCalls calls;

    @Autowired
    private HungHealthIndicator hung;

    @Autowired
    private HealthEngine engine;

    private ActuatorClient client;

    private static HungHealthIndicator hungToRelease;

    @BeforeEach
    void client() {
        this.client = new ActuatorClient(this.port);
        hungToRelease = this.hung;
    }

    @AfterAll
    static void releaseHungIndicator() {
        if (hungToRelease != null) {
            hungToRelease.release();
        }
    }

    // First: another test's response leaves a round taking callers for up to one budget, which this one would join.
    @Test
    @Order(1)
    void tenSlowIndicatorsRunAtOnceWhileTheHungOneIsReportedByTheBudget() {
        this.calls.reset();
        // Each of the next ten calls waits until all ten have started: called one after another, the first would
        // wait past its 500 ms timeout and be reported DOWN.
        this.calls.gatherNext(10);

        Response health = this.client.get("/actuator/health");

        assertThat(this.calls.gathered()).isTrue();
        assertThat(this.calls.maxRunning()).isEqualTo(10);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.healthStatus()).isEqualTo("DOWN");
        for (int i = 0; i < 10; i++) {
            String component = "$.components.slow" + i;
            assertThat(health.<String>read(component + ".status")).isEqualTo("UP");
            assertThat(health.<Integer>read(component + ".details.workMs")).isEqualTo(100);
            assertThat(health.<Double>read(component + ".details.durationMs")).isBetween(100.0, 500.0);
        }
        assertThat(health.<String>read("$.components.hung.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.hung.details.diagnosis.code"))
                .isIn("health.check.timeout", "health.check.hung");
        assertThat(health.<String>read("$.components.ping.status")).isEqualTo("UP");
        assertThat(health.<Object>read("$.components.ping.details.durationMs")).isInstanceOf(Number.class);
    }

    @Test
    void aThousandProbesOfTheHungIndicatorRunItOnceAndLeaveTheThreadCountBounded() throws Exception {
        // The first probes answer with the hung check's first run timing out (health.check.timeout), and callers share
        // that round until its budget ends; from the next round on it is known to be hung.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"health.check.hung".equals(this.client.get("/actuator/health/stuck")
                .<String>read("$.components.hung.details.diagnosis.code")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        ExecutorService probes = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                answers.add(probes.submit(() -> this.client.get("/actuator/health/stuck")));
            }
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.<String>read("$.components.hung.details.diagnosis.code"))
                        .isEqualTo("health.check.hung");
            }
        }
        finally {
            probes.shutdownNow();
        }
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

        assertThat(this.hung.invocations()).isEqualTo(1);
        // Default sizing: one thread per check (ours and adopted), however many probes come.
        assertThat(this.engine.threadLimit()).isEqualTo(this.engine.registrations().size());
        assertThat(this.engine.threadCount()).isLessThanOrEqualTo(this.engine.threadLimit());
        // The 8 probing threads, the HTTP client's and a few more server threads; never one per probe.
        assertThat(threadsAfter - threadsBefore).isLessThan(40);
    }

    @Test
    void aThrowingIndicatorIsDownWithADiagnosisAndNoSecret() {
        Response health = this.client.get("/actuator/health");

        assertThat(health.<String>read("$.components.throwing.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.throwing.details.diagnosis.code"))
                .isEqualTo("health.check.failed");
        assertThat(health.<String>read("$.components.throwing.details.error")).contains("IllegalStateException");
        assertThat(health.body()).doesNotContain(CANARY);
    }

    @Test
    void aReactiveIndicatorRunsThroughTheEngineWithItsOwnDetails() {
        Response health = this.client.get("/actuator/health");

        assertThat(health.<String>read("$.components.inventory.status")).isEqualTo("UP");
        assertThat(health.<Integer>read("$.components.inventory.details.items")).isEqualTo(42);
        assertThat(health.<Object>read("$.components.inventory.details.durationMs")).isInstanceOf(Number.class);
    }

    @Test
    void aCompositeKeepsItsNestingWithEachMemberRunByTheEngine() {
        Response health = this.client.get("/actuator/health");

        Map<String, Object> members = health.read("$.components.replicas.components");
        assertThat(members).containsOnlyKeys("primary", "replica");
        assertThat(health.<String>read("$.components.replicas.components.primary.details.role")).isEqualTo("primary");
        assertThat(health.<Object>read("$.components.replicas.components.replica.details.durationMs"))
                .isInstanceOf(Number.class);
        Response member = this.client.get("/actuator/health/replicas/replica");
        assertThat(member.healthStatus()).isEqualTo("UP");
        assertThat(member.<String>read("$.details.role")).isEqualTo("replica");
    }

    @Test
    void aGroupShowsAndRunsOnlyItsMembers() {
        int slowFiveBefore = this.calls.invocations("slow5");
        int slowZeroBefore = this.calls.invocations("slow0");

        Response custom = this.client.get("/actuator/health/custom");

        assertThat(custom.status()).isEqualTo(200);
        Map<String, Object> components = custom.read("$.components");
        assertThat(components).containsOnlyKeys("slow0", "replicas");
        assertThat(this.calls.invocations("slow0")).isEqualTo(slowZeroBefore + 1);
        assertThat(this.calls.invocations("slow5")).as("not a member: not run").isEqualTo(slowFiveBefore);
    }

    @Test
    void livenessProbesRunNoneOfTheOtherIndicators() {
        int slowBefore = this.calls.invocations("slow3");

        for (int i = 0; i < 3; i++) {
            Response liveness = this.client.get("/actuator/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.healthStatus()).isEqualTo("UP");
        }

        assertThat(this.calls.invocations("slow3")).isEqualTo(slowBefore);
    }

    @Configuration(proxyBeanMethods = false)
    static class MoreIndicators {

        @Bean
        HealthIndicator throwingHealthIndicator() {
            return () -> {
                throw new IllegalStateException("Refused by https://svc:" + CANARY + "@payments.internal/health");
            };
        }

        @Bean
        ReactiveHealthIndicator inventoryHealthIndicator() {
            return () -> Mono.delay(Duration.ofMillis(50)).map((tick) -> Health.up().withDetail("items", 42).build());
        }

        @Bean
        HealthContributor replicasHealthContributor() {
            Map<String, HealthIndicator> members = new java.util.LinkedHashMap<>();
            members.put("primary", () -> Health.up().withDetail("role", "primary").build());
            members.put("replica", () -> Health.up().withDetail("role", "replica").build());
            return CompositeHealthContributor.fromMap(members);
        }
    }
}
