package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.Status;
import dev.diagnostics.json.HealthReportJson;
import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.time.TimeSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The redis check against real servers: the shared Redis on 127.0.0.1:6379 for the healthy case (read only), and
 * private redis-server processes for every fault.
 */
class RedisCheckTests {

    private static final Duration DEADLINE = Duration.ofMillis(300);

    private static final TimeSource TIME = new SystemTimeSource();

    private static RedisClient client;

    @BeforeAll
    static void createClient() {
        client = RedisClient.create();
        // The first connection of a JVM loads netty and lettuce, which takes longer than a probe's deadline.
        client.connect(RedisURI.create("127.0.0.1", 6379)).close();
    }

    @AfterAll
    static void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void healthyRedisIsUpWithVersionRoleMemoryAndClients() throws Exception {
        try (RedisCheck check = check(RedisURI.create("127.0.0.1", 6379))) {
            CheckResult result = check.check();

            assertThat(result.status()).isEqualTo(Status.UP);
            assertThat(result.diagnosis()).isEmpty();
            assertThat(result.details()).containsEntry("target", "127.0.0.1:6379").containsEntry("role", "master")
                    .containsKeys("version", "usedMemory", "maxMemory", "evictedKeys", "connectedClients",
                            "maxClients", "rejectedConnections", "pingMs", "rdbLastBgsaveStatus");
            assertThat((String) result.details().get("version")).matches("\\d+\\.\\d+.*");
            assertThat((Long) result.details().get("connectedClients")).isPositive();
        }
    }

