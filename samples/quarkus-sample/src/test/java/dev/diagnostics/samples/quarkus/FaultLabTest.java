package dev.diagnostics.samples.quarkus;

import static dev.diagnostics.samples.quarkus.SampleHealth.await;
import static dev.diagnostics.samples.quarkus.SampleHealth.data;
import static dev.diagnostics.samples.quarkus.SampleHealth.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The sample answering HTTP: health at rest, then each fault of the lab and its repair. */
@QuarkusTest
class FaultLabTest {

    @AfterEach
    void repair() {
        given().delete("/lab/deadlock").then().statusCode(200);
        given().delete("/lab/inventory-feed").then().statusCode(200);
    }

    @Test
    void healthIsUpAtRest() {
        Response health = get("/q/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(health.jsonPath().getList("checks.name", String.class))
                .containsExactlyInAnyOrder("deadlocks", "inventoryFeed", "db", "pool", "memory", "diskSpace", "cpu",
                        "jwt");
    }

    @Test
    void realDeadlockTakesLivenessDownUntilReleased() throws InterruptedException {
        given().post("/lab/deadlock").then().statusCode(201);

        Response down = awaitStatus("/q/health/live", 503);
        Map<String, Object> data = data(down, "deadlocks");
        assertThat(data).containsEntry("status", "DOWN")
                .containsEntry("diagnosis.code", "jvm.deadlock")
                .containsEntry("details.deadlockedThreads", 2);
        assertThat((String) data.get("diagnosis.cause"))
                .contains(DeadlockLab.FIRST_THREAD)
                .contains(DeadlockLab.SECOND_THREAD);

        given().delete("/lab/deadlock").then().statusCode(200);

        Response up = awaitStatus("/q/health/live", 200);
        assertThat(data(up, "deadlocks")).containsEntry("status", "UP");
    }

    @Test
    void unreachableInventoryFeedShowsDegradedWithoutFailingReadiness() throws InterruptedException {
        given().post("/lab/inventory-feed/unreachable").then().statusCode(200);

        Response ready = awaitCheck("/q/health/ready", "inventoryFeed", "DEGRADED");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
        assertThat(data(ready, "inventoryFeed"))
                .containsEntry("observedStatus", "DOWN")
                .containsEntry("critical", false)
                .containsEntry("diagnosis.code", "health.check.failed");
        assertThat((String) data(ready, "inventoryFeed").get("error")).contains("Connection refused");
    }

    @Test
    void staleInventoryFeedIsDegradedWithItsDiagnosis() throws InterruptedException {
        given().post("/lab/inventory-feed/stale").then().statusCode(200);

        Response ready = awaitCheck("/q/health/ready", "inventoryFeed", "DEGRADED");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(data(ready, "inventoryFeed"))
                .containsEntry("diagnosis.code", "inventory.feed-stale")
                .doesNotContainKey("observedStatus");
    }

    @Test
    void labListsItsFaults() {
        Response lab = get("/lab");

        assertThat(lab.statusCode()).isEqualTo(200);
        assertThat(lab.jsonPath().getMap("$")).containsKeys("deadlock", "inventoryFeed", "poolHold", "poolLeak",
                "slowQuery");
        assertThat(lab.jsonPath().getBoolean("deadlock.active")).isFalse();
    }

    /**
     * Probes until the check reports the status. A probe may share the previous probe's round (the engine serves
     * callers arriving within one budget from the same evaluation), so the first answer after a fault can predate it.
     */
    private static Response awaitCheck(String path, String check, String status) throws InterruptedException {
        return await(path, (response) -> status.equals(data(response, check).get("status")));
    }

    private static Response awaitStatus(String path, int status) throws InterruptedException {
        return SampleHealth.await(path, (response) -> response.statusCode() == status);
    }
}
