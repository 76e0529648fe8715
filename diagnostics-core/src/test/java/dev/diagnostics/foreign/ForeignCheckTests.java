package dev.diagnostics.foreign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckReport;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthEngineConfig;
import dev.diagnostics.Status;
import dev.diagnostics.foreign.ForeignCheck.Observation;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.time.ManualTimeSource;

class ForeignCheckTests {

    /** Stands for a framework's own result type; deliberately not JSON-safe. */
    record FrameworkHealth(String code, Object detail) {
    }

    private final ManualTimeSource time = new ManualTimeSource();

    private HealthEngine engine;

    @AfterEach
    void close() {
        if (this.engine != null) {
            this.engine.close();
        }
    }

    private HealthEngine engine(CheckRegistration registration) {
        this.engine = HealthEngine.builder().timeSource(this.time)
                .config(HealthEngineConfig.builder().threads(2).build()).register(registration).build();
        return this.engine;
    }

    private static ForeignCheck reporting(AtomicReference<FrameworkHealth> health) {
        return ForeignCheck.of("test framework probe 'mongo'", () -> {
            FrameworkHealth current = health.get();
            Status status = switch (current.code()) {
                case "UP" -> Status.UP;
                case "UNKNOWN" -> Status.UNKNOWN;
                default -> Status.DOWN;
            };
            return new Observation(status, current.code(), current);
        });
    }

    @Test
    void theFrameworksOwnResultTravelsWithTheEnginesResultButIsNeverRendered() {
        Object notJsonSafe = new Object();
        FrameworkHealth up = new FrameworkHealth("UP", notJsonSafe);
        HealthEngine engine = engine(CheckRegistration.builder("mongo", reporting(new AtomicReference<>(up))).build());

        CheckReport report = engine.evaluateCheck("mongo");

        assertThat(report.status()).isEqualTo(Status.UP);
        assertThat(ForeignCheck.original(report.result(), FrameworkHealth.class)).containsSame(up);
        assertThat(ForeignCheck.original(report.result(), String.class)).isEmpty();
        assertThat(report.result().diagnosis()).isEmpty();
        assertThat(report.result().duration()).isNotNull();
        assertThat(HealthReportJson.toJson(engine.evaluate(), true)).doesNotContain("FrameworkHealth")
                .doesNotContain("java.lang.Object");
        assertThat(report.result().toString()).doesNotContain("FrameworkHealth");
    }

    @Test
    void aFailingStatusGetsADiagnosisNamingTheProbeAndItsOwnStatusCode() {
        FrameworkHealth outOfService = new FrameworkHealth("OUT_OF_SERVICE", "maintenance");
        HealthEngine engine = engine(
                CheckRegistration.builder("mongo", reporting(new AtomicReference<>(outOfService))).build());

        CheckReport report = engine.evaluateCheck("mongo");

        assertThat(report.status()).isEqualTo(Status.DOWN);
        assertThat(report.result().diagnosis().orElseThrow().code()).isEqualTo("health.foreign.down");
        assertThat(report.result().diagnosis().orElseThrow().cause())
                .isEqualTo("Test framework probe 'mongo' reported OUT_OF_SERVICE");
        assertThat(ForeignCheck.original(report.result(), FrameworkHealth.class)).containsSame(outOfService);
    }

    @Test
    void whileHysteresisHoldsTheStatusTheLatestOriginalIsCarried() {
        AtomicReference<FrameworkHealth> health = new AtomicReference<>(new FrameworkHealth("UP", 1));
        HealthEngine engine = engine(CheckRegistration.builder("mongo", reporting(health)).failureThreshold(2).build());
        engine.evaluateCheck("mongo");
        FrameworkHealth down = new FrameworkHealth("DOWN", 2);
        health.set(down);
        this.time.advance(Duration.ofSeconds(1));

        CheckReport held = engine.evaluateCheck("mongo");

        assertThat(held.status()).isEqualTo(Status.UP);
        assertThat(held.observedStatus()).isEqualTo(Status.DOWN);
        assertThat(ForeignCheck.original(held.result(), FrameworkHealth.class)).containsSame(down);
        assertThat(held.result().details()).containsKey("hysteresis");
    }

    @Test
    void aThrowingOrSilentProbeIsReportedByTheEngineWithoutAnOriginal() {
        HealthEngine engine = engine(CheckRegistration.builder("broken", ForeignCheck.of("probe 'broken'", () -> {
            throw new IllegalStateException("connect failed for mongodb://app:s3cr3t-canary@db:27017");
        })).build());

        CheckResult thrown = engine.evaluateCheck("broken").result();

        assertThat(thrown.status()).isEqualTo(Status.DOWN);
        assertThat(thrown.diagnosis().orElseThrow().code()).isEqualTo("health.check.failed");
        assertThat(thrown.error().orElseThrow()).doesNotContain("s3cr3t-canary");
        assertThat(thrown.original()).isEmpty();

        this.engine.close();
        HealthEngine silent = engine(CheckRegistration.builder("silent", ForeignCheck.of("probe", () -> null)).build());
        assertThat(silent.evaluateCheck("silent").result().diagnosis().orElseThrow().code())
                .isEqualTo("health.check.no-result");
    }

    @Test
    void isNotExternalAndKeepsItsDescription() {
        ForeignCheck check = ForeignCheck.of("Spring Boot health contributor 'ping'", () -> null);

        assertThat(check.external()).isFalse();
        assertThat(check.description()).isEqualTo("Spring Boot health contributor 'ping'");
        assertThat(CheckRegistration.builder("db/orders", check).build().name()).isEqualTo("db/orders");
        assertThat(Map.of("k", check.toString()).get("k")).contains("ping");
    }
}
