package dev.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.diagnostics.TestChecks.Blocking;

/** The engine on the real clock and timer thread, as production runs it. No timing is asserted. */
class SystemClockEngineTests {

    @Test
    void reportArrivesWhileACheckIgnoresItsInterruptAndTheNextReportSaysItIsHung() throws Exception {
        Blocking hung = new Blocking(true);
        try (HealthEngine engine = HealthEngine.builder()
                .config(HealthEngineConfig.builder().budget(Duration.ofMillis(300))
                        .defaultTimeout(Duration.ofMillis(200)).build())
                .register(CheckRegistration.builder("hung", hung).groups(HealthGroups.READINESS).build())
                .register(CheckRegistration.builder("ok", () -> CheckResult.up().build())
                        .groups(HealthGroups.READINESS).build())
                .build()) {
            CompletableFuture<HealthReport> first = engine.evaluateAsync(HealthGroups.READINESS);
            HealthReport report = first.get(10, TimeUnit.SECONDS);

            assertThat(report.check("hung").orElseThrow().result().diagnosis().orElseThrow().code())
                    .isEqualTo("health.check.timeout");
            assertThat(report.check("ok").orElseThrow().status()).isEqualTo(Status.UP);
            assertThat(engine.evaluateCheck("hung").result().diagnosis().orElseThrow().code())
                    .isIn("health.check.timeout", "health.check.hung");
            assertThat(hung.invocations).hasValue(1);
        }
        finally {
            hung.release.countDown();
        }
    }
}
