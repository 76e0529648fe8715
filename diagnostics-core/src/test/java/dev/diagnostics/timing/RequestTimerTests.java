package dev.diagnostics.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.ManualTimeSource;

class RequestTimerTests {

    private final ManualTimeSource time = new ManualTimeSource();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void unbind() {
        RequestTiming.restore(null);
    }

    private RequestTimer timer(TimingConfig.Builder config) {
        return new RequestTimer(config.build(), this.registry, this.time);
    }

    @Test
    void recordsDurationUnderRouteTemplateMethodStatusAndOutcome() {
        RequestTimer timer = timer(TimingConfig.builder());
        RequestTiming timing = timer.begin();
        assertThat(RequestTiming.current()).isSameAs(timing);
        this.time.advance(Duration.ofMillis(42));
        timer.end(timing, "GET", "/orders/{id}", 200, null);
        Timer recorded = this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("method", "GET")
                .tag("route", "/orders/{id}").tag("status", "200").tag("outcome", "SUCCESS").timer();
        assertThat(recorded.count()).isEqualTo(1);
        assertThat(recorded.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(42.0);
        assertThat(RequestTiming.current()).isNull();
    }

    @Test
    void tenThousandDistinctRoutesKeepTheMeterCountBounded() {
        RequestTimer timer = timer(TimingConfig.builder().maxRoutes(50));
        for (int i = 0; i < 10_000; i++) {
            RequestTiming timing = timer.begin();
            timer.end(timing, "GET", "/items/" + i, 200, null);
        }
        List<Timer> timers = List.copyOf(this.registry.find(MeterNames.HTTP_SERVER_DURATION).timers());
        assertThat(timers).hasSize(51);
        assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(10_000);
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("route", "OTHER").timer().count())
                .isEqualTo(9_950);
    }

