package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * A check that never answers (it waits on a latch and ignores interrupts) does not hold the response: it is reported
 * DOWN as timed out, the other checks still answer, and the next probe reports it hung instead of starting it again.
 */
class HangingCheckTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, StuckDependencyCheck.class, InventoryCheck.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @AfterAll
    static void release() {
        StuckDependencyCheck.RELEASE.countDown();
    }

    @Test
    void hangingCheckIsReportedDownWhileTheOthersAnswer() throws InterruptedException {
        Response first = HealthResponses.get("/q/health/ready", 503);

        assertThat(HealthResponses.data(first, "stuckDependency"))
                .containsEntry("status", "DOWN")
                .containsEntry("diagnosis.code", "health.check.timeout");
        assertThat(HealthResponses.check(first, "inventory")).containsEntry("status", "UP");
        assertThat(StuckDependencyCheck.STARTED.getCount()).isZero();

        // Probes inside the first round's budget share its result; a later round finds the run still going.
        Map<String, Object> later = awaitDiagnosis("health.check.hung");
        assertThat(later).containsEntry("status", "DOWN").containsKey("details.stuckAt");
        assertThat(StuckDependencyCheck.RUNS.get()).isEqualTo(1);
    }

    private static Map<String, Object> awaitDiagnosis(String code) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Map<String, Object> data;
        do {
            data = HealthResponses.data(HealthResponses.get("/q/health/ready", 503), "stuckDependency");
            if (code.equals(data.get("diagnosis.code"))) {
                return data;
            }
            Thread.sleep(100);
        }
        while (System.nanoTime() < deadline);
        throw new AssertionError("stuckDependency never reported " + code + "; last data: " + data);
    }

    @Readiness
    @Singleton
    public static class StuckDependencyCheck implements HealthCheck {

        static final CountDownLatch RELEASE = new CountDownLatch(1);

        static final CountDownLatch STARTED = new CountDownLatch(1);

        static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public CheckResult check() {
            RUNS.incrementAndGet();
            STARTED.countDown();
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
            return CheckResult.up().build();
        }
    }

    @Readiness
    @Singleton
    public static class InventoryCheck implements HealthCheck {

        @Override
        public CheckResult check() {
            return CheckResult.up().build();
        }
    }
}
