package dev.diagnostics.timing;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.TimeSource;
import dev.diagnostics.web.RouteTable;

/**
 * The per-request half of request timing, shared by the Spring and Quarkus filters: the request's {@link RequestTiming}
 * (bound to its thread, so database and Redis listeners and timed methods charge it), the {@code X-Process-Time} and
 * {@code Server-Timing} header values, the {@code diagnostics.http.server.duration} timer and the slow-request log.
 *
 * <p>A filter calls, per request:
 * <pre>{@code
 * RequestTiming timing = timer.begin();
 * // before the response commits (first byte written): headers
 * if (timer.processTimeHeader()) response.setHeader(RequestTimer.PROCESS_TIME, timer.processTime(timing));
 * if (timer.serverTimingFor(remoteAddress)) response.setHeader(RequestTimer.SERVER_TIMING, timer.serverTiming(timing));
 * // when the request really finished (after async completion for async requests), on any thread:
 * timer.end(timing, method, routeTemplate, status, errorOrNull);
 * }</pre>
 *
 * <p>The hot path ({@link #begin()}, {@link #end}) allocates only the {@link RequestTiming}: timers are cached per
 * route template ({@link RouteTable}, bounded), method and status, and tag values are interned strings. A method
 * outside the standard ones is tagged {@code OTHER}, so clients cannot create series. Thread-safe.
 */
public final class RequestTimer {

    /** The response header with the breakdown, W3C Server Timing. */
    public static final String SERVER_TIMING = "Server-Timing";

    /** The response header with the request's duration in seconds, as runbook middleware sets it. */
    public static final String PROCESS_TIME = "X-Process-Time";

    /** The logger of the slow-request log, one line per slow request. */
    public static final String SLOW_REQUEST_LOGGER = "dev.diagnostics.timing.slow-requests";

    private static final Logger logger = LoggerFactory.getLogger(SLOW_REQUEST_LOGGER);

