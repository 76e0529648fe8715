package dev.diagnostics.sample;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool fault lab over real HTTP, on the sample's H2 database and its pool of 4. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // The lab's leak is suspected after a second instead of the sample's 10 s.
        "diagnostics.pool.leak-threshold=1s" })
class PoolFaultLabTests {

    /** Health rounds are shared for up to the 800 ms budget, so the endpoint is polled until it shows a change. */
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @BeforeEach
    void healthy() {
        until("/actuator/health", (response) -> "UP".equals(response.status()));
    }

    @AfterEach
    void releaseEverything() {
        send("DELETE", "/lab/pool");
    }

    @Test
    void holdingEveryConnectionExhaustsThePoolWhileTheDatabaseStaysUp() {
        Response hold = send("POST", "/lab/pool/hold?connections=5&seconds=60&mode=query");

        assertThat(hold.code()).isEqualTo(200);
        assertThat(hold.<Integer>read("$.holding")).isEqualTo(4);
        assertThat(hold.<Integer>read("$.waiting")).isEqualTo(1);
        Response health = until("/actuator/health",
                (response) -> "DOWN".equals(response.read("$.components.pool.status")));
        assertThat(health.code()).isEqualTo(503);
        assertThat(health.<String>read("$.components.pool.details.diagnosis.code")).isEqualTo("pool.exhausted");
        assertThat(health.<String>read("$.components.pool.details.diagnosis.cause"))
                .contains("4 of 4 connections are in use and 1 threads wait").contains("slow queries");
        List<String> holders = health.read("$.components.pool.details.holders[*].thread");
        assertThat(holders).hasSize(4).allSatisfy((thread) -> assertThat(thread).startsWith("lab-hold-"))
                .isSubsetOf(hold.<List<String>>read("$.threads"));
        assertThat(health.<String>read("$.components.db.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.db.details.via")).isEqualTo("direct connection");
        assertThat(send("GET", "/actuator/health/readiness").code()).isEqualTo(503);
        assertThat(send("GET", "/actuator/health/liveness").code()).isEqualTo(200);
        assertThat(send("GET", "/lab").<List<Boolean>>read("$[?(@.name == 'pool-hold')].active"))
                .containsExactly(true);

        Response released = send("DELETE", "/lab/pool");

        assertThat(released.code()).isEqualTo(200);
        assertThat(released.<Integer>read("$.released")).isEqualTo(5);
        Response up = until("/actuator/health", (response) -> "UP".equals(response.status()));
        assertThat(up.<String>read("$.components.pool.status")).isEqualTo("UP");
        assertThat(up.<List<Object>>read("$.components.pool.details.holders")).isEmpty();
        assertThat(send("GET", "/lab").<List<Boolean>>read("$[?(@.name == 'pool-hold')].active"))
                .containsExactly(false);
    }

    @Test
    void leakedConnectionIsSuspectedAfterTheThresholdNamingTheWorker() {
        Response leak = send("POST", "/lab/pool/leak");

        assertThat(leak.code()).isEqualTo(200);
        String worker = leak.<List<String>>read("$.threads").get(0);
        assertThat(worker).startsWith("order-worker-");
        Response health = until("/actuator/health",
                (response) -> "DEGRADED".equals(response.read("$.components.pool.status")));
        assertThat(health.code()).isEqualTo(200);
        assertThat(health.status()).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.pool.details.diagnosis.code")).isEqualTo("pool.leak-suspected");
        assertThat(health.<String>read("$.components.pool.details.diagnosis.cause")).contains("'" + worker + "'");
        assertThat(health.<List<String>>read("$.components.pool.details.holders[*].thread"))
                .containsExactly(worker);
        assertThat(health.<List<Boolean>>read("$.components.pool.details.holders[*].inJdbcCall"))
                .containsExactly(false);
        assertThat(send("GET", "/lab").<List<Boolean>>read("$[?(@.name == 'pool-leak')].active"))
                .containsExactly(true);

        assertThat(send("DELETE", "/lab/pool").<Integer>read("$.released")).isEqualTo(1);

        until("/actuator/health", (response) -> "UP".equals(response.read("$.components.pool.status")));
        assertThat(send("GET", "/lab").<List<Boolean>>read("$[?(@.name == 'pool-leak')].active"))
                .containsExactly(false);
    }

    @Test
    void slowQueryIsListedAmongTheHoldersInsideAJdbcCall() {
        Response slow = send("POST", "/lab/db/slow-query?seconds=60");

        assertThat(slow.code()).isEqualTo(200);
        String thread = slow.<List<String>>read("$.threads").get(0);
        assertThat(thread).startsWith("lab-slow-query-");
        Response health = until("/actuator/health", (response) -> !response
                .<List<Object>>read("$.components.pool.details.holders").isEmpty());
        assertThat(health.<String>read("$.components.pool.status")).isEqualTo("UP");
        assertThat(health.<List<String>>read("$.components.pool.details.holders[*].thread"))
                .containsExactly(thread);
        assertThat(health.<List<Boolean>>read("$.components.pool.details.holders[*].inJdbcCall"))
                .containsExactly(true);
        assertThat(health.<List<String>>read("$.components.pool.details.holders[0].where").toString())
                .contains("PoolLab");

        send("DELETE", "/lab/pool");

        until("/actuator/health", (response) -> response
                .<List<Object>>read("$.components.pool.details.holders").isEmpty());
    }

    @Test
    void badRequestsAreRefused() {
        assertThat(send("POST", "/lab/pool/hold?connections=0").code()).isEqualTo(400);
        assertThat(send("POST", "/lab/pool/hold?mode=busy").code()).isEqualTo(400);
        assertThat(send("POST", "/lab/db/slow-query?seconds=0").code()).isEqualTo(400);
    }

    private Response until(String path, Predicate<Response> condition) {
        return SampleHttp.until(this.http, this.port, path, condition, DEADLINE);
    }

    private Response send(String method, String path) {
        return SampleHttp.send(this.http, this.port, method, path);
    }
}
