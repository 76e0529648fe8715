package dev.diagnostics.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of request and method timing and of the slow logs under {@code diagnostics.timing}. Only binds and
 * converts: core's {@code TimingConfig} builder validates every value and names the property it rejects.
 */
@ConfigurationProperties("diagnostics.timing")
public class TimingProperties {

    /**
     * Whether to time requests and annotated methods: the request filter (X-Process-Time, Server-Timing, slow-request
     * log), @TimedSection methods, JDBC statements and Redis commands.
     */
    private boolean enabled = true;

    /**
     * Whether to record diagnostics.http.server.duration (method, route template, status, outcome). Off by default:
     * Spring Boot already records http.server.requests; turn it on where that is off or to get our bounded route tags.
     */
    private boolean requestMetric;

    /** How many route templates get their own series; later ones share the route tag 'OTHER'. */
    private int maxRoutes = 100;

    /** Whether responses carry X-Process-Time: the request's duration in seconds until the response commits. */
    private boolean processTimeHeader = true;

    /**
     * Requests at least this long are logged (logger dev.diagnostics.timing.slow-requests) with their breakdown: db,
     * redis and app time, call counts, allocated bytes when the memory watch measures them.
     */
    private Duration slowRequestThreshold = Duration.ofSeconds(1);

    /** @TimedSection calls at least this long are logged (logger dev.diagnostics.timing.slow-calls). */
    private Duration slowCallThreshold = Duration.ofMillis(500);

    private final ServerTiming serverTiming = new ServerTiming();

    private final SlowLog slowLog = new SlowLog();

    private final Jdbc jdbc = new Jdbc();

    private final Redis redis = new Redis();

    private final Methods methods = new Methods();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isRequestMetric() {
        return this.requestMetric;
    }

    public void setRequestMetric(boolean requestMetric) {
        this.requestMetric = requestMetric;
    }

    public int getMaxRoutes() {
        return this.maxRoutes;
    }

    public void setMaxRoutes(int maxRoutes) {
        this.maxRoutes = maxRoutes;
    }

    public boolean isProcessTimeHeader() {
        return this.processTimeHeader;
    }

    public void setProcessTimeHeader(boolean processTimeHeader) {
        this.processTimeHeader = processTimeHeader;
    }

    public Duration getSlowRequestThreshold() {
        return this.slowRequestThreshold;
    }

    public void setSlowRequestThreshold(Duration slowRequestThreshold) {
        this.slowRequestThreshold = slowRequestThreshold;
    }

    public Duration getSlowCallThreshold() {
        return this.slowCallThreshold;
    }

    public void setSlowCallThreshold(Duration slowCallThreshold) {
        this.slowCallThreshold = slowCallThreshold;
    }

    public ServerTiming getServerTiming() {
        return this.serverTiming;
    }

    public SlowLog getSlowLog() {
        return this.slowLog;
    }

    public Jdbc getJdbc() {
        return this.jdbc;
    }

    public Redis getRedis() {
        return this.redis;
    }

    public Methods getMethods() {
        return this.methods;
    }

    /** The W3C Server-Timing response header. */
    public static class ServerTiming {

        /** Whether responses to trusted callers carry Server-Timing (total, app, db, redis and timed sections). */
        private boolean enabled = true;

        /**
         * Callers (by the request's remote address) that get Server-Timing, as CIDR blocks or addresses. Timings can
         * leak information, so only loopback by default; 0.0.0.0/0 and ::/0 for everyone. Behind a reverse proxy the
         * remote address is the proxy's unless server.forward-headers-strategy is set.
         */
        private List<String> trustedNetworks = new ArrayList<>(List.of("127.0.0.0/8", "::1/128"));

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getTrustedNetworks() {
            return this.trustedNetworks;
        }

        public void setTrustedNetworks(List<String> trustedNetworks) {
            this.trustedNetworks = trustedNetworks;
        }
    }

    /** Rate limit shared by the slow-request, slow-call and slow-query logs (each counts its own lines). */
    public static class SlowLog {

        /** Lines each slow log writes at most per interval; the rest are counted and reported with the next line. */
        private int maxLines = 10;

        /** The interval of max-lines. */
        private Duration interval = Duration.ofMinutes(1);

        public int getMaxLines() {
            return this.maxLines;
        }

        public void setMaxLines(int maxLines) {
            this.maxLines = maxLines;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** JDBC statement timing through datasource-proxy (net.ttddyy:datasource-proxy on the class path). */
    public static class Jdbc {

        /**
         * Whether DataSource beans are wrapped with datasource-proxy so statements count as the request's db time and
         * slow ones are logged. Needs net.ttddyy:datasource-proxy on the class path.
         */
        private boolean enabled = true;

        /**
         * Statements at least this long are logged once (logger dev.diagnostics.jdbc.slow-queries) with the SQL, its
         * literals removed, and counted in diagnostics.jdbc.slow.queries.
         */
        private Duration slowQueryThreshold = Duration.ofMillis(500);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getSlowQueryThreshold() {
            return this.slowQueryThreshold;
        }

        public void setSlowQueryThreshold(Duration slowQueryThreshold) {
            this.slowQueryThreshold = slowQueryThreshold;
        }
    }

    /** Redis command timing through lettuce's command listener. */
    public static class Redis {

        /** Whether lettuce clients get a command listener so Redis commands count as the request's redis time. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** Method timing for @TimedSection. */
    public static class Methods {

        /** Whether beans with @TimedSection methods are proxied so their calls are timed. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
