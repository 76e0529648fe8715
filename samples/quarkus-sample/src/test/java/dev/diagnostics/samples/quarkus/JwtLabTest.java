package dev.diagnostics.samples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The JWT lab with the machine's Redis as the key registry (a hash of a key unique to this run): the login endpoint
 * mints tokens that {@code /auth/me} accepts, foreign tokens are rejected with their reason and turn {@code jwt}
 * DEGRADED, and a rogue instance with another secret turns it DOWN naming both keys.
 */
@QuarkusTest
@TestProfile(JwtLabTest.WithRedisRegistry.class)
class JwtLabTest {

    @Test
    void loginMintsATokenThatTheServiceAcceptsWithItsKid() {
        Response login = given().post("/auth/login?user=alice");
        assertThat(login.statusCode()).isEqualTo(200);
        String token = login.jsonPath().getString("token");
        String kid = login.jsonPath().getString("kid");

        Response me = given().header("Authorization", "Bearer " + token).get("/auth/me");

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.jsonPath().getString("user")).isEqualTo("alice");
        assertThat(me.jsonPath().getString("kid")).isEqualTo(kid);
        Map<String, Object> jwt = SampleHealth.data(SampleHealth.get("/q/health/ready"), "jwt");
        assertThat(jwt).containsEntry("details.fingerprint", kid);
        assertThat((String) jwt.get("details.registry")).startsWith("redis 127.0.0.1:6379 key diagnostics-sample-test");
    }

    @Test
    void foreignTokensAreRejectedWithTheirReasonAndDegradeTheCheck() throws InterruptedException {
        String foreign = given().post("/auth/login").jsonPath().getString("token");
        String tampered = foreign.substring(0, foreign.lastIndexOf('.') + 1) + "AAAA";
        Response me = given().header("Authorization", "Bearer " + tampered).get("/auth/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.jsonPath().getString("reason")).isEqualTo("bad-signature");

        assertThat(given().post("/lab/jwt/foreign-tokens?count=5").statusCode()).isEqualTo(200);

        Response ready = SampleHealth.await("/q/health/ready",
                (response) -> "jwt.foreign-signatures".equals(SampleHealth.data(response, "jwt").get("diagnosis.code"))
                        || "jwt.key-mismatch".equals(SampleHealth.data(response, "jwt").get("diagnosis.code")));
        Map<String, Object> jwt = SampleHealth.data(ready, "jwt");
        assertThat(((Number) jwt.get("details.badSignaturesInWindow")).intValue()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aRogueInstanceWithAnotherSecretTurnsTheCheckDown() throws InterruptedException {
        Response started = given().post("/lab/jwt/rogue-instance");
        assertThat(started.statusCode()).isEqualTo(200);
        String rogueKid = started.jsonPath().getString("fingerprint");
        try {
            Response down = SampleHealth.await("/q/health/ready",
                    (response) -> "jwt.key-mismatch".equals(SampleHealth.data(response, "jwt").get("diagnosis.code")));

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat((String) SampleHealth.data(down, "jwt").get("diagnosis.cause"))
                    .contains("instance lab-rogue-instance uses key " + rogueKid);
        }
        finally {
            assertThat(given().delete("/lab/jwt/rogue-instance").jsonPath().getBoolean("stopped")).isTrue();
        }
    }

    public static class WithRedisRegistry implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sample.redis.url", "redis://127.0.0.1:6379",
                    "quarkus.diagnostics.jwt.registry.key", "diagnostics-sample-test:jwt:" + UUID.randomUUID(),
                    "quarkus.diagnostics.jwt.instance-ttl", "3s",
                    "quarkus.diagnostics.jwt.publish-interval", "1s");
        }
    }
}
