package dev.diagnostics.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the memory watch under {@code diagnostics.memory}. Only binds and converts: core's builders
 * validate every value and name the property they reject.
 */
@ConfigurationProperties("diagnostics.memory")
public class MemoryDiagnosticsProperties {

    /**
     * Whether to watch memory: a 'memory' check in readiness (old generation after GC, leak trend, GC overhead, RSS
     * against the container limit), diagnostics.memory.* meters and the request filter.
     */
    private boolean enabled = true;

    /**
     * How often GC time, /proc and the cgroup files are read (100ms to 1m). Occupancy after GC is also read on every
     * GC notification.
     */
    private Duration sampleInterval = Duration.ofSeconds(5);

    /** Old generation occupancy after GC, as a share of its maximum, from which the 'memory' check is DEGRADED. */
    private double heapWarning = 0.80;

    /** Old generation occupancy after GC, as a share of its maximum, from which the 'memory' check is DOWN. */
    private double heapCritical = 0.90;

    /**
     * The levels are judged on the lowest occupancy after GC within this window, so garbage not yet reclaimed raises
     * no alarm (1s to 1h, at most the trend window).
     */
    private Duration pressureWindow = Duration.ofMinutes(1);

    /** The window over which the old generation's post-GC floor is fitted for a leak trend. */
    private Duration trendWindow = Duration.ofMinutes(30);

    /** The least growth of the post-GC floor over the trend window, as a share of the maximum, reported as a leak. */
    private double leakMinGrowth = 0.02;

    /** The window over which the share of time spent in GC is measured. */
    private Duration gcOverheadWindow = Duration.ofMinutes(1);

    /** Share of wall time spent in GC from which the 'memory' check is DEGRADED. */
    private double gcOverheadWarning = 0.10;

    /** Share of wall time spent in GC from which the 'memory' check is DOWN. */
    private double gcOverheadCritical = 0.30;

    /** Resident set size as a share of the container memory limit from which the 'memory' check is DEGRADED. */
    private double processWarning = 0.90;

    /** Resident set size as a share of the container memory limit from which the 'memory' check is DOWN. */
    private double processCritical = 0.97;

    private final HeapDump heapDump = new HeapDump();

    private final Requests requests = new Requests();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getSampleInterval() {
        return this.sampleInterval;
    }

    public void setSampleInterval(Duration sampleInterval) {
        this.sampleInterval = sampleInterval;
    }

    public double getHeapWarning() {
        return this.heapWarning;
    }

    public void setHeapWarning(double heapWarning) {
        this.heapWarning = heapWarning;
    }

    public double getHeapCritical() {
        return this.heapCritical;
    }

    public void setHeapCritical(double heapCritical) {
        this.heapCritical = heapCritical;
    }

    public Duration getPressureWindow() {
        return this.pressureWindow;
    }

    public void setPressureWindow(Duration pressureWindow) {
        this.pressureWindow = pressureWindow;
    }

    public Duration getTrendWindow() {
        return this.trendWindow;
    }

    public void setTrendWindow(Duration trendWindow) {
        this.trendWindow = trendWindow;
    }

    public double getLeakMinGrowth() {
        return this.leakMinGrowth;
    }

    public void setLeakMinGrowth(double leakMinGrowth) {
        this.leakMinGrowth = leakMinGrowth;
    }

    public Duration getGcOverheadWindow() {
        return this.gcOverheadWindow;
    }

    public void setGcOverheadWindow(Duration gcOverheadWindow) {
        this.gcOverheadWindow = gcOverheadWindow;
    }

    public double getGcOverheadWarning() {
        return this.gcOverheadWarning;
    }

    public void setGcOverheadWarning(double gcOverheadWarning) {
        this.gcOverheadWarning = gcOverheadWarning;
    }

    public double getGcOverheadCritical() {
        return this.gcOverheadCritical;
    }

    public void setGcOverheadCritical(double gcOverheadCritical) {
        this.gcOverheadCritical = gcOverheadCritical;
    }

    public double getProcessWarning() {
        return this.processWarning;
    }

    public void setProcessWarning(double processWarning) {
        this.processWarning = processWarning;
    }

    public double getProcessCritical() {
        return this.processCritical;
    }

    public void setProcessCritical(double processCritical) {
        this.processCritical = processCritical;
    }

    public HeapDump getHeapDump() {
        return this.heapDump;
    }

    public Requests getRequests() {
        return this.requests;
    }

    /** Heap dumps written when memory becomes critical. */
    public static class HeapDump {

        /**
         * Whether to write a heap dump of live objects when the memory level becomes critical. A heap dump holds every
         * secret in the process's memory (passwords, tokens, personal data): keep the directory private. Never served
         * over HTTP.
         */
        private boolean enabled;

        /** An existing directory (not a symbolic link) for heap dumps; required when enabled. */
        private Path directory;

        /** At most one heap dump per this interval (at least 1m). */
        private Duration minInterval = Duration.ofHours(1);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Path getDirectory() {
            return this.directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }

        public Duration getMinInterval() {
            return this.minInterval;
        }

        public void setMinInterval(Duration minInterval) {
            this.minInterval = minInterval;
        }
    }

    /** The request filter (servlet or WebFlux). */
    public static class Requests {

        /** Whether the request filter is set up in a servlet or WebFlux application. */
        private boolean enabled = true;

        /**
         * Whether bytes allocated by each request's thread are recorded per route template
         * (diagnostics.memory.request.allocation; servlet applications on a JVM that measures it).
         */
        private boolean recordAllocation = true;

        /** How many route templates get their own series; later ones share the route tag 'OTHER'. */
        private int maxRoutes = 100;

        /**
         * Share of requests answered 503 with Retry-After while memory is critical (0 to 1). 0, the default, never
         * sheds. Requests to the Actuator base path are never shed.
         */
        private double shedShare;

        /** The Retry-After of a shed request (whole seconds, 1s to 1h). */
        private Duration retryAfter = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isRecordAllocation() {
            return this.recordAllocation;
        }

        public void setRecordAllocation(boolean recordAllocation) {
            this.recordAllocation = recordAllocation;
        }

        public int getMaxRoutes() {
            return this.maxRoutes;
        }

        public void setMaxRoutes(int maxRoutes) {
            this.maxRoutes = maxRoutes;
        }

        public double getShedShare() {
            return this.shedShare;
        }

        public void setShedShare(double shedShare) {
            this.shedShare = shedShare;
        }

        public Duration getRetryAfter() {
            return this.retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }
    }
}
