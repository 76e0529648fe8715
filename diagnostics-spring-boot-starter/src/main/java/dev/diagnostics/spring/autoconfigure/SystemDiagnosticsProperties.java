package dev.diagnostics.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the system checks under {@code diagnostics}: {@code config}, {@code files}, {@code disk-space},
 * {@code tls}, {@code tcp} and {@code cpu}. Only binds and converts: the core builders validate every value and name
 * the property they reject.
 */
@ConfigurationProperties("diagnostics")
public class SystemDiagnosticsProperties {

    private final Config config = new Config();

    private final Files files = new Files();

    private final DiskSpace diskSpace = new DiskSpace();

    private final Tls tls = new Tls();

    private final Tcp tcp = new Tcp();

    private final Cpu cpu = new Cpu();

    public Config getConfig() {
        return this.config;
    }

    public Files getFiles() {
        return this.files;
    }

    public DiskSpace getDiskSpace() {
        return this.diskSpace;
    }

    public Tls getTls() {
        return this.tls;
    }

    public Tcp getTcp() {
        return this.tcp;
    }

    public Cpu getCpu() {
        return this.cpu;
    }

    /** Settings the application cannot run without, verified at startup and by the 'config' check. */
    public static class Config {

        /**
         * Names of required settings: environment variables (DATABASE_URL) or properties (spring.datasource.url).
         * When any is missing, blank or a placeholder (changeme, TODO, <value>, NEW_SECURE_SECRET, ...), startup
         * fails with one message listing all of them, never a value; the 'config' check reports the same.
         */
        private List<String> required = new ArrayList<>();

        /**
         * Whether startup fails when a required setting is not usable. When false, the application starts and the
         * 'config' check (readiness) is DOWN instead.
         */
        private boolean failOnStartup = true;

        /**
         * More regular expressions of placeholder values, matched case-insensitively against the whole trimmed
         * value, beside the built-in ones.
         */
        private List<String> additionalPlaceholders = new ArrayList<>();

        public List<String> getRequired() {
            return this.required;
        }

        public void setRequired(List<String> required) {
            this.required = required;
        }

        public boolean isFailOnStartup() {
            return this.failOnStartup;
        }

        public void setFailOnStartup(boolean failOnStartup) {
            this.failOnStartup = failOnStartup;
        }

        public List<String> getAdditionalPlaceholders() {
            return this.additionalPlaceholders;
        }

        public void setAdditionalPlaceholders(List<String> additionalPlaceholders) {
            this.additionalPlaceholders = additionalPlaceholders;
        }
    }

    /** Files the application needs, checked by the 'files' check (readiness). */
    public static class Files {

        /**
         * Required files by name, for example 'diagnostics.files.required.model.path=/models/churn.onnx': each must
         * exist, be readable, have a size within min-size and max-size and, when sha256 is set, that content.
         */
        private Map<String, RequiredFile> required = new LinkedHashMap<>();

        public Map<String, RequiredFile> getRequired() {
            return this.required;
        }

        public void setRequired(Map<String, RequiredFile> required) {
            this.required = required;
        }
    }

    /** One required file. */
    public static class RequiredFile {

        /** Where the file is. */
        private Path path;

        /** The smallest acceptable size; an empty or truncated file is reported. */
        private DataSize minSize;

        /** The largest acceptable size. */
        private DataSize maxSize;

        /**
         * The SHA-256 the content must match, as 'sha256sum' prints it. Verified off the probe's path, again only
         * when the file's size or modification time changes.
         */
        private String sha256;

