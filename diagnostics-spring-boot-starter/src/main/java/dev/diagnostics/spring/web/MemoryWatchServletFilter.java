package dev.diagnostics.spring.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.diagnostics.memory.MemoryLevel;
import dev.diagnostics.memory.RequestMemoryRecorder;

/**
 * The memory watch for Spring MVC: sheds requests while memory is CRITICAL (when configured) and records what each
 * request's thread allocated under its route template. All logic is in core's {@link RequestMemoryRecorder}.
 *
 * <p>The route template is Spring MVC's best matching pattern ({@code /orders/{id}}), read after the chain ran, when
 * the handler mapping has set it; requests no handler matched count as {@code UNKNOWN}. Requests under the excluded
 * prefix (the Actuator base path) are never shed, so probes keep answering.
 */
public final class MemoryWatchServletFilter extends OncePerRequestFilter {

    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, named so spring-webmvc is not needed. */
    static final String BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private final RequestMemoryRecorder recorder;

    private final String neverShedPrefix;

    private final String retryAfter;

    /**
     * @param recorder the core recorder
     * @param neverShedPrefix requests whose path (after the context path) starts with this are never shed, for
     *        example {@code /actuator}; {@code null} for none
     */
    public MemoryWatchServletFilter(RequestMemoryRecorder recorder, String neverShedPrefix) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.neverShedPrefix = neverShedPrefix;
        this.retryAfter = Long.toString(recorder.retryAfterSeconds());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (this.recorder.level() == MemoryLevel.CRITICAL && !neverShed(request) && this.recorder.shed()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", this.retryAfter);
            return;
        }
        long start = this.recorder.begin();
        try {
            chain.doFilter(request, response);
        }
        finally {
            this.recorder.end(route(request), start);
        }
    }

    private boolean neverShed(HttpServletRequest request) {
        if (this.neverShedPrefix == null) {
            return false;
        }
        String uri = request.getRequestURI();
        int contextLength = request.getContextPath().length();
        return uri.startsWith(this.neverShedPrefix, contextLength);
    }

    /** Spring MVC's route template of a request after its handler matched, or {@code null}. */
    static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(BEST_MATCHING_PATTERN);
        return (pattern instanceof String template) ? template : null;
    }
}
