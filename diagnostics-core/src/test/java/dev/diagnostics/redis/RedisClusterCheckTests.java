package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;
import dev.diagnostics.time.SystemTimeSource;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * The redis check on a real Redis Cluster of three private masters on loopback (slots assigned and nodes introduced
 * with CLUSTER ADDSLOTSRANGE and CLUSTER MEET): UP with the cluster's state, then DOWN with {@code redis.cluster-fail}
 * once a master is stopped and the others declare its slots uncovered.
 */
class RedisClusterCheckTests {

    @Test
    void clusterIsUpThenDownWithClusterFailWhenAMasterStops() throws Exception {
        try (PrivateRedis first = PrivateRedis.launchClusterNode();
                PrivateRedis second = PrivateRedis.launchClusterNode();
                PrivateRedis third = PrivateRedis.launchClusterNode()) {
            List<PrivateRedis> nodes = List.of(first, second, third);
            assertThat(first.call("CLUSTER", "ADDSLOTSRANGE", "0", "5460")).isEqualTo("OK");
            assertThat(second.call("CLUSTER", "ADDSLOTSRANGE", "5461", "10922")).isEqualTo("OK");
            assertThat(third.call("CLUSTER", "ADDSLOTSRANGE", "10923", "16383")).isEqualTo("OK");
            assertThat(first.call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(second.port()))).isEqualTo("OK");
            assertThat(first.call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(third.port()))).isEqualTo("OK");
            for (PrivateRedis node : nodes) {
                awaitClusterState(node, "ok");
            }

            RedisClusterClient client = RedisClusterClient.create(RedisURI.create("127.0.0.1", first.port()));
            try (RedisCheck check = RedisCheck.builder(RedisConnector.of(client), new SystemTimeSource())
                    .config(RedisCheckConfig.builder().deadline(Duration.ofSeconds(2)).build()).build()) {
                CheckResult up = check.check();
                assertThat(up.status()).as(up.diagnosis() + " " + up.error().orElse("")).isEqualTo(Status.UP);
                assertThat(up.details()).containsEntry("clusterState", "ok").containsEntry("clusterSlotsFail", 0L)
                        .containsEntry("clusterKnownNodes", 3L);

                third.stop();
                awaitClusterState(first, "fail");
                CheckResult down = check.check();

                assertThat(down.status()).isEqualTo(Status.DOWN);
                assertThat(down.diagnosis().orElseThrow().code()).as(String.valueOf(down.details()))
                        .isEqualTo("redis.cluster-fail");
                assertThat(down.diagnosis().orElseThrow().cause()).contains("state fail");
                assertThat(down.details()).containsEntry("clusterState", "fail");
            }
            finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    private static void awaitClusterState(PrivateRedis node, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String info = "";
        while (System.nanoTime() < deadline) {
            info = node.call("CLUSTER", "INFO");
            if (info.contains("cluster_state:" + state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + node.address() + " never reached cluster_state:" + state + ": " + info);
    }
}
