package dev.diagnostics.samples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The sample with a Redis URL set (the machine's Redis, shared: only read, never filled): readiness gains the
 * {@code redis} check, UP; the fill lab refuses that Redis because it has no maxmemory.
 */
@QuarkusTest
@TestProfile(RedisLabTest.WithRedis.class)
class RedisLabTest {

    @Test
    void redisCheckAppearsWhenAUrlIsSet() {
        Response ready = given().get("/q/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        Map<String, Object> redis = ready.jsonPath().getMap("checks.find { it.name == 'redis' }.data");
        assertThat(redis).containsEntry("status", "UP");
    }

    @Test
    void fillRefusesARedisWithoutMaxmemory() {
        Response refused = given().post("/lab/redis/fill?mb=1");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.jsonPath().getString("problem")).contains("maxmemory");
    }

    public static class WithRedis implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sample.redis.url", "redis://127.0.0.1:6379");
        }
    }
}
