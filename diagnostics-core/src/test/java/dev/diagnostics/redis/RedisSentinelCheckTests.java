package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;
import dev.diagnostics.time.SystemTimeSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

/**
 * The redis check through Redis Sentinel: a private master and a private sentinel monitoring it, both on loopback. The
 * check finds the master through the sentinel and is UP with its role; when the master stops (and there is no replica
 * to promote) it is DOWN, naming the sentinel master, not a stale address.
 */
class RedisSentinelCheckTests {

    @Test
    void masterFoundThroughSentinelIsUpThenDownWhenItStops() throws Exception {
        try (PrivateRedis master = PrivateRedis.launch(); Sentinel sentinel = Sentinel.monitoring(master)) {
            RedisURI uri = RedisURI.Builder.sentinel("127.0.0.1", sentinel.port, "orders").build();
            RedisClient client = RedisClient.create();
            try (RedisCheck check = RedisCheck.builder(RedisConnector.of(client, uri), new SystemTimeSource())
                    .config(RedisCheckConfig.builder().deadline(Duration.ofSeconds(2)).build()).client(client)
                    .build()) {
                CheckResult up = check.check();
                assertThat(up.status()).as(up.diagnosis() + " " + up.error().orElse("")).isEqualTo(Status.UP);
                assertThat(up.details()).containsEntry("role", "master")
                        .containsEntry("target", "sentinel master orders");

                master.stop();
                CheckResult down = check.check();

                assertThat(down.status()).isEqualTo(Status.DOWN);
                assertThat(down.diagnosis().orElseThrow().code()).as(String.valueOf(down.diagnosis()))
                        .isIn("redis.connection-refused", "redis.connection-lost", "redis.timeout");
                assertThat(down.diagnosis().orElseThrow().cause()).contains("sentinel master orders");
            }
            finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    /** A redis-server in sentinel mode on a free loopback port, monitoring one master as {@code orders}. */
    private static final class Sentinel implements AutoCloseable {

        final int port;

        private final Path directory;

        private final Process process;

        private Sentinel(int port, Path directory, Process process) {
            this.port = port;
            this.directory = directory;
            this.process = process;
        }

        static Sentinel monitoring(PrivateRedis master) throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path directory = Files.createTempDirectory("diagnostics-sentinel-");
            Path config = directory.resolve("sentinel.conf");
            Files.writeString(config, "port " + port + "\nbind 127.0.0.1\ndir " + directory + "\n"
                    + "sentinel monitor orders 127.0.0.1 " + master.port() + " 1\n"
                    + "sentinel down-after-milliseconds orders 1000\n");
            Process process = new ProcessBuilder("redis-server", config.toString(), "--sentinel")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
            Sentinel sentinel = new Sentinel(port, directory, process);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                    socket.getOutputStream().write("SENTINEL get-master-addr-by-name orders\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    socket.setSoTimeout(2000);
                    byte[] reply = new byte[256];
                    int read = socket.getInputStream().read(reply);
                    if (read > 0 && new String(reply, 0, read, java.nio.charset.StandardCharsets.US_ASCII)
                            .contains(String.valueOf(master.port()))) {
                        return sentinel;
                    }
                }
                catch (IOException ex) {
                    // not listening yet
                }
                if (!process.isAlive() || System.nanoTime() > giveUp) {
                    sentinel.close();
                    throw new IOException("the sentinel did not start: "
                            + Files.readString(directory.resolve("stdout.log")));
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(this.directory)) {
                files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
            }
        }
    }
}
