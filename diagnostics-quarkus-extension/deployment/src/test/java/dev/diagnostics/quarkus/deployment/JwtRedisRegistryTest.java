package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtCheckConfig;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.KeySource;
import dev.diagnostics.redis.RedisConnector;
import dev.diagnostics.redis.RedisKeyFingerprintRegistry;
import dev.diagnostics.time.SystemTimeSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * Two instances sharing the machine's Redis as their key registry (a hash of a key unique to this run): the Quarkus
 * application, and a second instance in this JVM made with the core API on its own connection. With the same secret
 * they agree (UP, 2 instances); an instance with another secret turns the check DOWN with {@code jwt.key-mismatch},
 * naming it. Readiness answers 503 then.
 */
class JwtRedisRegistryTest {

    static final String REGISTRY_KEY = SharedTestValues.shared("jwt-registry.key",
            () -> "diagnostics-test:jwt:" + UUID.randomUUID());

    static final String SECRET = SharedTestValues.shared("jwt-registry.secret", JwtRedisRegistryTest::randomSecret);

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, LocalRedisClient.class,
                    SharedTestValues.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            // A free port: other builds on this machine may hold the default test port.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideRuntimeConfigKey("app.jwt.secret", SECRET)
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.secret-property", "app.jwt.secret")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.secret-encoding", "base64")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.instance-id", "quarkus-a")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.publish-interval", "1s")
            .overrideRuntimeConfigKey("quarkus.diagnostics.jwt.registry.key", REGISTRY_KEY);

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @AfterAll
    static void removeTheRegistry() {
        RedisClient client = RedisClient.create(LocalRedis.URI);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().del(REGISTRY_KEY);
        }
        finally {
            LocalRedis.shutdown(client);
        }
    }

    @Test
    void instancesWithTheSameSecretAgreeAndAnotherSecretIsDown() throws Exception {
        RedisClient client = RedisClient.create();
        SystemTimeSource time = new SystemTimeSource();
        try (RedisKeyFingerprintRegistry registry = new RedisKeyFingerprintRegistry(
                RedisConnector.of(client, RedisURI.create(LocalRedis.URI)), REGISTRY_KEY, Duration.ofSeconds(3), time,
                null)) {
            Map<String, Object> before = HealthResponses.data(HealthResponses.get("/q/health/ready", 200), "jwt");
            assertThat((String) before.get("details.registry")).isEqualTo("redis " + LocalRedis.HOST + ":"
                    + LocalRedis.PORT + " key " + REGISTRY_KEY);
            assertThat(before).containsKey("details.clockSkewMs");

            try (JwtCheck peer = peer(time, registry, "peer-b", SECRET)) {
                Response agreed = HealthResponses.await("/q/health/ready", "jwt",
                        (jwt) -> Integer.valueOf(2).equals(jwt.get("details.instances")));
                assertThat(HealthResponses.data(agreed, "jwt")).containsEntry("status", "UP");
            }

            try (JwtCheck rogue = peer(time, registry, "peer-rogue", randomSecret())) {
                Response mismatch = HealthResponses.await("/q/health/ready", "jwt",
                        (jwt) -> "jwt.key-mismatch".equals(jwt.get("diagnosis.code")));
                assertThat(mismatch.statusCode()).isEqualTo(503);
                Map<String, Object> jwt = HealthResponses.data(mismatch, "jwt");
                assertThat(jwt).containsEntry("status", "DOWN");
                assertThat((String) jwt.get("diagnosis.cause")).contains("instance peer-rogue uses key " + rogue.kid())
                        .contains("quarkus-a (this instance)");
                assertThat(mismatch.asString()).doesNotContain(SECRET);
            }
        }
        finally {
            time.close();
            LocalRedis.shutdown(client);
        }
    }

    private static JwtCheck peer(SystemTimeSource time, RedisKeyFingerprintRegistry registry, String id,
            String secret) {
        return JwtCheck.builder(time)
                .key(JwtKey.hmac(JwtAlgorithm.HS256, secret, JwtKey.SecretEncoding.BASE64),
                        KeySource.environmentVariable("JWT_SECRET of " + id))
                .config(JwtCheckConfig.builder().instanceId(id).publishInterval(Duration.ofSeconds(1))
                        .instanceTtl(Duration.ofSeconds(3)).build())
                .registry(registry).build().start();
    }
}
