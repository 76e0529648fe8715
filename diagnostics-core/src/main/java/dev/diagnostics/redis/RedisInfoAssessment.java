package dev.diagnostics.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.Status;

/**
 * Turns one INFO (and CLUSTER INFO) answer into a result: the facts as details, and every problem found as a
 * status and diagnosis. The worst finding sets the status and the diagnosis; all codes are listed in
 * {@code findings}. Not thread-safe; one per probe.
 */
final class RedisInfoAssessment {

    private final String target;

    private final double memoryWarning;

    private final List<Finding> findings = new ArrayList<>();

    private double memoryRatio = Double.NaN;

    RedisInfoAssessment(String target, double memoryWarning) {
        this.target = target;
        this.memoryWarning = memoryWarning;
    }

    double memoryRatio() {
        return this.memoryRatio;
    }

    /**
     * @param info the INFO answer
     * @param cluster the CLUSTER INFO answer, or {@code null} for a standalone connection
     * @param previousRejected rejected_connections at the previous answer, or -1
     * @param previousOomErrors the OOM error count at the previous answer, or -1
     */
    CheckResult.Builder assess(RedisInfo info, RedisInfo cluster, long previousRejected, long previousOomErrors) {
        List<Object[]> details = new ArrayList<>();
        details.add(new Object[] { "target", this.target });
        details.add(new Object[] { "version", info.text("redis_version") });
        details.add(new Object[] { "mode", info.text("redis_mode") });
        String role = info.text("role");
        details.add(new Object[] { "role", role });
        memory(info, previousOomErrors, details);
        clients(info, previousRejected, details);
        if ("slave".equals(role) || "replica".equals(role)) {
            replica(info, details);
        }
        else if (info.number("connected_slaves") >= 0) {
            details.add(new Object[] { "connectedReplicas", info.number("connected_slaves") });
        }
        persistence(info, details);
        if (cluster != null) {
            cluster(cluster, details);
        }
        Finding worst = null;
        for (Finding finding : this.findings) {
            if (worst == null || finding.status().ordinal() > worst.status().ordinal()) {
                worst = finding;
            }
        }
        CheckResult.Builder result = CheckResult.status((worst != null) ? worst.status() : Status.UP);
        for (Object[] detail : details) {
            if (detail[1] != null) {
                result.detail((String) detail[0], detail[1]);
            }
        }
        if (worst != null) {
            result.diagnosis(worst.diagnosis());
            if (this.findings.size() > 1) {
                result.detail("findings", this.findings.stream().map((finding) -> finding.diagnosis().code()).toList());
            }
        }
        return result;
    }

    private void memory(RedisInfo info, long previousOomErrors, List<Object[]> details) {
        long used = info.number("used_memory");
        long max = info.number("maxmemory");
        String policy = info.text("maxmemory_policy");
        details.add(new Object[] { "usedMemory", (used >= 0) ? used : null });
        details.add(new Object[] { "usedMemoryHuman", info.text("used_memory_human") });
        details.add(new Object[] { "maxMemory", (max >= 0) ? max : null });
        details.add(new Object[] { "maxMemoryPolicy", policy });
        long evicted = info.number("evicted_keys");
        details.add(new Object[] { "evictedKeys", (evicted >= 0) ? evicted : null });
        long oomErrors = info.errorCount("OOM");
        if (oomErrors > 0) {
            details.add(new Object[] { "oomErrors", oomErrors });
        }
        long newOomErrors = (previousOomErrors >= 0) ? oomErrors - previousOomErrors : 0;
        if (used < 0 || max <= 0) {
            if (newOomErrors > 0) {
                this.findings.add(new Finding(Status.DEGRADED, Diagnosis.of(RedisFailure.OOM.code(),
                        "Redis at " + this.target + " rejected " + newOomErrors + " commands with OOM since the"
                                + " previous check",
                        RedisFailureClassifier.diagnose(RedisFailure.OOM, this.target).remedy())));
            }
            return;
        }
        this.memoryRatio = (double) used / max;
        details.add(new Object[] { "memoryRatio", Math.round(this.memoryRatio * 1000) / 1000.0 });
        String percent = String.format(Locale.ROOT, "%.0f%%", this.memoryRatio * 100);
        // Redis refuses the write that would cross maxmemory, so used memory often stays just below it while writes
        // fail: under a policy that can refuse writes (noeviction, volatile-*), OOM errors seen while memory is above
        // the warning level mean the same as being at the limit. Under allkeys-* they are history.
        boolean canRefuseWrites = policy == null || !policy.startsWith("allkeys");
        boolean rejectingWrites = (used >= max && "noeviction".equals(policy)) || newOomErrors > 0
                || (canRefuseWrites && oomErrors > 0 && this.memoryRatio >= this.memoryWarning);
        if (rejectingWrites) {
            this.findings.add(new Finding(Status.DEGRADED, Diagnosis.of(RedisFailure.OOM.code(),
                    "Redis at " + this.target + " uses " + used + " bytes of its maxmemory " + max + " (" + percent
                            + ") with maxmemory-policy " + policy + ": writes are rejected with OOM"
                            + ((oomErrors > 0) ? " (" + oomErrors + " OOM errors since start)" : "")
                            + "; reads still work",
                    RedisFailureClassifier.diagnose(RedisFailure.OOM, this.target).remedy())));
        }
        else if (this.memoryRatio >= this.memoryWarning) {
            this.findings.add(new Finding(Status.DEGRADED, Diagnosis.of("redis.memory-near-limit",
                    "Redis at " + this.target + " uses " + percent + " of its maxmemory (" + used + " of " + max
                            + " bytes), above the warning at "
                            + String.format(Locale.ROOT, "%.0f%%", this.memoryWarning * 100) + "; policy " + policy
                            + ((evicted > 0) ? ", " + evicted + " keys evicted since start" : ""),
                    "Find what grows (redis-cli --bigkeys, MEMORY STATS), add expiries, raise maxmemory, or accept"
                            + " eviction if the data is a cache.")));
        }
    }

