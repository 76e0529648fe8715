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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *
 * <p>The storm is driven by {@code wrk} (2 threads, as DESIGN.md's goal states it) when it is on the PATH, else by
 * this JVM's own HTTP clients ({@code --storm-tool java|wrk} chooses). A Java client on the same two cores serves
 * about 1,000 requests a second whoever answers, so only {@code wrk}'s figures show the server's own limit.
 *
 * <p>The database scenario gives the application a DataSource on {@code --database-url} (default the local
 * PostgreSQL, {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code --database-user}, default {@code postgres},
 * no password); it is skipped, with a message, when that database does not answer.
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
            if (scenario.database && !databaseAnswers(options)) {
                System.err.println("[side-by-side] skipped \"" + scenario.label + "\": no database answers at "
                        + options.databaseUrl);
                continue;
            }
            for (Variant variant : Variant.values()) {
                Run run = measure(options, variant, scenario);
                rows.add(run.row());
                System.err.println("[side-by-side] " + run.row());
            }
        }
        rows.add("");
        rows.add("Storm driven by " + (options.stormTool.equals("wrk") ? "wrk (2 threads)" : "this JVM's HTTP clients")
                + ", " + options.stormConnections + " connections, " + options.stormSeconds + " s.");
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
        command.addAll(dataSourceArguments(options, variant, scenario));
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
            Storm storm = options.stormTool.equals("wrk")
                    ? wrk(base.resolve(HEALTH), options.stormSeconds, options.stormConnections)
                    : Storm.of(storm(client, base.resolve(HEALTH), options.stormSeconds, options.stormConnections),
                            options.stormSeconds);
            return new Run(scenario.label, variant, sequential, storm, threads(app));
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

    /**
     * The command-line arguments that give the application its DataSource (or none) and exclude what the variant
     * excludes; one {@code spring.autoconfigure.exclude} replaces the application's own, so both lists go in it.
     */
    static List<String> dataSourceArguments(Options options, Variant variant, Scenario scenario) throws IOException {
        List<String> excluded = new ArrayList<>();
        if (variant == Variant.STOCK) {
            excluded.addAll(ourAutoConfigurations());
        }
        List<String> arguments = new ArrayList<>();
        if (scenario.database) {
            arguments.add("--spring.datasource.url=" + options.databaseUrl);
            arguments.add("--spring.datasource.username=" + options.databaseUser);
        }
        else {
            excluded.add(DATA_SOURCE_AUTO_CONFIGURATION);
        }
        arguments.add("--spring.autoconfigure.exclude=" + String.join(",", excluded));
        return arguments;
    }

    static final String DATA_SOURCE_AUTO_CONFIGURATION =
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private static boolean databaseAnswers(Options options) {
        DriverManager.setLoginTimeout(3);
        try (Connection connection = DriverManager.getConnection(options.databaseUrl, options.databaseUser, "")) {
            return connection.isValid(3);
        }
        catch (SQLException ex) {
            return false;
        }
    }

    /** A storm driven by wrk: {@code -t2 -c<connections> -d<seconds>s --timeout 3s --latency}. */
    private static Storm wrk(URI uri, int seconds, int connections) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "--timeout", CLIENT_TIMEOUT.toSeconds() + "s", "--latency", uri.toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Storm storm = Storm.parseWrk(output);
        // wrk counts a timeout only once some response came back; when none ever did, each connection's request
        // is still waiting at the end: those are the requests left without an answer.
        return (storm.total() == 0) ? new Storm(0, storm.p99(), connections, connections) : storm;
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
        BUILT_IN("Spring Boot's own indicators only", false, false, false),
        DATABASE("Spring Boot's own indicators + PostgreSQL (db)", false, false, true),
        SLOW("10 x 100 ms", true, false, false),
        SLOW_AND_HUNG("10 x 100 ms + 1 hung", true, true, false);

        final String label;

        final boolean slow;

        final boolean hung;

        final boolean database;

        Scenario(String label, boolean slow, boolean hung, boolean database) {
            this.label = label;
            this.slow = slow;
            this.hung = hung;
            this.database = database;
        }
    }

    /**
     * What a storm measured: answers per second, the 99th percentile (text: "no answer" when it falls among requests
     * that never answered), and how many of all requests got no answer.
     */
    record Storm(double answeredPerSecond, String p99, long unanswered, long total) {

        static Storm of(Latencies latencies, int seconds) {
            return new Storm(latencies.answered() / (double) seconds, latencies.percentileText(99),
                    latencies.unanswered(), latencies.total());
        }

        /**
         * Reads wrk's summary ({@code --latency}): "Requests/sec", the "99%" line, "N requests in", and the timeouts
         * of "Socket errors". wrk's percentiles cover answered requests only, so when more than 1% timed out the p99
         * is "no answer".
         */
        static Storm parseWrk(String output) {
            Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
            Matcher answered = Pattern.compile("(\\d+) requests in").matcher(output);
            if (!rate.find() || !answered.find()) {
                throw new IllegalArgumentException("not wrk's output: " + output);
            }
            Matcher timeouts = Pattern.compile("Socket errors:.*timeout (\\d+)").matcher(output);
            long unanswered = timeouts.find() ? Long.parseLong(timeouts.group(1)) : 0;
            long total = Long.parseLong(answered.group(1)) + unanswered;
            Matcher p99 = Pattern.compile("\\n\\s*99%\\s+([0-9.]+)(us|ms|s)").matcher(output);
            String p99Text;
            if (total == 0 || unanswered * 100 > total || !p99.find()) {
                p99Text = "no answer (> " + CLIENT_TIMEOUT.toSeconds() + " s)";
            }
            else {
                double value = Double.parseDouble(p99.group(1));
                double nanos = switch (p99.group(2)) {
                    case "us" -> value * 1_000;
                    case "ms" -> value * 1_000_000;
                    default -> value * 1_000_000_000;
                };
                p99Text = millis((long) nanos);
            }
            return new Storm(Double.parseDouble(rate.group(1)), p99Text, unanswered, total);
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

    record Run(String application, Variant variant, Latencies sequential, Storm storm, int threadsAfter) {

        String row() {
            return String.format(Locale.ROOT, "| %s | %s | %d / %d | %s | %s | %.1f | %s | %d of %d | %s |",
                    application, variant.label, sequential.answeredWithin(PROBE_TIMEOUT), sequential.total(),
                    sequential.percentileText(50), sequential.percentileText(99),
                    storm.answeredPerSecond(), storm.p99(), storm.unanswered(),
                    storm.total(), threadsAfter < 0 ? "n/a" : Integer.toString(threadsAfter));
        }
    }

    record Options(Path jar, int requests, int warmupSeconds, int stormSeconds, int stormConnections, Path out,
            String stormTool, String databaseUrl, String databaseUser) {

        static Options parse(String[] args) {
            Path jar = null;
            Path out = null;
            int requests = 50;
            int warmupSeconds = 5;
            int stormSeconds = 10;
            int stormConnections = 32;
            String stormTool = onPath("wrk") ? "wrk" : "java";
            String databaseUrl = "jdbc:postgresql://127.0.0.1:5432/test";
            String databaseUser = "postgres";
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
                    case "--storm-tool" -> stormTool = stormTool(value);
                    case "--database-url" -> databaseUrl = value;
                    case "--database-user" -> databaseUser = value;
                    default -> throw new IllegalArgumentException("unknown option " + name
                            + " (known: --jar, --out, --requests, --warmup-seconds,"
                            + " --storm-seconds, --storm-connections, --storm-tool, --database-url, --database-user)");
                }
            }
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--jar must name this module's executable jar"
                        + (jar == null ? "" : " (no file " + jar + ")"));
            }
            return new Options(jar, requests, warmupSeconds, stormSeconds, stormConnections, out, stormTool,
                    databaseUrl, databaseUser);
        }

        private static String stormTool(String value) {
            if (!value.equals("wrk") && !value.equals("java")) {
                throw new IllegalArgumentException("--storm-tool must be wrk or java, got '" + value + "'");
            }
            if (value.equals("wrk") && !onPath("wrk")) {
                throw new IllegalArgumentException("--storm-tool wrk: no wrk on the PATH (apt-get install wrk)");
            }
            return value;
        }

        private static boolean onPath(String command) {
            String path = System.getenv("PATH");
            if (path == null) {
                return false;
            }
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                    return true;
                }
            }
            return false;
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
