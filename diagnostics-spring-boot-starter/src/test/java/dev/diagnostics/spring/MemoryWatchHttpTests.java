package dev.diagnostics.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.diagnostics.memory.JvmMemory;
import dev.diagnostics.memory.JvmMemoryReading;
import dev.diagnostics.memory.MemoryWatchConfig;
import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.ManualTimeSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real servlet application: the memory filter records each request's allocation under Spring MVC's route template,
 * and, with shedding on, answers 503 with Retry-After while memory is critical, except for the Actuator endpoints.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = MemoryWatchHttpTests.App.class, properties = {
        "spring.main.banner-mode=off",
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.group.readiness.include=readinessState",
        "diagnostics.memory.requests.shed-share=1", "diagnostics.memory.requests.retry-after=7s" })
class MemoryWatchHttpTests {

    private static final long MB = 1024 * 1024;

    /** What old gen holds after GC in the fake JVM; the test moves it. */
    static volatile long oldAfterGc = 100 * MB;

    static final ManualTimeSource WATCHER_TIME = new ManualTimeSource();

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private MemoryWatcher watcher;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void allocationIsRecordedPerRouteTemplateAndSheddingOnlyWhileCritical() throws Exception {
        oldAfterGc = 100 * MB;
        WATCHER_TIME.advance(Duration.ofSeconds(5));
        assertThat(get("/items/1?kb=512").statusCode()).isEqualTo(200);
        assertThat(get("/items/2?kb=2048").statusCode()).isEqualTo(200);
        assertThat(get("/no-such-route").statusCode()).isEqualTo(404);
        DistributionSummary items = this.registry.get(MeterNames.MEMORY_REQUEST_ALLOCATION)
                .tag("route", "/items/{id}").summary();
        assertThat(items.count()).isEqualTo(2);
        assertThat(items.max()).isGreaterThanOrEqualTo(2048.0 * 1024);
        assertThat(this.registry.find(MeterNames.MEMORY_REQUEST_ALLOCATION).summaries())
                .noneMatch((summary) -> summary.getId().getTag("route").contains("/items/1"));

        oldAfterGc = 1000 * MB;
        WATCHER_TIME.advance(Duration.ofSeconds(65));
        HttpResponse<String> shed = get("/items/3?kb=1");
        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).hasValue("7");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"memory\"").contains("memory.heap-critical");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(this.registry.get(MeterNames.MEMORY_REQUESTS_SHED).counter().count()).isEqualTo(1);

        oldAfterGc = 100 * MB;
        WATCHER_TIME.advance(Duration.ofSeconds(5));
        assertThat(get("/items/4?kb=1").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    static class App {

        /** The application's own watcher (the auto-configured one backs off), on a fake JVM and a manual clock. */
        @Bean(destroyMethod = "close")
        MemoryWatcher memoryWatcher() {
            JvmMemory jvm = new JvmMemory() {
                @Override
                public JvmMemoryReading read() {
                    return new JvmMemoryReading(oldAfterGc, 1024 * MB, oldAfterGc, 1024 * MB, 1024 * MB, 50 * MB,
                            80 * MB, 0, 30, 1, 10);
                }

                @Override
                public AutoCloseable onCollection(Runnable listener) {
                    return () -> { };
                }

                @Override
                public void armCollectionThreshold(double share) {
                }

                @Override
                public List<String> oldGenPools() {
                    return List.of("Fake Old Gen");
                }
            };
            return MemoryWatcher.builder(MemoryWatchConfig.defaults(), WATCHER_TIME).jvm(jvm).build().start();
        }

        @RestController
        static class Items {

            private static volatile byte[] sink;

            @GetMapping("/items/{id}")
            String item(@PathVariable String id, @org.springframework.web.bind.annotation.RequestParam int kb) {
                sink = new byte[kb * 1024];
                return "item " + id + " " + sink.length;
            }
        }
    }
}
