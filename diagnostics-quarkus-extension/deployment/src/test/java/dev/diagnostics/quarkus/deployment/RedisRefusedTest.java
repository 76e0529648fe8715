package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.quarkus.test.QuarkusExtensionTest;
import io.restassured.response.Response;

/**
 * A lettuce client whose URI points at a loopback port nothing listens on: {@code redis} is DOWN as refused, readiness
 * answers 503 at once (not after lettuce's 60 s command timeout), and the URI's password appears nowhere.
 */
class RedisRefusedTest {

    private static final String CANARY = "Canary-quarkus-redis-3f7c";

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, LocalRedis.class, LogText.class,
                    Lettuce.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideRuntimeConfigKey("quarkus.log.category.\"dev.diagnostics\".level", "DEBUG")
            .setLogRecordPredicate((record) -> true)
            .assertLogRecords(RedisRefusedTest::noPasswordLogged);

    @Test
    void refusedConnectionIsDownWithItsDiagnosisWithinTheBudget() {
        long started = System.nanoTime();
        Response ready = HealthResponses.get("/q/health/ready", 503);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        Map<String, Object> redis = HealthResponses.data(ready, "redis");
        assertThat(redis).containsEntry("status", "DOWN").containsEntry("diagnosis.code", "redis.connection-refused");
        assertThat(redis.toString()).contains("127.0.0.1:" + LocalRedis.REFUSED_PORT);
        // Generous: the point is that nothing waits for lettuce's 60 s timeout (the budget is 800 ms).
        assertThat(tookMillis).isLessThan(10_000);
    }

    @Test
    void noPasswordInAnyHealthResponse() {
        for (String path : List.of("/q/health", "/q/health/ready")) {
            assertThat(HealthResponses.get(path, 503).asString()).as(path).doesNotContain(CANARY);
        }
    }

    private static void noPasswordLogged(List<LogRecord> records) {
        List<String> texts = records.stream().map(LogText::of).toList();
        assertThat(texts).anyMatch((text) -> text.contains("Health check 'redis' is DOWN"));
        assertThat(texts).noneMatch((text) -> text.contains(CANARY));
    }

    @Singleton
    public static class Lettuce {

        @Produces
        @Singleton
        RedisURI redisUri() {
            return RedisURI.create("redis://:" + CANARY + "@" + LocalRedis.HOST + ":" + LocalRedis.REFUSED_PORT);
        }

        @Produces
        @Singleton
        RedisClient redisClient(RedisURI uri) {
            return RedisClient.create(uri);
        }

        void close(@Disposes RedisClient client) {
            LocalRedis.shutdown(client);
        }
    }
}