    static final String[] METHODS = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
        "OTHER" };

    private static final String[] STATUSES = new String[500];

    static {
        for (int i = 0; i < STATUSES.length; i++) {
            STATUSES[i] = Integer.toString(100 + i).intern();
        }
    }

    private final TimeSource time;

    private final TimingConfig config;

    private final RouteTable<RouteTimers> routes;

    private final long slowNanos;

    private final SlowLogLimiter slowLog;

    /**
     * @param config the settings
     * @param registry where {@code diagnostics.http.server.duration} is recorded; {@code null}, or
     *        {@link TimingConfig#requestMetric()} off, records nothing (headers and the slow log still work)
     * @param time the clock of durations and of the log limit
     */
    public RequestTimer(TimingConfig config, MeterRegistry registry, TimeSource time) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.routes = (registry != null && config.requestMetric())
                ? new RouteTable<>(config.maxRoutes(), (route) -> new RouteTimers(registry, route)) : null;
        this.slowNanos = config.slowRequestThreshold().toNanos();
        this.slowLog = new SlowLogLimiter(time, config.slowLogMaxLines(), config.slowLogInterval());
    }

    /** Starts timing a request and binds its timing to the calling thread. */
    public RequestTiming begin() {
        RequestTiming timing = new RequestTiming(this.time.nanoTime());
        timing.bind();
        return timing;
    }

    /**
     * Unbinds the timing from the calling thread without ending it: for a request that continues asynchronously
     * after its first thread returned (an async servlet request). No-op when another timing is bound.
     */
    public void detach(RequestTiming timing) {
        if (RequestTiming.current() == timing) {
            RequestTiming.restore(null);
        }
    }

    /** Whether responses carry {@code X-Process-Time}. */
    public boolean processTimeHeader() {
        return this.config.processTimeHeader();
    }

    /**
     * The {@code X-Process-Time} value: seconds from the request's start to the moment its headers are written (the
     * same moment as {@link #serverTiming}'s total), six decimals.
     */
    public String processTime(RequestTiming timing) {
        return Decimals.seconds(timing.respondedAt(this.time.nanoTime()) - timing.startNanos());
    }

    /**
     * Whether the caller at this address gets {@code Server-Timing}: the header is on and the address is in a trusted
     * network.
     */
    public boolean serverTimingFor(String remoteAddress) {
        return this.config.serverTimingHeader() && this.config.trustedNetworks().trusts(remoteAddress);
    }

    /** The {@code Server-Timing} value now ({@link ServerTimingHeader}). */
    public String serverTiming(RequestTiming timing) {
        return ServerTimingHeader.format(timing, timing.respondedAt(this.time.nanoTime()));
    }

    /**
     * Ends a request: records its duration and, when it took at least the slow-request threshold, logs it with its
     * breakdown (rate-limited). Only the first call for a timing counts; it unbinds the timing when it is bound to the
     * calling thread. Never throws.
     *
     * @param method the HTTP method; one outside the standard methods is tagged {@code OTHER}
     * @param routeTemplate the framework's route template, {@code null} when none matched
     * @param status the response status
     * @param error what the request threw, or {@code null}; with a status below 400 it counts as a 500
     */
    public void end(RequestTiming timing, String method, String routeTemplate, int status, Throwable error) {
        if (!timing.markEnded()) {
            return;
        }
        long nanos = this.time.nanoTime() - timing.startNanos();
        detach(timing);
        int effectiveStatus = (error != null && status < 400) ? 500 : status;
        int methodIndex = methodIndex(method);
        if (this.routes != null) {
            this.routes.forRoute(routeTemplate).timer(methodIndex, effectiveStatus).record(nanos, TimeUnit.NANOSECONDS);
        }
        if (nanos >= this.slowNanos) {
            logSlow(timing, nanos, METHODS[methodIndex], routeTemplate, effectiveStatus, error);
        }
    }

    /** How many route templates have their own series so far. */
    public int routes() {
        return (this.routes != null) ? this.routes.size() : 0;
    }

    /** The settings. */
    public TimingConfig config() {
        return this.config;
    }

    private void logSlow(RequestTiming timing, long nanos, String method, String route, int status, Throwable error) {
        if (!logger.isWarnEnabled()) {
            return;
        }
        long dropped = this.slowLog.acquire();
        if (dropped < 0) {
            return;
        }
        long db = timing.databaseNanos();
        long redis = timing.redisNanos();
        StringBuilder line = new StringBuilder(256).append("slow request: method=").append(method)
                .append(" route=").append(routeTag(route)).append(" status=").append(status)
                .append(" outcome=").append(outcome(status));
        Decimals.appendMillis(line.append(" total_ms="), nanos);
        Decimals.appendMillis(line.append(" app_ms="), Math.max(0, nanos - db - redis));
        Decimals.appendMillis(line.append(" db_ms="), db);
        line.append(" db_calls=").append(timing.databaseCalls());
        Decimals.appendMillis(line.append(" redis_ms="), redis);
        line.append(" redis_calls=").append(timing.redisCalls());
        if (timing.allocatedBytes() >= 0) {
            line.append(" allocated_bytes=").append(timing.allocatedBytes());
        }
        int sections = timing.sections();
        for (int i = 0; i < sections; i++) {
            Decimals.appendMillis(line.append(i == 0 ? " sections=" : ",").append(timing.sectionName(i)).append(':'),
                    timing.sectionNanos(i));
        }
        if (error != null) {
            line.append(" exception=").append(error.getClass().getName());
        }
        if (dropped > 0) {
            line.append(" unlogged_since_last=").append(dropped);
        }
        logger.warn(line.toString());
    }

    /** The route tag value: the template, or UNKNOWN; what the log shows when it was not a table entry. */
    private static String routeTag(String route) {
        return (route == null || route.isEmpty()) ? RouteTable.UNKNOWN
                : (route.length() > RouteTable.MAX_TEMPLATE_LENGTH) ? RouteTable.OTHER : route;
    }

    static int methodIndex(String method) {
        if (method == null) {
            return METHODS.length - 1;
        }
        switch (method) {
            case "GET":
                return 0;
            case "HEAD":
                return 1;
            case "POST":
                return 2;
            case "PUT":
                return 3;
            case "PATCH":
                return 4;
            case "DELETE":
                return 5;
            case "OPTIONS":
                return 6;
            case "TRACE":
                return 7;
            case "CONNECT":
                return 8;
            default:
                return METHODS.length - 1;
        }
    }

    /** Micrometer's outcome names for a status. */
    static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        }
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        if (status >= 500 && status < 600) {
            return "SERVER_ERROR";
        }
        return "UNKNOWN";
    }

    /** The timers of one route, by method and status, created on first use. */
    private static final class RouteTimers {

        private final MeterRegistry registry;

        private final String route;

        private final AtomicReferenceArray<AtomicReferenceArray<Timer>> byMethod = new AtomicReferenceArray<>(
                METHODS.length);

        RouteTimers(MeterRegistry registry, String route) {
            this.registry = registry;
            this.route = route;
        }

        Timer timer(int method, int status) {
            int statusIndex = (status >= 100 && status < 600) ? status - 100 : -1;
            if (statusIndex < 0) {
                return register(method, status);
            }
            AtomicReferenceArray<Timer> byStatus = this.byMethod.get(method);
            if (byStatus == null) {
                this.byMethod.compareAndSet(method, null, new AtomicReferenceArray<>(STATUSES.length));
                byStatus = this.byMethod.get(method);
            }
            Timer timer = byStatus.get(statusIndex);
            if (timer == null) {
                timer = register(method, status);
                byStatus.compareAndSet(statusIndex, null, timer);
            }
            return timer;
        }

        private Timer register(int method, int status) {
            boolean known = status >= 100 && status < 600;
            return Timer.builder(MeterNames.HTTP_SERVER_DURATION)
                    .description("Duration of HTTP requests, by method, route template, status and outcome")
                    .tag("method", METHODS[method])
                    .tag("route", this.route)
                    .tag("status", known ? STATUSES[status - 100] : "UNKNOWN")
                    .tag("outcome", outcome(status))
                    .register(this.registry);
        }
    }
}
