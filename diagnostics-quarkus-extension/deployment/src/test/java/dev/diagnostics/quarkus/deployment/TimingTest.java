package dev.diagnostics.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.timing.TimedSection;
import io.quarkus.test.QuarkusExtensionTest;

/**
 * Request and method timing in a Quarkus REST application: the headers, the route template, the exception path and a
 * {@code @TimedSection} bean method appearing in the request's Server-Timing.
 */
class TimingTest {

    @RegisterExtension
    static final QuarkusExtensionTest app = new QuarkusExtensionTest()
            .withApplicationRoot((jar) -> jar.addClasses(Orders.class, Pricing.class,
                    MemoryWatchTest.TestMeterRegistry.class))
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.diagnostics.timing.request-metric", "true")
            .overrideConfigKey("quarkus.diagnostics.timing.max-routes", "5");

    @Inject
    MeterRegistry meters;

    @Test
    void headersCarryTheBreakdownWithTheTimedSection() {
        Response response = RestAssured.get("/orders/7");
        response.then().statusCode(200);
        double processTime = Double.parseDouble(response.header("X-Process-Time"));
        Map<String, Double> timing = serverTiming(response.header("Server-Timing"));
        assertThat(timing).containsKeys("total", "app", "db", "redis", "pricing");
        assertThat(timing.get("pricing")).isGreaterThanOrEqualTo(30.0);
        assertThat(timing.get("app") + timing.get("db") + timing.get("redis")).isCloseTo(timing.get("total"),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(processTime * 1000).isGreaterThanOrEqualTo(30.0);
        awaitCount("/orders/{id}", "SUCCESS", 1);
        assertThat(this.meters.get(MeterNames.METHOD_DURATION).tag("section", "pricing").tag("outcome", "SUCCESS")
                .timer().count())
                .isEqualTo(1);
    }

    @Test
    void anExceptionIsRecordedAsAServerErrorUnderItsTemplate() {
        for (int i = 0; i < 20; i++) {
            RestAssured.get("/orders/fail/" + i).then().statusCode(500);
        }
        awaitCount("/orders/fail/{id}", "SERVER_ERROR", 20);
        assertThat(this.meters.find(MeterNames.HTTP_SERVER_DURATION).tag("route", "/orders/fail/{id}").timers())
                .hasSize(1);
    }

    /** The request is recorded when Vert.x has written the response, a moment after the client may have it. */
    private void awaitCount(String route, String outcome, long count) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        long seen = 0;
        while (System.nanoTime() < deadline) {
            io.micrometer.core.instrument.Timer timer = this.meters.find(MeterNames.HTTP_SERVER_DURATION)
                    .tag("route", route).tag("outcome", outcome).timer();
            seen = (timer != null) ? timer.count() : 0;
            if (seen >= count) {
                break;
            }
            Thread.onSpinWait();
        }
        assertThat(seen).isEqualTo(count);
    }

    static Map<String, Double> serverTiming(String header) {
        Map<String, Double> entries = new LinkedHashMap<>();
        for (String entry : header.split(",")) {
            String[] parts = entry.strip().split(";");
            for (String parameter : parts) {
                if (parameter.startsWith("dur=")) {
                    entries.put(parts[0], Double.parseDouble(parameter.substring(4)));
                }
            }
        }
        return entries;
    }

    @ApplicationScoped
    public static class Pricing {

        @TimedSection("pricing")
        public int price(int id) throws InterruptedException {
            Thread.sleep(30);
            return id * 100;
        }
    }

    @Path("/orders")
    public static class Orders {

        @Inject
        Pricing pricing;

        @GET
        @Path("{id}")
        public String order(@PathParam("id") int id) throws InterruptedException {
            return "order " + this.pricing.price(id);
        }

        @GET
        @Path("fail/{id}")
        public String fail(@PathParam("id") String id) {
            throw new IllegalStateException("failing on purpose");
        }
    }
}