        public Path getPath() {
            return this.path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public DataSize getMinSize() {
            return this.minSize;
        }

        public void setMinSize(DataSize minSize) {
            this.minSize = minSize;
        }

        public DataSize getMaxSize() {
            return this.maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public String getSha256() {
            return this.sha256;
        }

        public void setSha256(String sha256) {
            this.sha256 = sha256;
        }
    }

    /** The 'diskSpace' check, replacing Spring Boot's own. */
    public static class DiskSpace {

        /**
         * Whether the 'diskSpace' check replaces Spring Boot's 'diskSpace' indicator. When false, Spring Boot's own
         * stays.
         */
        private boolean enabled = true;

        /** Paths whose file store is checked. Default: the working directory and java.io.tmpdir. */
        private List<Path> paths = new ArrayList<>();

        /** DEGRADED when free space is below this and below warning-free-percent; 0 to use the percentage alone. */
        private DataSize warningFree = DataSize.ofGigabytes(1);

        /** DEGRADED when free space is below this percentage and below warning-free; 0 to use the bytes alone. */
        private double warningFreePercent = 10;

        /** DOWN when free space is below this and below critical-free-percent; 0 to use the percentage alone. */
        private DataSize criticalFree = DataSize.ofMegabytes(100);

        /** DOWN when free space is below this percentage and below critical-free; 0 to use the bytes alone. */
        private double criticalFreePercent = 2;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<Path> getPaths() {
            return this.paths;
        }

        public void setPaths(List<Path> paths) {
            this.paths = paths;
        }

        public DataSize getWarningFree() {
            return this.warningFree;
        }

        public void setWarningFree(DataSize warningFree) {
            this.warningFree = warningFree;
        }

        public double getWarningFreePercent() {
            return this.warningFreePercent;
        }

        public void setWarningFreePercent(double warningFreePercent) {
            this.warningFreePercent = warningFreePercent;
        }

        public DataSize getCriticalFree() {
            return this.criticalFree;
        }

        public void setCriticalFree(DataSize criticalFree) {
            this.criticalFree = criticalFree;
        }

        public double getCriticalFreePercent() {
            return this.criticalFreePercent;
        }

        public void setCriticalFreePercent(double criticalFreePercent) {
            this.criticalFreePercent = criticalFreePercent;
        }
    }

    /** The TLS certificate check, named 'ssl' after Spring Boot's indicator it replaces. */
    public static class Tls {

        /**
         * Whether the 'ssl' check replaces Spring Boot's 'ssl' indicator when there is something to check (SSL
         * bundles, key stores, PEM files or endpoints). When false, Spring Boot's own stays.
         */
        private boolean enabled = true;

        /** Whether the key stores of Spring Boot's SSL bundles (spring.ssl.bundle.*) are checked. */
        private boolean bundles = true;

        /** DEGRADED when a certificate expires sooner than this. */
        private Duration expiryWarning = Duration.ofDays(30);

        /** How long DNS, connect and handshake of one endpoint may take; endpoints are inspected in parallel. */
        private Duration handshakeTimeout = Duration.ofMillis(400);

        /** Key store files (PKCS12 or JKS) by name. */
        private Map<String, KeyStoreFile> keystores = new LinkedHashMap<>();

        /** PEM certificate files by name. */
        private Map<String, PemFile> pem = new LinkedHashMap<>();

        /** Remote endpoints by name, whose certificate chain is read in a handshake. */
        private Map<String, Endpoint> endpoints = new LinkedHashMap<>();

        /** The trust store endpoints' chains must lead to. Default: the JDK's. */
        private TrustStoreFile trustStore;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isBundles() {
            return this.bundles;
        }

        public void setBundles(boolean bundles) {
            this.bundles = bundles;
        }

        public Duration getExpiryWarning() {
            return this.expiryWarning;
        }

        public void setExpiryWarning(Duration expiryWarning) {
            this.expiryWarning = expiryWarning;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        public Map<String, KeyStoreFile> getKeystores() {
            return this.keystores;
        }

        public void setKeystores(Map<String, KeyStoreFile> keystores) {
            this.keystores = keystores;
        }

        public Map<String, PemFile> getPem() {
            return this.pem;
        }

        public void setPem(Map<String, PemFile> pem) {
            this.pem = pem;
        }

        public Map<String, Endpoint> getEndpoints() {
            return this.endpoints;
        }

        public void setEndpoints(Map<String, Endpoint> endpoints) {
            this.endpoints = endpoints;
        }

        public TrustStoreFile getTrustStore() {
            return this.trustStore;
        }

        public void setTrustStore(TrustStoreFile trustStore) {
            this.trustStore = trustStore;
        }
    }

    /** A key store file. */
    public static class KeyStoreFile {

        /** Where the key store is. */
        private Path path;

        /** PKCS12 or JKS. Default: JKS for a '.jks' file, PKCS12 otherwise. */
        private String type;

        /** The key store's password; used only to open it, never shown. */
        private String password;

        /** Whether a self-signed key entry is expected (development, a pinned internal certificate). */
        private boolean selfSignedExpected;

        public Path getPath() {
            return this.path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public String getType() {
            return this.type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isSelfSignedExpected() {
            return this.selfSignedExpected;
        }

        public void setSelfSignedExpected(boolean selfSignedExpected) {
            this.selfSignedExpected = selfSignedExpected;
        }
    }

    /** A trust store file. */
    public static class TrustStoreFile {

        /** Where the trust store is. */
        private Path path;

        /** PKCS12 or JKS. Default: JKS for a '.jks' file, PKCS12 otherwise. */
        private String type;

        /** The trust store's password, if it has one; never shown. */
        private String password;

        public Path getPath() {
            return this.path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public String getType() {
            return this.type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getPassword() {
            return this.password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** A PEM certificate file. */
    public static class PemFile {

        /** Where the file is; its certificates are read, other blocks skipped. */
        private Path path;

        /** Whether a self-signed certificate is expected. */
        private boolean selfSignedExpected;

        public Path getPath() {
            return this.path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public boolean isSelfSignedExpected() {
            return this.selfSignedExpected;
        }

        public void setSelfSignedExpected(boolean selfSignedExpected) {
            this.selfSignedExpected = selfSignedExpected;
        }
    }

    /** A remote TLS endpoint. */
    public static class Endpoint {

        /** host:port of the endpoint. */
        private String address;

        /** The name the certificate must carry, also sent as SNI. Default: the host. */
        private String serverName;

        /** Whether a self-signed certificate the trust store does not hold is accepted. */
        private boolean selfSignedExpected;

        public String getAddress() {
            return this.address;
        }

        public void setAddress(String address) {
            this.address = address;
        }

        public String getServerName() {
            return this.serverName;
        }

        public void setServerName(String serverName) {
            this.serverName = serverName;
        }

        public boolean isSelfSignedExpected() {
            return this.selfSignedExpected;
        }

        public void setSelfSignedExpected(boolean selfSignedExpected) {
            this.selfSignedExpected = selfSignedExpected;
        }
    }

    /** The 'tcp' reachability check (readiness). */
    public static class Tcp {

        /** Dependencies by name, as host:port, for example 'diagnostics.tcp.targets.payments=payments.internal:443'. */
        private Map<String, String> targets = new LinkedHashMap<>();

        /** How long DNS and the connection may take, for all targets at once (they are probed in parallel). */
        private Duration deadline = Duration.ofMillis(400);

        public Map<String, String> getTargets() {
            return this.targets;
        }

        public void setTargets(Map<String, String> targets) {
            this.targets = targets;
        }

        public Duration getDeadline() {
            return this.deadline;
        }

        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }
    }

    /** The 'cpu' check: process CPU load and the busiest threads. */
    public static class Cpu {

        /**
         * Whether the 'cpu' check is registered. It is in no probe group (shown in the overall health only) and not
         * critical: a busy instance should be neither restarted nor taken out of rotation for it.
         */
        private boolean enabled = true;

        /** Threads are sampled at most this often; the load is measured between two samples. */
        private Duration interval = Duration.ofSeconds(10);

        /** Process CPU load (share of all available processors, above 0, at most 1) that is reported. */
        private double loadWarning = 0.9;

        /**
         * Share of one core (0 to 1) a single thread must use over the window to be reported on its own, a
         * runaway loop; 0 turns this off.
         */
        private double threadWarning = 0.9;

        /** How many of the busiest threads are listed (1 to 50). */
        private int threadsShown = 3;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public double getLoadWarning() {
            return this.loadWarning;
        }

        public void setLoadWarning(double loadWarning) {
            this.loadWarning = loadWarning;
        }

        public double getThreadWarning() {
            return this.threadWarning;
        }

        public void setThreadWarning(double threadWarning) {
            this.threadWarning = threadWarning;
        }

        public int getThreadsShown() {
            return this.threadsShown;
        }

        public void setThreadsShown(int threadsShown) {
            this.threadsShown = threadsShown;
        }
    }
}
