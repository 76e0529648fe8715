package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;

/** Findings from INFO answers that are hard to provoke on a private server (cluster, failing saves, maxclients). */
class RedisInfoAssessmentTests {

    private static final String HEALTHY = """
            # Server\r
            redis_version:7.0.15\r
            redis_mode:standalone\r
            # Clients\r
            connected_clients:10\r
            maxclients:100\r
            # Memory\r
            used_memory:1000\r
            maxmemory:0\r
            maxmemory_policy:noeviction\r
            # Persistence\r
            loading:0\r
            rdb_last_bgsave_status:ok\r
            aof_enabled:0\r
            # Stats\r
            rejected_connections:0\r
            evicted_keys:0\r
            # Replication\r
            role:master\r
            connected_slaves:0\r
            """;

    @Test
    void healthyInfoIsUpWithoutMemoryRatio() {
        RedisInfoAssessment assessment = assessment();
        CheckResult result = assessment.assess(RedisInfo.parse(HEALTHY), null, -1, -1).build();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.diagnosis()).isEmpty();
        assertThat(result.details()).containsEntry("version", "7.0.15").containsEntry("connectedClients", 10L)
                .doesNotContainKey("memoryRatio");
        assertThat(assessment.memoryRatio()).isNaN();
    }

    @Test
    void oomErrorsJustBelowTheLimitAreOomUnderNoevictionButHistoryUnderAllkeys() {
        String nearlyFull = HEALTHY.replace("used_memory:1000", "used_memory:2096912")
                .replace("maxmemory:0", "maxmemory:2097152") + "# Errorstats\r\nerrorstat_OOM:count=7\r\n";

        CheckResult noeviction = assess(nearlyFull);
        CheckResult allkeys = assess(nearlyFull.replace("maxmemory_policy:noeviction", "maxmemory_policy:allkeys-lru"));

        assertThat(noeviction.status()).isEqualTo(Status.DEGRADED);
        assertThat(noeviction.diagnosis().get().code()).isEqualTo("redis.oom");
        assertThat(noeviction.diagnosis().get().cause()).contains("7 OOM errors since start");
        assertThat(allkeys.diagnosis().get().code()).isEqualTo("redis.memory-near-limit");
    }

    @Test
    void failedBackgroundSaveIsPersistenceFailing() {
        CheckResult result = assess(HEALTHY.replace("rdb_last_bgsave_status:ok", "rdb_last_bgsave_status:err"));

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().get().code()).isEqualTo("redis.persistence-failing");
        assertThat(result.diagnosis().get().cause()).contains("MISCONF");
    }

    @Test
    void connectionsRejectedSinceThePreviousCheckAreReported() {
        CheckResult first = assessment().assess(RedisInfo.parse(HEALTHY.replace("rejected_connections:0",
                "rejected_connections:5")), null, -1, -1).build();
        CheckResult second = assessment().assess(RedisInfo.parse(HEALTHY.replace("rejected_connections:0",
                "rejected_connections:7")), null, 5, -1).build();

        assertThat(first.status()).as("old rejections alone").isEqualTo(Status.UP);
        assertThat(second.status()).isEqualTo(Status.DEGRADED);
        assertThat(second.diagnosis().get().code()).isEqualTo("redis.max-clients");
        assertThat(second.diagnosis().get().cause()).contains("rejected 2 connections");
    }

    @Test
    void failedClusterIsDownAndFailingSlotsDegraded() {
        CheckResult failed = assessment().assess(RedisInfo.parse(HEALTHY),
                RedisInfo.parse("cluster_state:fail\r\ncluster_slots_fail:5461\r\ncluster_known_nodes:6\r\n"), -1, -1)
                .build();
        CheckResult partly = assessment().assess(RedisInfo.parse(HEALTHY),
                RedisInfo.parse("cluster_state:ok\r\ncluster_slots_fail:3\r\n"), -1, -1).build();

        assertThat(failed.status()).isEqualTo(Status.DOWN);
        assertThat(failed.diagnosis().get().code()).isEqualTo("redis.cluster-fail");
        assertThat(failed.details()).containsEntry("clusterState", "fail").containsEntry("clusterSlotsFail", 5461L);
        assertThat(partly.status()).isEqualTo(Status.DEGRADED);
        assertThat(partly.diagnosis().get().code()).isEqualTo("redis.cluster-fail");
    }

    @Test
    void theWorstFindingWinsAndAllAreListed() {
        CheckResult result = assessment().assess(RedisInfo.parse(HEALTHY.replace("rdb_last_bgsave_status:ok",
                "rdb_last_bgsave_status:err")), RedisInfo.parse("cluster_state:fail\r\ncluster_slots_fail:1\r\n"), -1,
                -1).build();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().get().code()).isEqualTo("redis.cluster-fail");
        assertThat(result.details().get("findings")).asList()
                .containsExactly("redis.persistence-failing", "redis.cluster-fail");
    }

    @Test
    void oomErrorsSinceThePreviousCheckAreReportedWhateverThePolicy() {
        String info = HEALTHY.replace("maxmemory:0", "maxmemory:100000")
                .replace("maxmemory_policy:noeviction", "maxmemory_policy:volatile-lru")
                + "# Errorstats\r\nerrorstat_OOM:count=4\r\n";

        CheckResult result = assessment().assess(RedisInfo.parse(info), null, -1, 1).build();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().get().code()).isEqualTo("redis.oom");
        assertThat(result.details()).containsEntry("oomErrors", 4L).containsEntry("memoryRatio", 0.01);
    }

    private static CheckResult assess(String info) {
        return assessment().assess(RedisInfo.parse(info), null, -1, -1).build();
    }

    private static RedisInfoAssessment assessment() {
        return new RedisInfoAssessment("10.0.0.5:6379", 0.9);
    }
}