    private void clients(RedisInfo info, long previousRejected, List<Object[]> details) {
        long connected = info.number("connected_clients");
        long max = info.number("maxclients");
        long rejected = info.number("rejected_connections");
        details.add(new Object[] { "connectedClients", (connected >= 0) ? connected : null });
        details.add(new Object[] { "maxClients", (max >= 0) ? max : null });
        details.add(new Object[] { "rejectedConnections", (rejected >= 0) ? rejected : null });
        long newlyRejected = (previousRejected >= 0 && rejected > previousRejected) ? rejected - previousRejected : 0;
        if (newlyRejected > 0 || (max > 0 && connected >= max)) {
            this.findings.add(new Finding(Status.DEGRADED, Diagnosis.of("redis.max-clients",
                    "Redis at " + this.target + " has " + connected + " of maxclients " + max + " connections"
                            + ((newlyRejected > 0) ? " and rejected " + newlyRejected
                                    + " connections since the previous check" : ""),
                    "Find who holds connections (CLIENT LIST, grouped by addr and name); check connection pools and"
                            + " leaks in clients, or raise maxclients (and the file descriptor limit).")));
        }
    }

    private void replica(RedisInfo info, List<Object[]> details) {
        String link = info.text("master_link_status");
        details.add(new Object[] { "masterLinkStatus", link });
        long downSince = info.number("master_link_down_since_seconds");
        if ("down".equals(link)) {
            String master = info.text("master_host") + ":" + info.text("master_port");
            details.add(new Object[] { "master", master });
            if (downSince >= 0) {
                details.add(new Object[] { "masterLinkDownSeconds", downSince });
            }
            this.findings.add(new Finding(Status.DEGRADED, Diagnosis.of("redis.replica-link-down",
                    "Redis at " + this.target + " is a replica whose link to its master " + master + " is down"
                            + ((downSince >= 0) ? " for " + downSince + " s" : "") + ": its data is getting stale",
                    "Check that the master runs and is reachable from the replica, its masterauth, and the replica's"
                            + " log; after a failover, point the replica (REPLICAOF) at the new master.")));
        }
    }

    private void persistence(RedisInfo info, List<Object[]> details) {
        String bgsave = info.text("rdb_last_bgsave_status");
        String aofWrite = info.text("aof_last_write_status");
        details.add(new Object[] { "rdbLastBgsaveStatus", bgsave });
        if ("1".equals(info.text("aof_enabled"))) {
            details.add(new Object[] { "aofLastWriteStatus", aofWrite });
        }
        if ("1".equals(info.text("loading"))) {
            this.findings.add(new Finding(Status.DOWN,
                    RedisFailureClassifier.diagnose(RedisFailure.LOADING, this.target)));
        }
        if ("err".equals(bgsave) || ("1".equals(info.text("aof_enabled")) && "err".equals(aofWrite))) {
            this.findings.add(new Finding(Status.DEGRADED, Diagnosis.of(RedisFailure.PERSISTENCE_FAILING.code(),
                    "Redis at " + this.target + " failed its last "
                            + ("err".equals(bgsave) ? "background save (rdb_last_bgsave_status:err)"
                                    : "AOF write (aof_last_write_status:err)")
                            + ": with stop-writes-on-bgsave-error (the default) writes are refused with MISCONF",
                    RedisFailureClassifier.diagnose(RedisFailure.PERSISTENCE_FAILING, this.target).remedy())));
        }
    }

    private void cluster(RedisInfo cluster, List<Object[]> details) {
        String state = cluster.text("cluster_state");
        long slotsFail = cluster.number("cluster_slots_fail");
        long slotsPfail = cluster.number("cluster_slots_pfail");
        details.add(new Object[] { "clusterState", state });
        details.add(new Object[] { "clusterSlotsFail", (slotsFail >= 0) ? slotsFail : null });
        details.add(new Object[] { "clusterSlotsPfail", (slotsPfail >= 0) ? slotsPfail : null });
        details.add(new Object[] { "clusterKnownNodes", (cluster.number("cluster_known_nodes") >= 0)
                ? cluster.number("cluster_known_nodes") : null });
        boolean failed = "fail".equals(state);
        if (failed || slotsFail > 0) {
            this.findings.add(new Finding(failed ? Status.DOWN : Status.DEGRADED, Diagnosis.of("redis.cluster-fail",
                    "The Redis Cluster seen from " + this.target + " is in state " + state + " with " + slotsFail
                            + " failing slots" + (failed ? ": it refuses queries" : ": keys in those slots fail"),
                    "Run redis-cli --cluster check <node> and CLUSTER NODES: find the failed masters, bring them"
                            + " back or fail over to their replicas, and make sure every slot is covered.")));
        }
    }

    private record Finding(Status status, Diagnosis diagnosis) {
    }
}
