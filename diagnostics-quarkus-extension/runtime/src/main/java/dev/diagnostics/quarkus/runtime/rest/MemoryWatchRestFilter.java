package dev.diagnostics.quarkus.runtime.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;

import dev.diagnostics.memory.MemoryLevel;
import dev.diagnostics.memory.RequestMemoryRecorder;
import dev.diagnostics.quarkus.runtime.MemoryDiagnostics;
import io.quarkus.arc.Arc;

/**
 * The memory watch on one JAX-RS resource method: sheds the request while memory is critical (when configured) and,
 * for methods that return a plain value (their request filter, method and response filter run on one thread, without
 * another request in between), records what the thread allocated under the method's route template. The start
 * counter is kept in a per-thread slot, not in a request property, so nothing is boxed per request.
 */
final class MemoryWatchRestFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final ThreadLocal<long[]> START = ThreadLocal.withInitial(() -> new long[] { -1 });

    /** Found on the first request; stays {@code null} when the memory watch is off. */
    private volatile RequestMemoryRecorder recorder;

    private volatile boolean resolved;

    private final String template;

    private final boolean synchronous;

    MemoryWatchRestFilter(String template, boolean synchronous) {
        this.template = template;
        this.synchronous = synchronous;
    }

    private RequestMemoryRecorder recorder() {
        if (!this.resolved) {
            this.recorder = Arc.container().instance(MemoryDiagnostics.class).get().recorder();
            this.resolved = true;
        }
        return this.recorder;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RequestMemoryRecorder recorder = recorder();
        if (recorder == null) {
            return;
        }
        if (recorder.level() == MemoryLevel.CRITICAL && recorder.shed()) {
            request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", recorder.retryAfterSeconds()).build());
            return;
        }
        if (this.synchronous) {
            START.get()[0] = recorder.begin();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RequestMemoryRecorder recorder = this.recorder;
        if (this.synchronous && recorder != null) {
            long[] start = START.get();
            recorder.end(this.template, start[0]);
            start[0] = -1;
        }
    }

    String template() {
        return this.template;
    }
}
