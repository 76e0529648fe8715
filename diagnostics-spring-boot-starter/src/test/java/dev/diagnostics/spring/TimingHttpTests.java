package dev.diagnostics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.diagnostics.jdbc.proxy.TimedDataSources;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.timing.TimedSection;

/**
 * A real servlet application on the shared PostgreSQL (pg_sleep) and Redis (BLPOP on an empty key of our own): the
 * timing headers and their breakdown, route templates, errors, async requests, the slow-query and slow-request logs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = TimingHttpTests.App.class, properties = {
        "spring.main.banner-mode=off",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "spring.datasource.username=postgres",
        "spring.datasource.hikari.connection-timeout=10000",
        "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379", "spring.data.redis.timeout=10s",
        "diagnostics.timing.request-metric=true", "diagnostics.timing.max-routes=20",
        "diagnostics.timing.slow-request-threshold=250ms", "diagnostics.timing.jdbc.slow-query-threshold=150ms",
        "diagnostics.timing.slow-call-threshold=40ms" })
@ExtendWith(OutputCaptureExtension.class)
class TimingHttpTests {

    static final String CANARY = "Canary-Pa55word-91ab";

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theServerTimingBreakdownShowsDbRedisAndSectionsAndAddsUp(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("/orders/17");
        assertThat(response.statusCode()).isEqualTo(200);
        double processTime = Double.parseDouble(response.headers().firstValue("X-Process-Time").orElseThrow());
        Map<String, Double> timing = serverTiming(response.headers().firstValue("Server-Timing").orElseThrow());
        assertThat(timing).containsKeys("total", "app", "db", "redis", "pricing");
        assertThat(timing.get("db")).isGreaterThanOrEqualTo(200.0);
        assertThat(timing.get("redis")).isGreaterThanOrEqualTo(100.0);
        assertThat(timing.get("pricing")).isGreaterThanOrEqualTo(50.0);
        assertThat(timing.get("app") + timing.get("db") + timing.get("redis"))
                .isCloseTo(timing.get("total"), org.assertj.core.data.Offset.offset(0.01));
        // Both headers describe the same moment (RequestTiming.respondedAt); they differ only by their rounding
        // (microseconds against tenths of a millisecond).
        assertThat(processTime * 1000).isCloseTo(timing.get("total"), org.assertj.core.data.Offset.offset(0.051));
        assertThat(response.headers().firstValue("Server-Timing").orElseThrow())
                .contains("db;dur=").contains("desc=\"1 statement\"").contains("desc=\"1 command\"");
        awaitTimer("/orders/{id}", "200", 1);
        String slow = output.getOut().lines().filter((line) -> line.contains("slow request")
                && line.contains("route=/orders/{id}")).findFirst().orElseThrow();
        assertThat(slow).contains("method=GET", "status=200", "db_calls=1", "redis_calls=1", "sections=pricing:",
                "allocated_bytes=");
        assertThat(output.getOut()).contains("slow call: section=pricing");
    }

    @Test
    void routesAreTaggedByTemplateSoTenThousandPathsStayBounded() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            assertThat(get("/items/" + i).statusCode()).isEqualTo(200);
            assertThat(get("/nowhere/" + i).statusCode()).isEqualTo(404);
        }
        assertThat(this.registry.find(MeterNames.HTTP_SERVER_DURATION).timers())
                .allSatisfy((timer) -> assertThat(timer.getId().getTag("route")).doesNotMatch(".*/\\d+.*"))
                .hasSizeLessThanOrEqualTo(10);
        awaitTimer("/items/{id}", "200", 5_000);
        // Unmatched paths fall to the static resource handler's pattern: one series, whatever the path.
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("route", "/**").tag("status", "404")
                .timer().count()).isEqualTo(5_000);
    }

    @Test
    void aThrownExceptionIsRecordedWithItsOutcome() throws Exception {
        assertThat(get("/fail/1").statusCode()).isEqualTo(500);
        awaitTimer("/fail/{id}", "500", 1);
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("route", "/fail/{id}")
                .tag("outcome", "SERVER_ERROR").timer().count()).isEqualTo(1);
    }

    @Test
    void anAsyncRequestIsRecordedWhenItFinishes() throws Exception {
        HttpResponse<String> response = get("/async/1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        Timer timer = awaitTimer("/async/{id}", "200", 1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300.0);
        assertThat(response.headers().firstValue("X-Process-Time")).isPresent();
    }

    @Test
    void aSlowQueryIsLoggedOnceWithItsLiteralsMaskedAndTheCanaryNeverAppears(CapturedOutput output)
            throws Exception {
        assertThat(get("/canary").statusCode()).isEqualTo(200);
        long lines = output.getOut().lines().filter((line) -> line.contains("slow query")
                && line.contains("'") == false && line.contains("AS secret")).count();
        assertThat(lines).isEqualTo(1);
        assertThat(output.getOut()).contains("pool=dataSource").contains("sql=\"SELECT pg_sleep(?), ? AS secret\"");
        assertThat(output.toString()).doesNotContain(CANARY);
        assertThat(this.registry.get(MeterNames.JDBC_SLOW_QUERIES).tag("pool", "dataSource").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theWrappedPoolIsStillFoundAndTracked() throws Exception {
        assertThat(TimedDataSources.isTimed(this.dataSource)).isTrue();
        HikariDataSource hikari = this.dataSource.unwrap(HikariDataSource.class);
        assertThat(hikari).isNotNull();
        assertThat(hikari.getMetricsTrackerFactory().getClass().getName()).endsWith("HikariPools$TrackingFactory");
    }

    private Timer awaitTimer(String route, String status, long count) throws InterruptedException {
        // The client sees the response a moment before the server's filter (or async listener) finishes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Timer timer = this.registry.find(MeterNames.HTTP_SERVER_DURATION).tag("route", route).tag("status", status)
                    .timer();
            if ((timer != null && timer.count() >= count) || System.nanoTime() > deadline) {
                assertThat(timer).isNotNull();
                assertThat(timer.count()).isEqualTo(count);
                return timer;
            }
            Thread.sleep(10);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
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

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ App.Pricing.class, App.Endpoints.class })
    static class App {

        @Service
        static class Pricing {

            @TimedSection("pricing")
            public int price(int id) throws InterruptedException {
                Thread.sleep(50);
                return id * 100;
            }
        }

        @RestController
        static class Endpoints {

            private final JdbcTemplate jdbc;

            private final StringRedisTemplate redis;

            private final Pricing pricing;

            Endpoints(JdbcTemplate jdbc, StringRedisTemplate redis, Pricing pricing) {
                this.jdbc = jdbc;
                this.redis = redis;
                this.pricing = pricing;
            }

            @GetMapping("/orders/{id}")
            String order(@PathVariable int id) throws InterruptedException {
                String db = this.jdbc.queryForObject("SELECT pg_sleep(0.2)::text || ?", String.class, "x");
                String cached = this.redis.opsForList().leftPop("diagnostics-test:timing:" + UUID.randomUUID(),
                        Duration.ofMillis(200));
                return "order " + id + " " + db + " " + cached + " " + this.pricing.price(id);
            }

            @GetMapping("/items/{id}")
            String item(@PathVariable String id) {
                return id;
            }

            @GetMapping("/fail/{id}")
            String fail(@PathVariable String id) {
                throw new IllegalStateException("failing on purpose");
            }

            @GetMapping("/async/{id}")
            Callable<String> async(@PathVariable String id) {
                return () -> {
                    Thread.sleep(300);
                    return "done";
                };
            }

            @GetMapping("/canary")
            String canary() {
                return this.jdbc.queryForObject("SELECT pg_sleep(0.2), '" + CANARY + "' AS secret",
                        (rows, i) -> "ok");
            }
        }
    }
}