    @Test
    void methodsOutsideTheStandardOnesShareOneTag() {
        RequestTimer timer = timer(TimingConfig.builder());
        for (String method : List.of("FOO", "BAR", "get-me", "PROPFIND")) {
            timer.end(timer.begin(), method, "/x", 200, null);
        }
        assertThat(this.registry.find(MeterNames.HTTP_SERVER_DURATION).timers()).hasSize(1);
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("method", "OTHER").timer().count())
                .isEqualTo(4);
    }

    @Test
    void aThrownExceptionIsRecordedAsAServerError() {
        RequestTimer timer = timer(TimingConfig.builder());
        timer.end(timer.begin(), "POST", "/orders", 200, new IllegalStateException("boom"));
        timer.end(timer.begin(), "POST", "/orders", 404, new IllegalStateException("not found"));
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("status", "500")
                .tag("outcome", "SERVER_ERROR").timer().count()).isEqualTo(1);
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("status", "404")
                .tag("outcome", "CLIENT_ERROR").timer().count()).isEqualTo(1);
    }

    @Test
    void aRequestEndedTwiceIsRecordedOnce() {
        RequestTimer timer = timer(TimingConfig.builder());
        RequestTiming timing = timer.begin();
        timer.end(timing, "GET", "/a", 500, new RuntimeException());
        timer.end(timing, "GET", "/a", 200, null);
        assertThat(this.registry.find(MeterNames.HTTP_SERVER_DURATION).timers()).hasSize(1);
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).timer().count()).isEqualTo(1);
    }

    @Test
    void noMetricWhenTheRequestMetricIsOff() {
        RequestTimer timer = timer(TimingConfig.builder().requestMetric(false));
        RequestTiming timing = timer.begin();
        assertThat(timer.processTime(timing)).isEqualTo("0.000000");
        timer.end(timing, "GET", "/a", 200, null);
        assertThat(this.registry.getMeters()).isEmpty();
    }

    @Test
    void processTimeIsSecondsSinceTheRequestBeganAndBothHeadersTellTheSameMoment() {
        RequestTimer timer = timer(TimingConfig.builder());
        RequestTiming timing = timer.begin();
        this.time.advance(Duration.ofNanos(1_234_567));
        assertThat(timer.processTime(timing)).isEqualTo("0.001235");
        // Headers are written once: a later read (Server-Timing after X-Process-Time) describes the same moment.
        this.time.advance(Duration.ofMillis(2_500));
        assertThat(timer.processTime(timing)).isEqualTo("0.001235");
        assertThat(timer.serverTiming(timing)).startsWith("total;dur=1.2,");

        RequestTiming other = timer.begin();
        this.time.advance(Duration.ofMillis(2_500));
        assertThat(timer.serverTiming(other)).startsWith("total;dur=2500.0,");
        this.time.advance(Duration.ofMillis(3));
        assertThat(Double.parseDouble(timer.processTime(other))).isEqualTo(2.5);
    }

    @Test
    void theServerTimingBreakdownAddsUpToTheTotal() {
        RequestTimer timer = timer(TimingConfig.builder());
        RequestTiming timing = timer.begin();
        timing.addDatabase(Duration.ofMillis(300).plusNanos(40_000).toNanos());
        timing.addDatabase(Duration.ofMillis(400).toNanos());
        timing.addRedis(Duration.ofNanos(8_260_000).toNanos());
        timing.addSection("pricing", Duration.ofMillis(600).toNanos());
        timing.addSection("pricing", Duration.ofMillis(40).toNanos());
        this.time.advance(Duration.ofNanos(812_449_000));
        Map<String, String> entries = parse(timer.serverTiming(timing));
        assertThat(entries).containsOnlyKeys("total", "app", "db", "redis", "pricing");
        double total = dur(entries.get("total"));
        double sum = dur(entries.get("app")) + dur(entries.get("db")) + dur(entries.get("redis"));
        assertThat(total).isEqualTo(812.4);
        assertThat(sum).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(dur(entries.get("db"))).isEqualTo(700.0);
        assertThat(entries.get("db")).contains("desc=\"2 statements\"");
        assertThat(dur(entries.get("redis"))).isEqualTo(8.3);
        assertThat(entries.get("redis")).contains("desc=\"1 command\"");
        assertThat(dur(entries.get("pricing"))).isEqualTo(640.0);
    }

    @Test
    void serverTimingOnlyForTrustedCallers() {
        RequestTimer loopback = timer(TimingConfig.builder());
        assertThat(loopback.serverTimingFor("127.0.0.1")).isTrue();
        assertThat(loopback.serverTimingFor("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(loopback.serverTimingFor("10.1.2.3")).isFalse();
        RequestTimer office = timer(TimingConfig.builder().trustedNetworks(List.of("10.0.0.0/8")));
        assertThat(office.serverTimingFor("10.1.2.3")).isTrue();
        assertThat(office.serverTimingFor("127.0.0.1")).isFalse();
        RequestTimer off = timer(TimingConfig.builder().serverTimingHeader(false));
        assertThat(off.serverTimingFor("127.0.0.1")).isFalse();
    }

    @Test
    void aSlowRequestIsLoggedOnceWithItsBreakdownAndTheLogIsRateLimited() {
        RequestTimer timer = timer(TimingConfig.builder().slowRequestThreshold(Duration.ofSeconds(1))
                .slowLogMaxLines(2).slowLogInterval(Duration.ofMinutes(1)));
        try (LogCapture logs = new LogCapture()) {
            RequestTiming fast = timer.begin();
            this.time.advance(Duration.ofMillis(999));
            timer.end(fast, "GET", "/fast", 200, null);
            for (int i = 0; i < 5; i++) {
                RequestTiming slow = timer.begin();
                slow.addDatabase(Duration.ofMillis(700).toNanos());
                slow.addRedis(Duration.ofMillis(100).toNanos());
                slow.allocatedBytes(4096);
                this.time.advance(Duration.ofMillis(1200));
                timer.end(slow, "GET", "/orders/{id}", 200, null);
            }
            assertThat(logs.lines("slow request")).hasSize(2);
            assertThat(logs.lines("slow request").get(0)).contains("method=GET", "route=/orders/{id}", "status=200",
                    "outcome=SUCCESS", "total_ms=1200.0", "app_ms=400.0", "db_ms=700.0", "db_calls=1",
                    "redis_ms=100.0", "redis_calls=1", "allocated_bytes=4096").doesNotContain("/fast");
            this.time.advance(Duration.ofMinutes(1));
            RequestTiming next = timer.begin();
            this.time.advance(Duration.ofSeconds(2));
            timer.end(next, "DELETE", null, 500, new IllegalStateException("secret-message"));
            List<String> lines = logs.lines("slow request");
            assertThat(lines).hasSize(3);
            assertThat(lines.get(2)).contains("route=UNKNOWN", "unlogged_since_last=3",
                    "exception=java.lang.IllegalStateException").doesNotContain("secret-message");
        }
    }

    static Map<String, String> parse(String header) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : header.split(",")) {
            String trimmed = entry.strip();
            int semicolon = trimmed.indexOf(';');
            entries.put(trimmed.substring(0, semicolon), trimmed.substring(semicolon + 1));
        }
        return entries;
    }

    static double dur(String parameters) {
        for (String parameter : parameters.split(";")) {
            if (parameter.startsWith("dur=")) {
                return Double.parseDouble(parameter.substring(4));
            }
        }
        throw new AssertionError("no dur in " + parameters);
    }
}
