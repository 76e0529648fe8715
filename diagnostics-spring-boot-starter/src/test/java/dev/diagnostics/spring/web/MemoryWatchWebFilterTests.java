package dev.diagnostics.spring.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import dev.diagnostics.memory.JvmMemory;
import dev.diagnostics.memory.JvmMemoryReading;
import dev.diagnostics.memory.MemoryWatchConfig;
import dev.diagnostics.memory.MemoryWatcher;
import dev.diagnostics.memory.RequestMemoryConfig;
import dev.diagnostics.memory.RequestMemoryRecorder;
import dev.diagnostics.memory.ThreadAllocation;
import dev.diagnostics.time.ManualTimeSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebFlux filter on mock exchanges: load shedding on and off, never for the Actuator base path. */
class MemoryWatchWebFilterTests {

    private static final long MB = 1024 * 1024;

    private volatile long oldAfterGc = 100 * MB;

    private final ManualTimeSource time = new ManualTimeSource();

    private final MemoryWatcher watcher = MemoryWatcher.builder(MemoryWatchConfig.defaults(), this.time)
            .jvm(new JvmMemory() {
                @Override
                public JvmMemoryReading read() {
                    return new JvmMemoryReading(MemoryWatchWebFilterTests.this.oldAfterGc, 1024 * MB, 0, 0,
                            1024 * MB, 0, 0, 0, 1, 1, 0);
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
                    return List.of();
                }
            }).build().start();

    private final AtomicInteger served = new AtomicInteger();

    private final WebFilterChain chain = (exchange) -> {
        this.served.incrementAndGet();
        return Mono.empty();
    };

    @AfterEach
    void close() {
        this.watcher.close();
    }

    @Test
    void shedsWhileCriticalWhenOnButNeverTheActuator() {
        MemoryWatchWebFilter filter = filter(1.0);
        assertThat(status(filter, "/orders")).isNull();
        critical();
        assertThat(status(filter, "/orders")).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(status(filter, "/actuator/health/liveness")).isNull();
        assertThat(this.served).hasValue(2);
    }

    @Test
    void neverShedsWhenOff() {
        MemoryWatchWebFilter filter = filter(0);
        critical();
        assertThat(status(filter, "/orders")).isNull();
        assertThat(this.served).hasValue(1);
    }

    private HttpStatus status(MemoryWatchWebFilter filter, String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        filter.filter(exchange, this.chain).block(Duration.ofSeconds(1));
        if (exchange.getResponse().getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
            assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("10");
        }
        return (HttpStatus) exchange.getResponse().getStatusCode();
    }

    private MemoryWatchWebFilter filter(double shedShare) {
        RequestMemoryRecorder recorder = new RequestMemoryRecorder(this.watcher,
                RequestMemoryConfig.builder().shedShare(shedShare).build(), new SimpleMeterRegistry(),
                ThreadAllocation.platform());
        return new MemoryWatchWebFilter(recorder, "/actuator");
    }

    private void critical() {
        this.oldAfterGc = 1000 * MB;
        this.time.advance(Duration.ofSeconds(65));
    }
}
