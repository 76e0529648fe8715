package dev.diagnostics.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthReport;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.time.ManualTimeSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class JwtCheckTests {

    private final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-03-01T12:00:00Z"));

    private JwtCheck.Builder hs256(String secret) {
        return JwtCheck.builder(this.time).secret(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.TEXT,
                KeySource.environmentVariable("JWT_SECRET"));
    }

    @Test
    void strongKeyAndPassingSelfTestIsUpWithTheFingerprint() {
        JwtCheck check = hs256(TestKeys.randomSecret(32)).build();
        CheckResult result = check.check();
        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("algorithm", "HS256").containsEntry("selfTest", "passed")
                .containsEntry("keyBits", 352).containsEntry("fingerprint", check.kid())
                .containsEntry("keySource", "environment variable JWT_SECRET");
    }

    @Test
    void missingKeyIsDownOrAStartupErrorInStrictMode() {
        CheckResult result = hs256(null).build().check();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.key-missing");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("environment variable JWT_SECRET is not set");

        assertThatThrownBy(() -> hs256("  ").config(JwtCheckConfig.builder().strict(true).build()).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("JWT_SECRET")
                .hasMessageContaining("is blank");
    }

    @Test
    void weakKeyIsDownAndStrictModeFailsWithoutShowingIt() {
        String weak = "changeme";
        CheckResult result = hs256(weak).build().check();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.key-too-short");
        assertThat(result.details().get("keyProblems")).isEqualTo(List.of("jwt.key-too-short", "jwt.key-placeholder"));

        assertThatThrownBy(() -> hs256(weak).config(JwtCheckConfig.builder().strict(true).build()).build())
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies((ex) -> assertThat(((InvalidConfigurationException) ex).property()).isEqualTo("JWT_SECRET"))
                .hasMessageNotContaining(weak);
    }

    @Test
    void selfTestCatchesAVerifierExpectingAnotherAudience() {
        String secret = TestKeys.randomSecret(32);
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(secret))
                .withAudience("orders-api")).build(new TimeSourceClock(this.time));
        JwtCheckConfig config = JwtCheckConfig.builder().audience(List.of("order-api")).build();

        CheckResult result = hs256(secret).config(config).verifier(verifier).build().check();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.self-test-failed");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("'aud'");
        assertThat(result.details()).containsEntry("selfTestReason", "wrong-claim");

        assertThatThrownBy(() -> hs256(secret).config(JwtCheckConfig.builder().audience(List.of("order-api"))
                .strict(true).build()).verifier(verifier).build())
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("self-test failed");
    }

    @Test
    void selfTestCatchesAnRsaKeyPairThatDoesNotBelongTogether() {
        KeyPair one = TestKeys.rsa(2048);
        KeyPair other = TestKeys.rsa(2048);
        CheckResult result = JwtCheck.builder(this.time)
                .key(JwtKey.asymmetric(JwtAlgorithm.RS256, one.getPublic(), other.getPrivate()),
                        KeySource.bean("test key pair"))
                .build().check();
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.self-test-failed");
        assertThat(result.details()).containsEntry("selfTestReason", "bad-signature");
    }

    @Test
    void instancesWithTheSameKeyAgreeAndADifferentKeyIsDownNamingTheGroups() {
        InMemoryKeyFingerprintRegistry registry = new InMemoryKeyFingerprintRegistry(this.time);
        String shared = TestKeys.randomSecret(32);
        JwtCheck a = instance(registry, shared, "pod-a");
        JwtCheck b = instance(registry, shared, "pod-b");
        JwtCheck c = instance(registry, shared, "pod-c");
        assertThat(a.check().status()).isEqualTo(Status.UP);
        assertThat(a.check().details()).containsEntry("instances", 3);

        JwtCheck x = instance(registry, TestKeys.randomSecret(32), "pod-x");
        CheckResult result = a.check();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.key-mismatch");
        assertThat(result.diagnosis().orElseThrow().cause())
                .contains("3 instances (pod-a (this instance), pod-b, pod-c) use key " + a.kid() + " (HS256)")
                .contains("instance pod-x uses key " + x.kid() + " (HS256)");
        assertThat(x.check().status()).isEqualTo(Status.DOWN);
        List.of(a, b, c, x).forEach(JwtCheck::close);
    }

    @Test
    void aDeadInstanceDropsOutAfterItsTtl() {
        InMemoryKeyFingerprintRegistry registry = new InMemoryKeyFingerprintRegistry(this.time);
        JwtCheck a = instance(registry, TestKeys.randomSecret(32), "pod-a");
        JwtCheck stale = instance(registry, TestKeys.randomSecret(32), "pod-old");
        assertThat(a.check().status()).isEqualTo(Status.DOWN);

        stale.close();   // stops publishing, like a killed pod
        this.time.advance(Duration.ofSeconds(29));
        assertThat(a.check().status()).isEqualTo(Status.DOWN);
        this.time.advance(Duration.ofSeconds(2));
        CheckResult result = a.check();
        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("instances", 1);
        a.close();
    }

    @Test
    void publishingContinuesWhileTheCheckIsNotRun() {
        InMemoryKeyFingerprintRegistry registry = new InMemoryKeyFingerprintRegistry(this.time);
        JwtCheck a = instance(registry, TestKeys.randomSecret(32), "pod-a");
        this.time.advance(Duration.ofMinutes(5));   // no check ran; the timer kept publishing
        assertThat(registry.live(Duration.ofSeconds(1))).extracting(KeyAnnouncement::instanceId)
                .containsExactly("pod-a");
        a.close();
        assertThat(this.time.pendingTasks()).isZero();
    }

    @Test
    void expectedFingerprintPinsTheKey() {
        String secret = TestKeys.randomSecret(32);
        String expected = JwtKeyFingerprint.of(JwtKey.hmac(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.TEXT));
        assertThat(hs256(secret).config(JwtCheckConfig.builder().expectedFingerprint(expected).build()).build()
                .check().status()).isEqualTo(Status.UP);
        CheckResult other = hs256(TestKeys.randomSecret(32))
                .config(JwtCheckConfig.builder().expectedFingerprint(expected).build()).build().check();
        assertThat(other.status()).isEqualTo(Status.DOWN);
        assertThat(other.diagnosis().orElseThrow().code()).isEqualTo("jwt.key-unexpected");
    }

    @Test
    void aBurstOfBadSignaturesIsDegradedUntilTheWindowPasses() {
        JwtCheck check = hs256(TestKeys.randomSecret(32)).config(JwtCheckConfig.builder().badSignatureThreshold(3)
                .badSignatureWindow(Duration.ofMinutes(1)).build()).build();
        String foreign = JWT.create().withKeyId("feedfacefeedface").sign(Algorithm.HMAC256(TestKeys.randomSecret(32)));
        check.classifier().classify(foreign);
        check.classifier().classify(foreign);
        assertThat(check.check().status()).isEqualTo(Status.UP);
        check.classifier().classify(foreign);
        CheckResult burst = check.check();
        assertThat(burst.status()).isEqualTo(Status.DEGRADED);
        assertThat(burst.diagnosis().orElseThrow().code()).isEqualTo("jwt.foreign-signatures");
        assertThat(burst.diagnosis().orElseThrow().cause()).contains("Tokens signed with another secret")
                .contains("feedfacefeedface");
        this.time.advance(Duration.ofSeconds(61));
        assertThat(check.check().status()).isEqualTo(Status.UP);
        assertThat(check.check().details().get("failures")).isEqualTo(java.util.Map.of("bad-signature", 3L));
    }

    @Test
    void clockSkewBeyondTheLeewayIsDegraded() {
        ReferenceClock ahead = new ReferenceClock() {
            @Override
            public Instant now(Duration timeout) {
                return JwtCheckTests.this.time.now().plusSeconds(45);
            }

            @Override
            public String describe() {
                return "Redis TIME at test";
            }
        };
        JwtCheck check = hs256(TestKeys.randomSecret(32)).config(JwtCheckConfig.builder()
                .leeway(Duration.ofSeconds(10)).build()).referenceClock(ahead).build();
        CheckResult result = check.check();
        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.clock-skew");
        assertThat(result.details()).containsEntry("clockSkewMs", 45_000L);
        assertThat(check.clockSkew()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void theCanarySecretAppearsInNoOutput() {
        String canary = "Zq8CANARYxW2v" + TestKeys.randomSecret(24).replace("/", "_");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        StringBuilder outputs = new StringBuilder();
        try {
            InMemoryKeyFingerprintRegistry registry = new InMemoryKeyFingerprintRegistry(this.time);
            JwtCheck good = instance(registry, canary, "pod-a");
            JwtCheck other = instance(registry, TestKeys.randomSecret(32), "pod-b");
            // Weak variants of the canary: a too-short prefix, as text.
            JwtCheck weak = hs256(canary.substring(0, 12)).build();
            try {
                hs256(canary.substring(0, 12)).config(JwtCheckConfig.builder().strict(true).build()).build();
            }
            catch (InvalidConfigurationException ex) {
                outputs.append(ex.getMessage()).append(ex);
            }
            String forged = JWT.create().withKeyId("k").sign(Algorithm.HMAC256(TestKeys.randomSecret(32)));
            outputs.append(good.classifier().classify(forged).orElseThrow());
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new JwtMetrics(good.counts()).bindTo(meters);
            meters.getMeters().forEach((meter) -> outputs.append(meter.getId()));
            try (HealthEngine engine = HealthEngine.builder().timeSource(this.time)
                    .register(JwtCheck.registration("jwt", good).build())
                    .register(JwtCheck.registration("jwt-weak", weak).build()).build()) {
                HealthReport report = engine.evaluate();
                outputs.append(HealthReportJson.toJson(report, true)).append(report);
            }
            outputs.append(good).append(weak).append(other).append(JwtKey.hmac(JwtAlgorithm.HS256, canary,
                    JwtKey.SecretEncoding.TEXT));
            good.close();
            other.close();
        }
        finally {
            System.setErr(originalErr);
        }
        String all = outputs + logs.toString(StandardCharsets.UTF_8);
        assertThat(all).contains("jwt.key-mismatch").contains("check is DOWN until it is fixed").doesNotContain(canary)
                .doesNotContain(canary.substring(0, 12)).doesNotContain("CANARY");
    }

    private JwtCheck instance(KeyFingerprintRegistry registry, String secret, String id) {
        return hs256(secret).config(JwtCheckConfig.builder().instanceId(id).publishInterval(Duration.ofSeconds(10))
                .build()).registry(registry).build().start();
    }
}
