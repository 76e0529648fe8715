package dev.diagnostics.spring.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;

/**
 * Request timing for Spring MVC; all logic is in core's {@link RequestTimer}. Ordered before the memory watch's filter,
 * so the memory filter's per-request allocation reaches the slow-request log.
 *
 * <p>The timing is bound to the request's thread while the chain runs (JDBC and Redis work there is charged to it).
 * {@code X-Process-Time} and {@code Server-Timing} (trusted callers only) are set just before the response commits:
 * when the application asks for the body's stream or writer, flushes, sends an error or a redirect, or at the latest
 * when the chain returns. An async request ({@code request.startAsync()}, a {@code Callable} or
 * {@code DeferredResult} handler) is recorded when its {@code AsyncListener} reports completion, not when its first
 * thread returns. The route tag is Spring MVC's best matching pattern, as for the memory watch.
 */
public final class TimingServletFilter extends OncePerRequestFilter {

    private final RequestTimer timer;

    public TimingServletFilter(RequestTimer timer) {
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestTiming timing = this.timer.begin();
        boolean serverTiming = this.timer.serverTimingFor(request.getRemoteAddr());
        TimingHeadersResponse timed = (serverTiming || this.timer.processTimeHeader())
                ? new TimingHeadersResponse(response, this.timer, timing, serverTiming) : null;
        Throwable error = null;
        try {
            chain.doFilter(request, (timed != null) ? timed : response);
        }
        catch (IOException | ServletException | RuntimeException | Error ex) {
            error = ex;
            throw ex;
        }
        finally {
            if (error == null && request.isAsyncStarted()) {
                this.timer.detach(timing);
                request.getAsyncContext().addListener(new AsyncEnd(this.timer, timing, request, response, timed));
            }
            else {
                if (timed != null) {
                    timed.writeHeaders();
                }
                this.timer.end(timing, request.getMethod(), MemoryWatchServletFilter.route(request),
                        response.getStatus(), error);
            }
        }
    }

    /** Ends the timing of an async request when it completes, on whichever thread that is. */
    private static final class AsyncEnd implements AsyncListener {

        private final RequestTimer timer;

        private final RequestTiming timing;

        private final HttpServletRequest request;

        private final HttpServletResponse response;

        private final TimingHeadersResponse timed;

        private volatile Throwable error;

        AsyncEnd(RequestTimer timer, RequestTiming timing, HttpServletRequest request, HttpServletResponse response,
                TimingHeadersResponse timed) {
            this.timer = timer;
            this.timing = timing;
            this.request = request;
            this.response = response;
            this.timed = timed;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (this.timed != null) {
                this.timed.writeHeaders();
            }
            this.timer.end(this.timing, this.request.getMethod(), MemoryWatchServletFilter.route(this.request),
                    this.response.getStatus(), this.error);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (this.error == null) {
                this.error = (event.getThrowable() != null) ? event.getThrowable()
                        : new AsyncRequestTimedOut();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            this.error = event.getThrowable();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }

    /** Marks an async request that timed out, in the slow-request log's {@code exception} field. */
    static final class AsyncRequestTimedOut extends RuntimeException {

        AsyncRequestTimedOut() {
            super("async request timed out", null, false, false);
        }
    }
}
