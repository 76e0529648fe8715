package dev.diagnostics.benchmarks.sidebyside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Measures {@code /actuator/health} of {@link SideBySideApplication} served by stock Actuator and through the
 * diagnostics starter, each in its own JVM started from the same jar, and prints a Markdown table.
 *
 * <pre>
 * java -jar benchmarks/actuator-side-by-side/target/side-by-side.jar measure --jar benchmarks/actuator-side-by-side/target/side-by-side.jar
 * </pre>
 *
 * For each scenario and each side: a fresh JVM, a warm-up storm ({@code --warmup-seconds}, default 5), then
 * {@code --requests N} sequential probes (default 50; p50, p99 and how many answered within a probe's 1 s), then a
 * probe storm: {@code --storm-connections C} clients (default 32) probing back to back for {@code --storm-seconds S}
 * (default 10). Each request waits at most 3 s. {@code --out FILE} also writes the table.
 */
public final class SideBySide {

    static final String HEALTH = "/actuator/health";

    /** A Kubernetes probe's default timeout: whether the endpoint answers within it is the question. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    /** How long the client waits before giving up on one request, so latency beyond the probe timeout is seen. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> rows = new ArrayList<>();
        rows.add("| application | served by | sequential probes answered within 1 s | p50 | p99 | storm: answered / s"
                + " | storm p99 | storm timeouts | JVM threads after |");
        rows.add("|---|---|---|---|---|---|---|---|---|");
        for (Scenario scenario : Scenario.values()) {
            for (Variant variant : Variant.values()) {
                Run run = measure(options, variant, scenario);
                rows.add(run.row());
                System.err.println("[side-by-side] " + run.row());
            }
        }
        String table = String.join("\n", rows) + "\n";
        System.out.print(table);
        if (options.out != null) {
            Files.writeString(options.out, table);
        }
    }

    static Run measure(Options options, Variant variant, Scenario scenario) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("side-by-side-" + variant.name().toLowerCase(Locale.ROOT) + "-", ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", options.jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--side-by-side.hung=" + scenario.hung,
                "--side-by-side.slow-indicators=" + scenario.slow));
        if (variant == Variant.STOCK) {
            command.add("--spring.autoconfigure.exclude=" + String.join(",", ourAutoConfigurations()));
        }
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).executor(Executors.newCachedThreadPool()).build();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitStarted(client, base, app, log);
            storm(client, base.resolve(HEALTH), options.warmupSeconds, options.stormConnections); // JIT warm-up
            Latencies sequential = new Latencies();
            for (int i = 0; i < options.requests; i++) {
                sequential.add(probe(client, base.resolve(HEALTH)));
            }
            Latencies storm = storm(client, base.resolve(HEALTH), options.stormSeconds, options.stormConnections);
            return new Run(scenario.label, variant, sequential, storm,
                    options.stormSeconds, threads(app));
        }
        finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** One request: its latency in nanoseconds, or -1 when it did not answer within {@link #CLIENT_TIMEOUT}. */
    static long probe(HttpClient client, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(CLIENT_TIMEOUT).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200 && response.statusCode() != 503) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return System.nanoTime() - start;
        }
        catch (HttpTimeoutException ex) {
            return -1;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Latencies storm(HttpClient client, URI uri, int seconds, int connections)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(connections);
        List<Latencies> perWorker = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < connections; i++) {
            Latencies latencies = new Latencies();
            perWorker.add(latencies);
            workers.execute(() -> {
                while (System.nanoTime() < end) {
                    latencies.add(probe(client, uri));
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(seconds + 2 * CLIENT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the probe storm did not finish");
        }
        Latencies all = new Latencies();
        perWorker.forEach(all::addAll);
        return all;
    }

    private static void awaitStarted(HttpClient client, URI base, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the application exited; see " + log);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(base.resolve(HEALTH + "/liveness"))
                        .timeout(Duration.ofSeconds(2)).build();
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application did not start within 60 s; see " + log);
    }

    /** The live threads of the child JVM, from /proc (Linux); -1 where that cannot be read. */
    static int threads(Process process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        }
        catch (IOException | NumberFormatException ex) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The diagnostics starter's auto-configurations, as listed in its AutoConfiguration.imports. */
    static Set<String> ourAutoConfigurations() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<URL> files = SideBySide.class.getClassLoader()
                .getResources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                reader.lines().map(String::trim).filter((line) -> line.startsWith("dev.diagnostics."))
                        .forEach(names::add);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no dev.diagnostics auto-configuration on the class path");
        }
        return names;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** What the application's health indicators do. */
    enum Scenario {
        BUILT_IN("Spring Boot's own indicators only", false, false),
        SLOW("10 x 100 ms", true, false),
        SLOW_AND_HUNG("10 x 100 ms + 1 hung", true, true);

        final String label;

        final boolean slow;

        final boolean hung;

        Scenario(String label, boolean slow, boolean hung) {
            this.label = label;
            this.slow = slow;
            this.hung = hung;
        }
    }

    /** Who serves {@code /actuator/health}. */
    enum Variant {
        STOCK("stock Actuator"), DIAGNOSTICS("diagnostics starter");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** Latencies of requests, in nanoseconds; a request that did not answer counts as slower than any answer. */
    static final class Latencies {

        private final List<Long> nanos = new ArrayList<>();

        private int unanswered;

        synchronized void add(long latency) {
            if (latency < 0) {
                this.unanswered++;
            }
            else {
                this.nanos.add(latency);
            }
        }

        synchronized void addAll(Latencies other) {
            this.nanos.addAll(other.nanos);
            this.unanswered += other.unanswered;
        }

        synchronized int total() {
            return this.nanos.size() + this.unanswered;
        }

        synchronized int answered() {
            return this.nanos.size();
        }

        synchronized int unanswered() {
            return this.unanswered;
        }

        synchronized long answeredWithin(Duration limit) {
            return this.nanos.stream().filter((n) -> n <= limit.toNanos()).count();
        }

        /**
         * The nearest-rank percentile; empty when it falls among the requests that did not answer (their latency is
         * only known to exceed the client's timeout).
         */
        synchronized OptionalLong percentile(double p) {
            int total = total();
            if (total == 0) {
                return OptionalLong.empty();
            }
            int rank = (int) Math.ceil(p / 100.0 * total);
            int index = Math.max(rank, 1) - 1;
            List<Long> sorted = new ArrayList<>(this.nanos);
            sorted.sort(null);
            return index < sorted.size() ? OptionalLong.of(sorted.get(index))
                    : OptionalLong.empty();
        }

        String percentileText(double p) {
            OptionalLong value = percentile(p);
            return value.isPresent() ? millis(value.getAsLong())
                    : "no answer (> " + CLIENT_TIMEOUT.toSeconds() + " s)";
        }
    }

    static String millis(long nanos) {
        double ms = nanos / 1_000_000.0;
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    record Run(String application, Variant variant, Latencies sequential, Latencies storm, int stormSeconds,
            int threadsAfter) {

        String row() {
            return String.format(Locale.ROOT, "| %s | %s | %d / %d | %s | %s | %.1f | %s | %d of %d | %s |",
                    application, variant.label, sequential.answeredWithin(PROBE_TIMEOUT), sequential.total(),
                    sequential.percentileText(50), sequential.percentileText(99),
                    storm.answered() / (double) stormSeconds, storm.percentileText(99), storm.unanswered(),
                    storm.total(), threadsAfter < 0 ? "n/a" : Integer.toString(threadsAfter));
        }
    }

    record Options(Path jar, int requests, int warmupSeconds, int stormSeconds, int stormConnections, Path out) {

        static Options parse(String[] args) {
            Path jar = null;
            Path out = null;
            int requests = 50;
            int warmupSeconds = 5;
            int stormSeconds = 10;
            int stormConnections = 32;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--jar" -> jar = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--requests" -> requests = positive(name, value);
                    case "--warmup-seconds" -> warmupSeconds = positive(name, value);
                    case "--storm-seconds" -> stormSeconds = positive(name, value);
                    case "--storm-connections" -> stormConnections = positive(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name
                            + " (known: --jar, --out, --requests, --warmup-seconds,"
                            + " --storm-seconds, --storm-connections)");
                }
            }
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--jar must name this module's executable jar"
                        + (jar == null ? "" : " (no file " + jar + ")"));
            }
            return new Options(jar, requests, warmupSeconds, stormSeconds, stormConnections, out);
        }

        private static int positive(String name, String value) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0) {
                    return parsed;
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
        }
    }
}
