package dev.diagnostics.quarkus.deployment;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.metrics.MeterNames;
import io.quarkus.test.QuarkusExtensionTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory watch in a Quarkus REST application: the {@code memory} check in readiness only, and each request's
 * allocation recorded under its JAX-RS route template.
 */
class MemoryWatchTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(HealthResponses.class, Items.class, TestMeterRegistry.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false");

    @Inject
    MeterRegistry meters;

    @Test
    void memoryCheckIsInReadinessNotLiveness() {
        Response ready = HealthResponses.get("/q/health/ready", 200);
        assertThat(HealthResponses.names(ready)).contains("memory");
        assertThat(HealthResponses.data(ready, "memory")).containsEntry("status", "UP").containsKey("details.heap");
        assertThat(HealthResponses.names(HealthResponses.get("/q/health/live", 200))).doesNotContain("memory");
    }

    @Test
    void allocationIsRecordedUnderTheRouteTemplate() {
        RestAssured.get("/items/1?kb=256").then().statusCode(200);
        RestAssured.get("/items/2?kb=1024").then().statusCode(200);
        DistributionSummary items = this.meters.get(MeterNames.MEMORY_REQUEST_ALLOCATION)
                .tag("route", "/items/{id}").summary();
        assertThat(items.count()).isEqualTo(2);
        assertThat(items.max()).isGreaterThanOrEqualTo(1024.0 * 1024);
        assertThat(this.meters.get(MeterNames.MEMORY_LEVEL).gauge().value()).isZero();
    }

    @Path("/items")
    public static class Items {

        private static volatile byte[] sink;

        @GET
        @Path("{id}")
        public String item(@PathParam("id") String id, @QueryParam("kb") int kb) {
            sink = new byte[kb * 1024];
            return id + ":" + sink.length;
        }
    }

    public static class TestMeterRegistry {

        @Produces
        @Singleton
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
