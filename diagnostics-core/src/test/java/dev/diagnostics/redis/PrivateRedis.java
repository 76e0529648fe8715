package dev.diagnostics.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A redis-server of a test's own on a free loopback port, for faults (stop, pause, fill, requirepass) that must
 * never touch the shared Redis on 6379. {@link #call(String...)} talks RESP over a plain socket, so the fault
 * injection does not depend on the library under test.
 */
final class PrivateRedis implements AutoCloseable {

    private final int port;

    private final Path directory;

    private final List<String> extraArguments;

    private final String password;

    private Process process;

    private PrivateRedis(int port, Path directory, List<String> extraArguments, String password) {
        this.port = port;
        this.directory = directory;
        this.extraArguments = extraArguments;
        this.password = password;
    }

    /** Starts a server with extra redis-server arguments, such as {@code --maxmemory 1mb}. */
    static PrivateRedis launch(String... extraArguments) throws IOException, InterruptedException {
        List<String> arguments = List.of(extraArguments);
        int at = arguments.indexOf("--requirepass");
        String password = (at >= 0) ? arguments.get(at + 1) : null;
        PrivateRedis redis = new PrivateRedis(freePort(), Files.createTempDirectory("diagnostics-redis-"), arguments,
                password);
        redis.start();
        return redis;
    }

    /**
     * Starts a cluster-enabled server (no slots yet) on a free port whose cluster bus port (port + 10000) is free
     * too, with a short node timeout so a stopped node is declared failed within about a second.
     */
    static PrivateRedis launchClusterNode() throws IOException, InterruptedException {
        int port = 0;
        for (int attempt = 0; attempt < 100 && port == 0; attempt++) {
            int candidate = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(30_000);
            if (bindable(candidate) && bindable(candidate + 10_000)) {
                port = candidate;
            }
        }
        if (port == 0) {
            throw new IOException("no free pair of ports for a cluster node");
        }
        PrivateRedis redis = new PrivateRedis(port, Files.createTempDirectory("diagnostics-redis-cluster-"),
                List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout",
                        "500"), null);
        redis.start();
        return redis;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    int port() {
        return this.port;
    }

    String address() {
        return "127.0.0.1:" + this.port;
    }

    /** Starts the server again on the same port and waits until it answers. */
    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                this.directory.toString(), "--logfile", this.directory.resolve("redis.log").toString()));
        command.addAll(this.extraArguments);
        this.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(this.directory.resolve("stdout.log").toFile()).start();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                call("PING");
                return;
            }
            catch (IOException ex) {
                if (!this.process.isAlive() || System.nanoTime() > giveUp) {
                    throw new IOException("redis-server on port " + this.port + " did not start: "
                            + Files.readString(this.directory.resolve("stdout.log")), ex);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Stops the server (SIGTERM, no save) and waits until it is gone. */
    void stop() throws InterruptedException {
        if (this.process != null && this.process.isAlive()) {
            this.process.destroy();
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Sends one command on a fresh connection (authenticated when the server has requirepass) and returns the
     * reply: simple strings, integers and bulk strings as text, errors as text starting with "-".
     */
    String call(String... command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (this.password != null) {
                write(out, "AUTH", this.password);
                read(in);
            }
            write(out, command);
            return read(in);
        }
    }

    /** One field of INFO, or {@code null}. */
    String info(String section, String field) throws IOException {
        for (String line : call("INFO", section).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        if (this.process != null) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(this.directory)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    private static void write(OutputStream out, String... command) throws IOException {
        StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
                    .append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String read(InputStream in) throws IOException {
        String line = readLine(in);
        char type = line.charAt(0);
        if (type == '+' || type == ':') {
            return line.substring(1);
        }
        if (type == '-') {
            return line;
        }
        if (type == '$') {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }
        if (type == '*') {
            int count = Integer.parseInt(line.substring(1));
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < count; i++) {
                all.append(read(in)).append('\n');
            }
            return all.toString();
        }
        throw new IOException("Unexpected reply " + line);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Connection closed");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
