package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckReport;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.Status;
import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtCheckConfig;
import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureReason;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.KeySource;
import dev.diagnostics.time.ManualTimeSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/** Two instances (two engines) sharing the real Redis on 127.0.0.1:6379 under a key of this test's own. */
class RedisKeyFingerprintRegistryTests {

    private static RedisClient client;

    private static StatefulRedisConnection<String, String> admin;

    private final String key = "diagnostics-test:jwt:" + UUID.randomUUID();

    private final ManualTimeSource time = new ManualTimeSource(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    @BeforeAll
    static void connect() {
        client = RedisClient.create();
        admin = client.connect(RedisURI.create("redis://127.0.0.1:6379"));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
        client.shutdown();
    }

    @AfterEach
    void removeKey() {
        admin.sync().del(this.key);
    }

    private RedisKeyFingerprintRegistry registry() {
        return new RedisKeyFingerprintRegistry(RedisConnector.of(client, RedisURI.create("redis://127.0.0.1:6379")),
                this.key, Duration.ofSeconds(30), this.time, null);
    }

    private JwtCheck instance(RedisKeyFingerprintRegistry registry, String secret, String id) {
        JwtCheck check = JwtCheck.builder(this.time)
                .secret(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.BASE64, KeySource.environmentVariable("JWT_SECRET"))
                .config(JwtCheckConfig.builder().instanceId(id).publishInterval(Duration.ofSeconds(10))
                        .registryTimeout(Duration.ofSeconds(2)).build())
                .registry(registry).build();
        check.start();
        check.publish().toCompletableFuture().join();
        return check;
    }

    private HealthEngine engine(JwtCheck check) {
        return HealthEngine.builder().timeSource(this.time)
                .register(JwtCheck.registration(JwtCheck.NAME, check).timeout(Duration.ofMillis(700)).build()).build();
    }

    private static CheckReport jwt(HealthEngine engine) {
        return engine.evaluateCheck(JwtCheck.NAME);
    }

    @Test
    void twoInstancesWithTheSameSecretAgreeThenADifferentSecretIsDown() {
        String shared = secret();
        try (RedisKeyFingerprintRegistry registryA = registry(); RedisKeyFingerprintRegistry registryB = registry()) {
            JwtCheck a = instance(registryA, shared, "pod-a");
            JwtCheck b = instance(registryB, shared, "pod-b");
            try (HealthEngine engineA = engine(a); HealthEngine engineB = engine(b)) {
                CheckReport first = jwt(engineA);
                assertThat(first.result().details()).containsEntry("instances", 2);
                assertThat(first.result().details().get("registry").toString()).contains(this.key);
                assertThat(jwt(engineB).result().details()).containsEntry("instances", 2);
            }
            b.close();
            JwtCheck rogue = instance(registryB, secret(), "pod-b");
            try (HealthEngine engineA = engine(a); HealthEngine engineB = engine(rogue)) {
                CheckReport seenByA = jwt(engineA);
                assertThat(seenByA.status()).isEqualTo(Status.DOWN);
                assertThat(seenByA.result().diagnosis().orElseThrow().code()).isEqualTo("jwt.key-mismatch");
                assertThat(seenByA.result().diagnosis().orElseThrow().cause()).contains("instance pod-b uses key "
                        + rogue.kid()).contains("instance pod-a (this instance) uses key " + a.kid());
                assertThat(jwt(engineB).status()).isEqualTo(Status.DOWN);
            }
            a.close();
            rogue.close();
        }
    }

    @Test
    void aDeadInstanceDropsOutAfterTheTtlByTheReadersClock() throws Exception {
        try (RedisKeyFingerprintRegistry registryA = registry(); RedisKeyFingerprintRegistry registryB = registry()) {
            JwtCheck a = instance(registryA, secret(), "pod-a");
            JwtCheck dead = instance(registryB, secret(), "pod-dead");
            assertThat(a.check().status()).isEqualTo(Status.DOWN);
            dead.close();

            this.time.advance(Duration.ofSeconds(31));   // a keeps publishing on the timer; pod-dead does not
            a.publish().toCompletableFuture().join();
            assertThat(a.check().status()).isEqualTo(Status.UP);
            assertThat(admin.sync().hkeys(this.key)).containsExactly("pod-a");
            assertThat(admin.sync().pttl(this.key)).isBetween(1L, 30_000L);
            a.close();
        }
    }

    @Test
    void clockSkewIsMeasuredAgainstRedisTimeAndExplainsNotYetValidTokens() {
        ManualTimeSource behind = new ManualTimeSource(Instant.now().minusSeconds(300));
        try (RedisKeyFingerprintRegistry registry = new RedisKeyFingerprintRegistry(
                RedisConnector.of(client, RedisURI.create("redis://127.0.0.1:6379")), this.key, Duration.ofSeconds(30),
                behind, null)) {
            String secret = secret();
            JwtCheck check = JwtCheck.builder(behind)
                    .secret(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.BASE64, KeySource.property("app.jwt.secret"))
                    .config(JwtCheckConfig.builder().leeway(Duration.ofSeconds(5)).registryTimeout(Duration.ofSeconds(2))
                            .build())
                    .referenceClock(registry.serverClock()).build();
            var result = check.check();
            assertThat(result.status()).isEqualTo(Status.DEGRADED);
            assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("jwt.clock-skew");
            assertThat((Long) result.details().get("clockSkewMs")).isBetween(295_000L, 305_000L);

            // A peer with a correct clock mints a token now: here it is not valid yet, and the skew says why.
            String token = com.auth0.jwt.JWT.create().withIssuedAt(Instant.now()).withKeyId(check.kid())
                    .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(Base64.getDecoder().decode(secret)));
            JwtFailure failure = check.classifier().classify(token).orElseThrow();
            assertThat(failure.reason()).isEqualTo(JwtFailureReason.NOT_YET_VALID);
            assertThat(failure.description()).contains("behind Redis TIME at 127.0.0.1:6379")
                    .contains("more than the leeway");
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
