package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.HealthEngine;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * The application's own MicroProfile Health checks (ten of 100 ms, one that hangs, one that throws, an async one, one
 * with a per-check timeout) answered over HTTP through the engine, in SmallRye's JSON shape.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmallRyeChecksAdoptedTest {

    static final int SLOW = 10;

    static final String CANARY = "s3cr3t-canary";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, Calls.class, SlowCheck0.class,
                    SlowCheck1.class, SlowCheck2.class, SlowCheck3.class, SlowCheck4.class, SlowCheck5.class,
                    SlowCheck6.class, SlowCheck7.class, SlowCheck8.class, SlowCheck9.class, SlowBase.class,
                    HungCheck.class, ThrowingCheck.class, InventoryCheck.class, SlowestCheck.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.diagnostics.health.threads", "16")
            .overrideConfigKey("quarkus.diagnostics.checks.slowest.timeout", "50ms")
            // SmallRye logs every DOWN response in full; a thousand of them would only slow the test down.
            .overrideConfigKey("quarkus.log.category.\"io.smallrye.health\".level", "WARN");

    @Inject
    HealthEngine engine;

    @AfterAll
    static void release() {
        HungCheck.RELEASE.countDown();
    }

    // First: a later test's response would leave a round taking callers, which this one would join instead of
    // starting its own (Quarkus has no per-group rounds).
    @Test
    @Order(1)
    void tenSlowChecksRunAtOnceWhileTheHungOneIsReportedByTheBudget() {
        Calls.gatherNext(SLOW);

        Response health = HealthResponses.get("/q/health", 503);

        assertThat(Calls.gathered()).isTrue();
        assertThat(Calls.MAX_RUNNING.get()).isEqualTo(SLOW);
        for (int i = 0; i < SLOW; i++) {
            Map<String, Object> check = HealthResponses.check(health, "slow-" + i);
            assertThat(check).containsEntry("status", "UP");
            assertThat(HealthResponses.data(health, "slow-" + i)).containsEntry("workMs", 100)
                    .containsKey("durationMs");
        }
        assertThat(HealthResponses.data(health, "hung")).containsEntry("status", "DOWN")
                .hasEntrySatisfying("diagnosis.code", (code) -> assertThat(code)
                        .isIn("health.check.timeout", "health.check.hung"));
        assertThat(HealthResponses.data(health, "inventory")).containsEntry("items", 42).containsKey("durationMs");
        assertThat(HealthResponses.data(health, "slowest")).containsEntry("diagnosis.code", "health.check.timeout");
    }

    @Test
    void aThrowingCheckIsDownWithADiagnosisAndNoSecret() {
        Response health = HealthResponses.get("/q/health/ready", 503);

        assertThat(HealthResponses.data(health, "throwing")).containsEntry("diagnosis.code", "health.check.failed");
        assertThat(health.asString()).doesNotContain(CANARY);
    }

    @Test
    void aThousandProbesOfTheHungCheckRunItOnceAndLeaveTheThreadCountBounded() throws Exception {
        HealthResponses.get("/q/health/live", 503);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        ExecutorService probes = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                answers.add(probes.submit(() -> HealthResponses.get("/q/health/live", 503)));
            }
            for (Future<Response> answer : answers) {
                assertThat(HealthResponses.check(answer.get(), "hung")).containsEntry("status", "DOWN");
            }
        }
        finally {
            probes.shutdownNow();
        }
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();

        assertThat(HungCheck.RUNS.get()).isEqualTo(1);
        assertThat(this.engine.threadCount()).isLessThanOrEqualTo(16);
        assertThat(threadsAfter - threadsBefore).isLessThan(40);
    }

    /** What the slow checks observe, and a gathering point that proves they run at the same time. */
    public static final class Calls {

        static final AtomicInteger RUNNING = new AtomicInteger();

        static final AtomicInteger MAX_RUNNING = new AtomicInteger();

        static volatile CountDownLatch gathering;

        static void gatherNext(int calls) {
            MAX_RUNNING.set(0);
            gathering = new CountDownLatch(calls);
        }

        static boolean gathered() {
            return gathering != null && gathering.getCount() == 0;
        }

        static void started() throws InterruptedException {
            MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            CountDownLatch latch = gathering;
            if (latch != null && latch.getCount() > 0) {
                latch.countDown();
                latch.await(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A check that takes 100 ms, like one that queries a remote dependency. */
    public abstract static class SlowBase implements HealthCheck {

        abstract int index();

        @Override
        public HealthCheckResponse call() {
            try {
                Calls.started();
                Thread.sleep(100);
                return HealthCheckResponse.named("slow-" + index()).up().withData("workMs", 100).build();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return HealthCheckResponse.named("slow-" + index()).down().build();
            }
            finally {
                Calls.RUNNING.decrementAndGet();
            }
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck0 extends SlowBase {
        @Override
        int index() {
            return 0;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck1 extends SlowBase {
        @Override
        int index() {
            return 1;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck2 extends SlowBase {
        @Override
        int index() {
            return 2;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck3 extends SlowBase {
        @Override
        int index() {
            return 3;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck4 extends SlowBase {
        @Override
        int index() {
            return 4;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck5 extends SlowBase {
        @Override
        int index() {
            return 5;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck6 extends SlowBase {
        @Override
        int index() {
            return 6;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck7 extends SlowBase {
        @Override
        int index() {
            return 7;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck8 extends SlowBase {
        @Override
        int index() {
            return 8;
        }
    }

    @Readiness
    @ApplicationScoped
    public static class SlowCheck9 extends SlowBase {
        @Override
        int index() {
            return 9;
        }
    }

    /** Never answers and ignores interrupts. */
    @Liveness
    @ApplicationScoped
    public static class HungCheck implements HealthCheck {

        static final CountDownLatch RELEASE = new CountDownLatch(1);

        static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public HealthCheckResponse call() {
            RUNS.incrementAndGet();
            boolean interrupted = false;
            while (RELEASE.getCount() > 0) {
                try {
                    RELEASE.await();
                }
                catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.up("hung");
        }
    }

    @Readiness
    @ApplicationScoped
    public static class ThrowingCheck implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            throw new IllegalStateException("Refused by https://svc:" + CANARY + "@payments.internal/health");
        }
    }

    @Readiness
    @ApplicationScoped
    public static class InventoryCheck implements AsyncHealthCheck {

        @Override
        public Uni<HealthCheckResponse> call() {
            return Uni.createFrom().item(HealthCheckResponse.named("inventory").up().withData("items", 42).build())
                    .onItem().delayIt().by(Duration.ofMillis(50));
        }
    }

    /** Takes 2 s; configured with a 50 ms timeout by its engine name, "slowest". */
    @Readiness
    @ApplicationScoped
    public static class SlowestCheck implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            try {
                Thread.sleep(2000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.up("slowest");
        }
    }
}