    @Test
    void probesReuseOneConnection() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch(); RedisCheck check = check(uri(redis))) {
            assertThat(check.check().status()).isEqualTo(Status.UP);
            long before = Long.parseLong(redis.info("stats", "total_connections_received"));
            for (int i = 0; i < 20; i++) {
                assertThat(check.check().status()).isEqualTo(Status.UP);
            }
            long after = Long.parseLong(redis.info("stats", "total_connections_received"));

            assertThat(after - before).as("connections besides the one asking INFO").isEqualTo(1);
        }
    }

    @Test
    void stoppedServerIsDownWithinTheDeadlineAndUpAfterRestart() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch(); RedisCheck check = check(uri(redis))) {
            assertThat(check.check().status()).isEqualTo(Status.UP);

            redis.stop();
            long start = System.nanoTime();
            CheckResult down = check.check();
            long took = System.nanoTime() - start;

            assertThat(down.status()).isEqualTo(Status.DOWN);
            assertThat(down.diagnosis()).get().extracting((diagnosis) -> diagnosis.code())
                    .isIn("redis.connection-refused", "redis.connection-lost");
            assertThat(Duration.ofNanos(took)).isLessThan(DEADLINE.plusSeconds(1));
            Thread.sleep(300);
            CheckResult stillDown = check.check();
            assertThat(stillDown.status()).isEqualTo(Status.DOWN);
            assertThat(stillDown.diagnosis().get().code()).isEqualTo("redis.connection-refused");

            redis.start();
            assertThat(pollUntilUp(check, Duration.ofSeconds(20)).status()).isEqualTo(Status.UP);
        }
    }

    @Test
    void pausedRedisTimesOutAtTheDeadlineWithoutPilingUpPings() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch(); RedisCheck check = check(uri(redis))) {
            assertThat(check.check().status()).isEqualTo(Status.UP);
            long pingsBefore = pingCalls(redis);

            redis.call("CLIENT", "PAUSE", "3000", "ALL");
            long start = System.nanoTime();
            CheckResult first = check.check();
            long took = System.nanoTime() - start;
            assertThat(first.status()).isEqualTo(Status.DOWN);
            assertThat(first.diagnosis().get().code()).isEqualTo("redis.timeout");
            assertThat(Duration.ofNanos(took)).isGreaterThanOrEqualTo(DEADLINE.minusMillis(20))
                    .isLessThan(DEADLINE.plusSeconds(1));
            for (int i = 0; i < 99; i++) {
                CheckResult next = check.check();
                assertThat(next.status()).isEqualTo(Status.DOWN);
                assertThat(next.diagnosis().get().code()).isEqualTo("redis.timeout");
                assertThat(next.details()).containsKey("pendingMs");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));

            long pingsAfter = pingCalls(redis); // blocks until the pause ends
            assertThat(pingsAfter - pingsBefore).isBetween(1L, 2L);
            assertThat(pollUntilUp(check, Duration.ofSeconds(5)).status()).isEqualTo(Status.UP);
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureAndNeverShown() throws Exception {
        String wrong = "wrong-canary-7f3a91";
        try (PrivateRedis redis = PrivateRedis.launch("--requirepass", "right-secret-55c2");
                RedisCheck check = check(uri(redis, wrong))) {
            CheckResult result = check.check();

            assertThat(result.status()).isEqualTo(Status.DOWN);
            assertThat(result.diagnosis().get().code()).as(result.error().orElse("no error")
                    + " / " + result.details()).isEqualTo("redis.authentication-failed");
            assertThat(everything(result, check)).doesNotContain(wrong).doesNotContain("right-secret-55c2");
        }
    }

    @Test
    void canaryPasswordInTheUriNeverAppearsInAnyOutput() throws Exception {
        String canary = "canary-pw-0d9e4b";
        try (PrivateRedis redis = PrivateRedis.launch("--requirepass", canary);
                RedisCheck check = check(uri(redis, canary));
                HealthEngine engine = HealthEngine.builder()
                        .register(RedisCheck.registration(RedisCheck.NAME, check).build()).build()) {
            CheckResult up = check.check();
            assertThat(up.status()).isEqualTo(Status.UP);
            String json = HealthReportJson.toJson(engine.evaluate(), true);
            assertThat(json).contains("\"redis\"").doesNotContain(canary);
            assertThat(everything(up, check)).doesNotContain(canary);

            redis.stop();
            CheckResult down = check.check();
            assertThat(down.status()).isEqualTo(Status.DOWN);
            assertThat(everything(down, check)).doesNotContain(canary);
        }
    }

    @Test
    void fullMemoryWithNoevictionIsReportedAsOom() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch("--maxmemory", "1mb", "--maxmemory-policy", "noeviction");
                RedisCheck check = check(uri(redis))) {
            String value = "x".repeat(1024);
            String reply = "";
            for (int i = 0; i < 10_000 && !reply.startsWith("-OOM"); i++) {
                reply = redis.call("SET", "key:" + i, value);
            }
            assertThat(reply).startsWith("-OOM");

            CheckResult result = check.check();

            assertThat(result.status()).isEqualTo(Status.DEGRADED);
            assertThat(result.diagnosis().get().code()).isEqualTo("redis.oom");
            assertThat(result.details()).containsEntry("maxMemoryPolicy", "noeviction").containsKey("memoryRatio")
                    .containsKey("oomErrors");

            redis.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            CheckResult evicting = check.check();
            assertThat(evicting.status()).isEqualTo(Status.DEGRADED);
            assertThat(evicting.diagnosis().get().code()).isEqualTo("redis.memory-near-limit");
        }
    }

    @Test
    void replicaWhoseMasterIsGoneReportsTheLinkDown() throws Exception {
        try (PrivateRedis master = PrivateRedis.launch("--repl-diskless-sync-delay", "0");
                PrivateRedis replica = PrivateRedis.launch("--replicaof", "127.0.0.1", String.valueOf(master.port()));
                RedisCheck check = check(uri(replica))) {
            awaitLink(replica, "up");
            CheckResult linked = check.check();
            assertThat(linked.status()).isEqualTo(Status.UP);
            assertThat(linked.details()).containsEntry("role", "slave").containsEntry("masterLinkStatus", "up");

            master.stop();
            awaitLink(replica, "down");
            CheckResult result = check.check();

            assertThat(result.status()).isEqualTo(Status.DEGRADED);
            assertThat(result.diagnosis().get().code()).isEqualTo("redis.replica-link-down");
            assertThat(result.details()).containsEntry("masterLinkStatus", "down")
                    .containsEntry("master", "127.0.0.1:" + master.port());
        }
    }

    @Test
    void metricsRecordPingAndMemoryRatio() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch("--maxmemory", "100mb"); RedisCheck check = check(uri(redis))) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new RedisMetrics(check, "cache").bindTo(registry);
            assertThat(registry.get(RedisMetrics.MEMORY_RATIO).tag("redis", "cache").gauge().value()).isNaN();

            assertThat(check.check().status()).isEqualTo(Status.UP);

            assertThat(registry.get(RedisMetrics.PING).tag("redis", "cache").timer().count()).isEqualTo(1);
            assertThat(registry.get(RedisMetrics.MEMORY_RATIO).tag("redis", "cache").gauge().value())
                    .isBetween(0.0001, 0.5);
        }
    }

    @Test
    void applicationConnectionIsUsedAsIsAndNeverClosed() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch();
                StatefulRedisConnection<String, String> application = client.connect(uri(redis))) {
            RedisCheck check = RedisCheck.builder(RedisConnector.of(application), TIME).target(redis.address())
                    .build();
            assertThat(check.check().status()).isEqualTo(Status.UP);
            check.close();

            assertThat(application.isOpen()).isTrue();
            assertThat(application.sync().ping()).isEqualTo("PONG");
        }
    }

    private static RedisCheck check(RedisURI uri) {
        return RedisCheck.builder(RedisConnector.of(client, uri), TIME)
                .config(RedisCheckConfig.builder().deadline(DEADLINE).build()).client(client).build();
    }

    private static RedisURI uri(PrivateRedis redis) {
        return RedisURI.create("127.0.0.1", redis.port());
    }

    private static RedisURI uri(PrivateRedis redis, String password) {
        return RedisURI.builder().withHost("127.0.0.1").withPort(redis.port()).withPassword(password.toCharArray())
                .build();
    }

    private static String everything(CheckResult result, RedisCheck check) {
        return result + " " + result.details() + " " + result.error().orElse("") + " " + result.diagnosis() + " "
                + check;
    }

    private static long pingCalls(PrivateRedis redis) throws Exception {
        String stats = redis.info("commandstats", "cmdstat_ping");
        if (stats == null) {
            return 0;
        }
        String calls = stats.substring("calls=".length(), stats.indexOf(','));
        return Long.parseLong(calls);
    }

    private static CheckResult pollUntilUp(RedisCheck check, Duration limit) throws Exception {
        long giveUp = System.nanoTime() + limit.toNanos();
        CheckResult result = check.check();
        while (result.status() != Status.UP && System.nanoTime() < giveUp) {
            Thread.sleep(50);
            result = check.check();
        }
        return result;
    }

    private static void awaitLink(PrivateRedis replica, String status) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!status.equals(replica.info("replication", "master_link_status"))) {
            assertThat(System.nanoTime()).as("replica link " + status).isLessThan(giveUp);
            Thread.sleep(50);
        }
    }
}
