package dev.diagnostics.sample;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample as a user runs it: real HTTP, real threads, a real deadlock. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // Inspect the JVM on every probe, so the test sees the deadlock come and go without waiting out a cache.
        "diagnostics.checks.deadlocks.cache-ttl=0s",
        "sample.inventory-feed.max-silence=1s" })
class SampleApplicationTests {

    /** Long enough for the engine's shared rounds and the feed's silence to play out on a busy machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @AfterEach
    void clearFaults() {
        send("DELETE", "/lab/deadlock");
        send("DELETE", "/lab/feed-stall");
    }

    @Test
    void healthIsUpAtStartWithTheDeadlockAndInventoryFeedChecks() {
        Response health = until("/actuator/health", (response) -> "UP".equals(response.status()));

        assertThat(health.code()).isEqualTo(200);
        assertThat(health.<Map<String, Object>>read("$.components")).containsKeys("deadlocks", "inventoryFeed", "db",
                "pool");
        // The starter's db check, not Spring Boot's: it says how it reached the database.
        assertThat(health.<String>read("$.components.db.details.via")).isEqualTo("pool");
        assertThat(health.<String>read("$.components.inventoryFeed.details.source"))
                .isEqualTo("warehouse-stock-updates");
        Response liveness = send("GET", "/actuator/health/liveness");
        assertThat(liveness.<Map<String, Object>>read("$.components")).containsOnlyKeys("livenessState", "deadlocks");
        Response readiness = send("GET", "/actuator/health/readiness");
        assertThat(readiness.<Map<String, Object>>read("$.components"))
                .containsOnlyKeys("readinessState", "inventoryFeed", "db", "pool", "jwt", "memory", "diskSpace",
                        "files", "config");
    }

    @Test
    void deadlockTakesLivenessDownNamingBothThreadsUntilItIsReleased() {
        until("/actuator/health/liveness", (response) -> response.code() == 200);

        Response created = send("POST", "/lab/deadlock");
        assertThat(created.code()).isEqualTo(200);
        assertThat(created.<List<String>>read("$.threads")).containsExactly("lab-deadlock-1", "lab-deadlock-2");

        Response down = until("/actuator/health/liveness", (response) -> response.code() == 503);
        assertThat(down.status()).isEqualTo("DOWN");
        assertThat(down.<String>read("$.components.deadlocks.status")).isEqualTo("DOWN");
        assertThat(down.<String>read("$.components.deadlocks.details.diagnosis.code")).isEqualTo("jvm.deadlock");
        assertThat(down.<String>read("$.components.deadlocks.details.diagnosis.cause"))
                .contains("'lab-deadlock-1'").contains("'lab-deadlock-2'");
        assertThat(down.<List<String>>read("$.components.deadlocks.details.threads[*].name"))
                .containsExactlyInAnyOrder("lab-deadlock-1", "lab-deadlock-2");
        assertThat(send("GET", "/lab").<List<Boolean>>read("$[?(@.name == 'deadlock')].active")).containsExactly(true);

        assertThat(send("DELETE", "/lab/deadlock").code()).isEqualTo(200);

        Response up = until("/actuator/health/liveness", (response) -> response.code() == 200);
        assertThat(up.status()).isEqualTo("UP");
        assertThat(up.<Integer>read("$.components.deadlocks.details.deadlockedThreads")).isZero();
    }

    @Test
    void stalledFeedDegradesTheServiceWithoutTakingItOutOfRotation() {
        until("/actuator/health", (response) -> "UP".equals(response.status()));

        assertThat(send("POST", "/lab/feed-stall").code()).isEqualTo(200);

        Response readiness = until("/actuator/health/readiness", (response) -> "DEGRADED".equals(response.status()));
        assertThat(readiness.code()).isEqualTo(200);
        assertThat(readiness.<String>read("$.components.inventoryFeed.details.observedStatus")).isEqualTo("DOWN");
        assertThat(readiness.<String>read("$.components.inventoryFeed.details.diagnosis.code"))
                .isEqualTo("inventory.feed.silent");
        Response health = send("GET", "/actuator/health");
        assertThat(health.code()).isEqualTo(200);
        assertThat(health.status()).isEqualTo("DEGRADED");

        send("DELETE", "/lab/feed-stall");

        until("/actuator/health/readiness", (response) -> "UP".equals(response.status()));
    }

    @Test
    void withoutTheRedisProfileThereIsNoRedisAndTheLabRefusesToFillIt() {
        Response health = until("/actuator/health", (response) -> "UP".equals(response.status()));
        assertThat(health.<Map<String, Object>>read("$.components")).doesNotContainKey("redis");

        Response fill = send("POST", "/lab/redis/fill?mb=1");

        assertThat(fill.code()).isEqualTo(409);
        assertThat(fill.<String>read("$.error")).contains("Redis is not configured");
        assertThat(send("DELETE", "/lab/redis").<Integer>read("$.deleted")).isZero();
    }

    @Test
    void inventoryIsServedFromTheDatabase() {
        Response items = send("GET", "/inventory");

        assertThat(items.code()).isEqualTo(200);
        assertThat(items.<List<String>>read("$[*].sku")).containsExactly("SKU-1001", "SKU-1002", "SKU-1003");
        assertThat(send("GET", "/inventory/SKU-9999").code()).isEqualTo(404);
    }

    private Response until(String path, Predicate<Response> condition) {
        return SampleHttp.until(this.http, this.port, path, condition, DEADLINE);
    }

    private Response send(String method, String path) {
        return SampleHttp.send(this.http, this.port, method, path);
    }
}
