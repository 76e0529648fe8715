package dev.diagnostics.spring.web;

import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.diagnostics.memory.MemoryLevel;
import dev.diagnostics.memory.RequestMemoryRecorder;

/**
 * The memory watch for WebFlux: sheds requests while memory is CRITICAL (when configured), with a 503 and
 * Retry-After. Per-request allocation is not recorded here: a reactive request runs in pieces on whichever threads
 * its publishers use, between other requests' pieces, so a thread's allocation counter cannot be charged to one
 * request. Requests under the excluded prefix (the Actuator base path) are never shed.
 */
public final class MemoryWatchWebFilter implements WebFilter {

    private final RequestMemoryRecorder recorder;

    private final String neverShedPrefix;

    private final String retryAfter;

    public MemoryWatchWebFilter(RequestMemoryRecorder recorder, String neverShedPrefix) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.neverShedPrefix = neverShedPrefix;
        this.retryAfter = Long.toString(recorder.retryAfterSeconds());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (this.recorder.level() == MemoryLevel.CRITICAL && !neverShed(exchange) && this.recorder.shed()) {
            exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            exchange.getResponse().getHeaders().set("Retry-After", this.retryAfter);
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange);
    }

    private boolean neverShed(ServerWebExchange exchange) {
        return this.neverShedPrefix != null && exchange.getRequest().getPath().pathWithinApplication().value()
                .startsWith(this.neverShedPrefix);
    }
}
