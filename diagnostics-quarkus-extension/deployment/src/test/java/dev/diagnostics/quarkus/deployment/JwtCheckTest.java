package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.jwt.JwtFailureReason;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.JwtKeyFingerprint;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.quarkus.runtime.JwtChecks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * A strong HMAC secret named by reference ({@code quarkus.diagnostics.jwt.secret-property=app.jwt.secret}): readiness
 * has the {@code jwt} check, UP, with the key's fingerprint and no registry (no lettuce bean); the classifier bean
 * verifies with the configured issuer and audience and counts failures in {@code diagnostics.jwt.failures}; the
 * secret, a canary, appears nowhere.
 */
class JwtCheckTest {

    static final String CANARY = SharedTestValues.shared("jwt-check.secret", () -> "Zq8CANARYxW2v" + randomText());

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LogText.class, TestMeterRegistry.class,
                    SharedTestValues.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            // A free port: other builds on this machine may hold the default test port.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideRuntimeConfigKey("app.jwt.secret", CANARY)
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.secret-property", "app.jwt.secret")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.issuer", "orders-service")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.audience", "orders")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.instance-id", "quarkus-test-a")
            .overrideRuntimeConfigKey("quarkus.log.category.\"dev.diagnostics\".level", "DEBUG")
            .setLogRecordPredicate((record) -> true)
            .assertLogRecords((records) -> assertThat(records.stream().map(LogText::of))
                    .noneMatch((text) -> text.contains(CANARY) || text.contains("CANARY")));

    @Inject
    JwtFailureClassifier classifier;

    @Inject
    JwtChecks jwtChecks;

    @Inject
    MeterRegistry meters;

    private static String randomText() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void readinessHasTheJwtCheckUpWithTheFingerprintOfTheSecret() {
        Response ready = HealthResponses.get("/q/health/ready", 200);

        Map<String, Object> jwt = HealthResponses.data(ready, "jwt");
        String fingerprint = JwtKeyFingerprint.of(JwtKey.hmac(JwtAlgorithm.HS256, CANARY,
                JwtKey.SecretEncoding.TEXT));
        assertThat(jwt).containsEntry("status", "UP")
                .containsEntry("details.algorithm", "HS256")
                .containsEntry("details.keySource", "property 'app.jwt.secret'")
                .containsEntry("details.fingerprint", fingerprint)
                .containsEntry("details.selfTest", "passed")
                .containsEntry("details.instanceId", "quarkus-test-a");
        assertThat((String) jwt.get("details.registry")).startsWith("none");
        assertThat(this.jwtChecks.kid()).contains(fingerprint);
        assertThat(HealthResponses.names(HealthResponses.get("/q/health/live", 200))).doesNotContain("jwt");
    }

    @Test
    void theClassifierBeanVerifiesWithTheSettingsAndCountsFailures() throws InterruptedException {
        Algorithm ours = Algorithm.HMAC256(CANARY);
        Instant now = Instant.now();
        String valid = JWT.create().withIssuer("orders-service").withAudience("orders").withSubject("alice")
                .withExpiresAt(now.plusSeconds(60)).sign(ours);
        String wrongAudience = JWT.create().withIssuer("orders-service").withAudience("billing")
                .withExpiresAt(now.plusSeconds(60)).sign(ours);
        String foreign = JWT.create().withKeyId("0ther0ther0ther0").withIssuer("orders-service")
                .withAudience("orders").sign(Algorithm.HMAC256(randomText() + randomText()));

        assertThat(this.classifier.classify(valid)).isEmpty();
        Optional<JwtFailure> audience = this.classifier.classify(wrongAudience);
        Optional<JwtFailure> signature = this.classifier.classify(foreign);

        assertThat(audience).map(JwtFailure::reason).contains(JwtFailureReason.WRONG_CLAIM);
        assertThat(signature).map(JwtFailure::reason).contains(JwtFailureReason.BAD_SIGNATURE);
        assertThat(signature.orElseThrow().description()).contains("0ther0ther0ther0").doesNotContain(CANARY);
        assertThat(this.meters.find(MeterNames.JWT_FAILURES).tag("reason", JwtFailureReason.BAD_SIGNATURE.tag())
                .functionCounter().count()).isGreaterThanOrEqualTo(1.0);
        // A probe within one budget of an earlier one shares its round, so ask until a round after the failures.
        HealthResponses.await("/q/health/ready", "jwt",
                (jwt) -> ((Number) jwt.get("details.badSignaturesInWindow")).longValue() >= 1);
    }

    @Test
    void theSecretAppearsInNoHealthOutput() {
        for (String path : new String[] { "/q/health", "/q/health/ready", "/q/health/live" }) {
            String body = HealthResponses.get(path, 200).asString();
            assertThat(body).doesNotContain(CANARY).doesNotContain("CANARY");
        }
    }

    @Singleton
    public static class TestMeterRegistry {

        @Produces
        @Singleton
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
