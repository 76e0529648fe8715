package dev.diagnostics.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own, on its own loopback port, for faults that stop or restart a server. Made with
 * initdb and pg_ctl, run as user {@code postgres} when the tests run as root (PostgreSQL refuses to run as root).
 * Trust authentication on loopback only.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path directory;

    private final Path data;

    private final int port;

    private final Path bin;

    private PrivatePostgres(Path directory, int port, Path bin) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.port = port;
        this.bin = bin;
    }

    /** Creates and starts a cluster. */
    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path bin = findBin();
        Path directory = Files.createTempDirectory("diagnostics-pg-");
        int port = freePort();
        PrivatePostgres cluster = new PrivatePostgres(directory, port, bin);
        cluster.chownToPostgres();
        cluster.run(List.of(bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", "postgres",
                "--auth=trust", "--no-sync", "-E", "UTF8"), 120);
        Files.writeString(cluster.data.resolve("postgresql.auto.conf"), "listen_addresses = '127.0.0.1'\n"
                + "port = " + port + "\nunix_socket_directories = '" + directory + "'\nfsync = off\n"
                + "max_connections = 20\nshared_buffers = 16MB\n");
        cluster.chownToPostgres();
        cluster.startServer();
        return cluster;
    }

    public int port() {
        return this.port;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
    }

    /** Starts the server and waits until it accepts connections. */
    public void startServer() throws IOException, InterruptedException {
        run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-l",
                this.directory.resolve("server.log").toString(), "-w", "-t", "60", "start"), 90);
    }

    /** Stops the server (fast mode: sessions are terminated) and waits until it is gone. */
    public void stopServer() throws IOException, InterruptedException {
        run(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString(), "-m", "fast", "-w",
                "-t", "60", "stop"), 90);
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(this.data.resolve("postmaster.pid"))) {
                stopServer();
            }
        }
        finally {
            try (Stream<Path> files = Files.walk(this.directory)) {
                files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
            }
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Timed out: " + command);
        }
        output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException("Failed (" + process.exitValue() + "): " + command + "\n" + output);
        }
    }

    private void chownToPostgres() throws IOException, InterruptedException {
        if (isRoot()) {
            Process process = new ProcessBuilder("chown", "-R", "postgres:postgres", this.directory.toString())
                    .redirectErrorStream(true).start();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBin() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map((version) -> version.resolve("bin"))
                    .filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("initdb not found under /usr/lib/postgresql"));
        }
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
