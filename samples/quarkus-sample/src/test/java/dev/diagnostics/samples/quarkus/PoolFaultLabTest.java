package dev.diagnostics.samples.quarkus;

import static dev.diagnostics.samples.quarkus.SampleHealth.await;
import static dev.diagnostics.samples.quarkus.SampleHealth.data;
import static dev.diagnostics.samples.quarkus.SampleHealth.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The pool fault lab over HTTP, on the sample's H2 database and its pool of 4 (leaks suspected after 1 s in tests).
 * Health rounds are shared for up to the 800 ms budget, so the endpoints are polled until they show a change.
 */
@QuarkusTest
class PoolFaultLabTest {

    @BeforeEach
    void healthy() throws InterruptedException {
        await("/q/health/ready", (ready) -> ready.statusCode() == 200 && "UP".equals(data(ready, "pool").get("status")));
    }

    @AfterEach
    void releaseEverything() {
        given().delete("/lab/pool").then().statusCode(200);
    }

    @Test
    void holdingEveryConnectionExhaustsThePoolWhileTheDatabaseStaysUp() throws InterruptedException {
        Response hold = given().post("/lab/pool/hold?connections=5&seconds=60&mode=query");

        assertThat(hold.statusCode()).isEqualTo(200);
        assertThat(hold.jsonPath().getInt("holding")).isEqualTo(4);
        assertThat(hold.jsonPath().getInt("waiting")).isEqualTo(1);
        Response ready = await("/q/health/ready", (response) -> "DOWN".equals(data(response, "pool").get("status")));
        assertThat(ready.statusCode()).isEqualTo(503);
        Map<String, Object> pool = data(ready, "pool");
        assertThat(pool).containsEntry("diagnosis.code", "pool.exhausted").containsEntry("details.waiting", 1);
        assertThat((String) pool.get("diagnosis.cause")).contains("4 of 4 connections are in use and 1 threads wait")
                .contains("slow queries");
        List<String> threads = hold.jsonPath().getList("threads", String.class);
        long named = threads.stream().filter((thread) -> ((String) pool.get("details.holders"))
                .contains("\"thread\":\"" + thread + "\"")).count();
        assertThat(named).as("holders named in %s", pool.get("details.holders")).isEqualTo(4);
        Map<String, Object> db = data(ready, "db");
        assertThat(db).containsEntry("status", "UP").containsEntry("details.via", "direct connection");
        assertThat(get("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/lab").jsonPath().getBoolean("poolHold.active")).isTrue();

        Response released = given().delete("/lab/pool");

        assertThat(released.jsonPath().getInt("released")).isEqualTo(5);
        Response up = await("/q/health/ready", (response) -> response.statusCode() == 200
                && "UP".equals(data(response, "pool").get("status")));
        // No application thread holds a connection; 'active' may still count the db check's own momentary borrow.
        assertThat(data(up, "pool")).containsEntry("details.holders", "[]");
        assertThat(get("/lab").jsonPath().getBoolean("poolHold.active")).isFalse();
    }

    @Test
    void leakedConnectionIsSuspectedAfterTheThresholdNamingTheWorker() throws InterruptedException {
        Response leak = given().post("/lab/pool/leak");

        assertThat(leak.statusCode()).isEqualTo(200);
        String worker = leak.jsonPath().getList("threads", String.class).get(0);
        assertThat(worker).startsWith("order-worker-");
        Response ready = await("/q/health/ready",
                (response) -> "DEGRADED".equals(data(response, "pool").get("status")));
        assertThat(ready.statusCode()).isEqualTo(200);
        Map<String, Object> pool = data(ready, "pool");
        assertThat(pool).containsEntry("diagnosis.code", "pool.leak-suspected");
        assertThat((String) pool.get("diagnosis.cause")).contains("'" + worker + "'");
        assertThat((String) pool.get("details.holders")).contains("\"thread\":\"" + worker + "\"")
                .contains("\"inJdbcCall\":false");
        assertThat(get("/lab").jsonPath().getBoolean("poolLeak.active")).isTrue();

        assertThat(given().delete("/lab/pool").jsonPath().getInt("released")).isEqualTo(1);

        Response up = await("/q/health/ready", (response) -> "UP".equals(data(response, "pool").get("status")));
        assertThat(data(up, "pool")).containsEntry("details.holders", "[]");
        assertThat(get("/lab").jsonPath().getBoolean("poolLeak.active")).isFalse();
    }

    @Test
    void slowQueryHolderIsInsideAJdbcCall() throws InterruptedException {
        Response slow = given().post("/lab/db/slow-query?seconds=60");

        assertThat(slow.statusCode()).isEqualTo(200);
        String thread = slow.jsonPath().getList("threads", String.class).get(0);
        Response ready = await("/q/health/ready",
                (response) -> String.valueOf(data(response, "pool").get("details.holders")).contains(thread));
        Map<String, Object> pool = data(ready, "pool");
        assertThat(pool).containsEntry("status", "UP");
        assertThat((String) pool.get("details.holders")).contains("\"thread\":\"" + thread + "\"")
                .contains("\"inJdbcCall\":true");
    }

    @Test
    void holdRejectsAnUnknownMode() {
        Response rejected = given().post("/lab/pool/hold?connections=1&seconds=1&mode=sideways");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.jsonPath().getString("problem")).isEqualTo("mode must be idle or query");
    }
}
