package dev.diagnostics.quarkus.runtime.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import dev.diagnostics.quarkus.runtime.TimingDiagnostics;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Request timing on one JAX-RS resource method; all logic is in core's {@link RequestTimer}. The request filter
 * starts the timing (bound to the thread for methods that return a plain value, so their JDBC, Redis and
 * {@code @TimedSection} work is charged to it); the response filter, which runs when the method's result is ready
 * (after an exception mapper, after an asynchronous result completes), sets {@code X-Process-Time} and, for trusted
 * callers, {@code Server-Timing} (so the headers do not include the body's serialization). The request is recorded
 * when Vert.x has written the response (its end handler), so an exception no mapper handles, for which no response
 * filter runs, is recorded too, with its 500.
 */
final class TimingRestFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String PROPERTY = RequestTiming.class.getName();

    /** Found on the first request; stays {@code null} when timing is off. */
    private volatile RequestTimer timer;

    private volatile boolean resolved;

    private final String template;

    private final boolean synchronous;

    TimingRestFilter(String template, boolean synchronous) {
        this.template = template;
        this.synchronous = synchronous;
    }

    private RequestTimer timer() {
        if (!this.resolved) {
            this.timer = Arc.container().instance(TimingDiagnostics.class).get().requestTimer();
            this.resolved = true;
        }
        return this.timer;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RequestTimer timer = timer();
        if (timer == null) {
            return;
        }
        RequestTiming timing = timer.begin();
        if (!this.synchronous) {
            timer.detach(timing);
        }
        request.setProperty(PROPERTY, timing);
        RoutingContext routing = routingContext();
        if (routing != null) {
            String method = request.getMethod();
            // Recorded when the HTTP response has been written, whatever path led there (a response filter does not
            // run for an exception no mapper handles); the serialization of the body is included.
            routing.addEndHandler((done) -> timer.end(timing, method, this.template,
                    routing.response().getStatusCode(), null));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RequestTimer timer = this.timer;
        if (timer == null || !(request.getProperty(PROPERTY) instanceof RequestTiming timing)) {
            return;
        }
        if (timer.processTimeHeader()) {
            response.getHeaders().putSingle(RequestTimer.PROCESS_TIME, timer.processTime(timing));
        }
        RoutingContext routing = routingContext();
        SocketAddress remote = (routing != null) ? routing.request().remoteAddress() : null;
        if (remote != null && timer.serverTimingFor(remote.hostAddress())) {
            response.getHeaders().putSingle(RequestTimer.SERVER_TIMING, timer.serverTiming(timing));
        }
        if (routing == null) {
            timer.end(timing, request.getMethod(), this.template, response.getStatus(), null);
        }
        else {
            timer.detach(timing);
        }
    }

    /** The request's Vert.x routing context, or {@code null}. */
    private static RoutingContext routingContext() {
        try (InstanceHandle<CurrentVertxRequest> current = Arc.container().instance(CurrentVertxRequest.class)) {
            return current.isAvailable() ? current.get().getCurrent() : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    String template() {
        return this.template;
    }
}
