package dev.diagnostics.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.ManualTimeSource;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;
import dev.diagnostics.timing.TimingConfig;

/** The WebFlux timing filter on mock exchanges and a manual clock. */
class TimingWebFilterTests {

    private final ManualTimeSource time = new ManualTimeSource();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final TimingWebFilter filter = new TimingWebFilter(
            new RequestTimer(TimingConfig.defaults(), this.registry, this.time), 0);

    private static MockServerWebExchange exchange(String remote) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/orders/42")
                .remoteAddress(new InetSocketAddress(remote, 40000)));
    }

    @Test
    void aReactiveRequestIsRecordedWhenItsPublisherFinishesNotWhenTheFilterReturns() {
        MockServerWebExchange exchange = exchange("127.0.0.1");
        Sinks.Empty<Void> done = Sinks.empty();
        AtomicReference<RequestTiming> seen = new AtomicReference<>();
        Mono<Void> result = this.filter.filter(exchange, (ex) -> {
            seen.set(RequestTiming.current());
            ex.getAttributes().put(TimingWebFilter.BEST_MATCHING_PATTERN,
                    PathPatternParser.defaultInstance.parse("/orders/{id}"));
            return done.asMono().then(Mono.defer(() -> {
                ex.getResponse().setStatusCode(HttpStatus.CREATED);
                return ex.getResponse().setComplete();
            }));
        });
        result.subscribe();
        assertThat(seen.get()).as("bound while the chain subscribes").isNotNull();
        assertThat(RequestTiming.current()).isNull();
        assertThat(this.registry.find(MeterNames.HTTP_SERVER_DURATION).timers()).isEmpty();

        this.time.advance(Duration.ofMillis(300));
        done.tryEmitEmpty();
        Timer timer = this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("route", "/orders/{id}")
                .tag("status", "201").tag("outcome", "SUCCESS").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300.0);
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Process-Time")).isEqualTo("0.300000");
        assertThat(exchange.getResponse().getHeaders().getFirst("Server-Timing")).startsWith("total;dur=300.0, ");
    }

    @Test
    void anErrorIsRecordedAsAServerErrorAndUntrustedCallersGetNoServerTiming() {
        MockServerWebExchange exchange = exchange("192.0.2.10");
        Mono<Void> result = this.filter.filter(exchange, (ex) -> ex.getResponse().setComplete()
                .then(Mono.error(new IllegalStateException("boom"))));
        result.onErrorResume((ex) -> Mono.empty()).block(Duration.ofSeconds(5));
        assertThat(this.registry.get(MeterNames.HTTP_SERVER_DURATION).tag("route", "UNKNOWN").tag("status", "500")
                .tag("outcome", "SERVER_ERROR").timer().count()).isEqualTo(1);
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Process-Time")).isNotNull();
        assertThat(exchange.getResponse().getHeaders().containsHeader("Server-Timing")).isFalse();
    }
}
