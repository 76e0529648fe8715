package dev.diagnostics.spring.web;

import java.net.InetSocketAddress;
import java.util.Objects;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;

import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;

/**
 * Request timing for WebFlux; all logic is in core's {@link RequestTimer}. The request is recorded when its publisher
 * really finishes (completes, fails or is cancelled), not when this filter returns. The headers are set in the
 * response's before-commit hook. The timing is bound to this thread while the chain is assembled and to the thread
 * that subscribes to it while it subscribes: an annotated controller's method runs there, so JDBC and Redis calls it makes directly are charged to the request;
 * work that continues on other threads (after a {@code publishOn}, inside a reactive driver) is not. The route tag is
 * WebFlux's best matching pattern.
 */
public final class TimingWebFilter implements WebFilter, Ordered {

    /** WebFlux's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}. */
    static final String BEST_MATCHING_PATTERN = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";

    private final RequestTimer timer;

    private final int order;

    public TimingWebFilter(RequestTimer timer, int order) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.order = order;
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestTiming timing = this.timer.begin();
        ServerHttpResponse response = exchange.getResponse();
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        boolean serverTiming = remote != null && remote.getAddress() != null
                && this.timer.serverTimingFor(remote.getAddress().getHostAddress());
        if (serverTiming || this.timer.processTimeHeader()) {
            response.beforeCommit(() -> {
                if (this.timer.processTimeHeader()) {
                    response.getHeaders().set(RequestTimer.PROCESS_TIME, this.timer.processTime(timing));
                }
                if (serverTiming) {
                    response.getHeaders().set(RequestTimer.SERVER_TIMING, this.timer.serverTiming(timing));
                }
                return Mono.empty();
            });
        }
        Mono<Void> chained;
        try {
            // Filters after this one and the handler's assembly run now, on this thread, with the timing bound.
            chained = chain.filter(exchange);
        }
        finally {
            this.timer.detach(timing);
        }
        return new Bound(chained, timing)
                .doOnSuccess((done) -> end(exchange, timing, null))
                .doOnError((error) -> end(exchange, timing, error))
                .doOnCancel(() -> end(exchange, timing, null));
    }

    private void end(ServerWebExchange exchange, RequestTiming timing, Throwable error) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Object pattern = exchange.getAttribute(BEST_MATCHING_PATTERN);
        String route = (pattern instanceof PathPattern path) ? path.getPatternString() : null;
        this.timer.end(timing, exchange.getRequest().getMethod().name(), route,
                (status != null) ? status.value() : 200, error);
    }

    /** Binds the timing to the subscribing thread while the chain subscribes. */
    private static final class Bound extends MonoOperator<Void, Void> {

        private final RequestTiming timing;

        Bound(Mono<Void> source, RequestTiming timing) {
            super(source);
            this.timing = timing;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Void> actual) {
            RequestTiming previous = this.timing.bind();
            try {
                this.source.subscribe(actual);
            }
            finally {
                RequestTiming.restore(previous);
            }
        }
    }
}
