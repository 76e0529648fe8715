package dev.diagnostics.redis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import dev.diagnostics.Diagnosis;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;

/**
 * Tells why a Redis call failed, from the server's error prefix (NOAUTH, WRONGPASS, LOADING, MISCONF, OOM,
 * READONLY) and the exception types along the cause chain, and writes the diagnosis with cause and remedy. Never
 * includes the server's error text, which may echo arguments, in a diagnosis. Stateless and thread-safe.
 */
public final class RedisFailureClassifier {

    private RedisFailureClassifier() {
    }

    /** The kind of failure. */
    public static RedisFailure classify(Throwable failure) {
        RedisFailure byType = null;
        for (Throwable current = failure; current != null; current = next(current)) {
            RedisFailure byReply = fromReply(current);
            if (byReply != null) {
                return byReply;
            }
            RedisFailure fromType = fromType(current);
            if (fromType != null && (byType == null || byType == RedisFailure.CONNECTION_LOST)) {
                byType = fromType;
            }
        }
        return (byType != null) ? byType : RedisFailure.OTHER;
    }

    /**
     * A diagnosis for the failure.
     *
     * @param failure what lettuce threw or completed a future with
     * @param target the redacted address, such as {@code 127.0.0.1:6379}
     */
    public static Diagnosis diagnose(Throwable failure, String target) {
        return diagnose(classify(failure), target);
    }

    /** A diagnosis for a kind of failure against the target. */
    public static Diagnosis diagnose(RedisFailure kind, String target) {
        String at = (target != null) ? target : "the Redis server";
        return switch (kind) {
            case CONNECTION_REFUSED -> Diagnosis.of(kind.code(),
                    "Nothing accepts connections at " + at + " (connection refused): Redis is down or listens on"
                            + " another host or port",
                    "Check that redis-server runs and listens on " + at + " (redis-cli -h <host> -p <port> ping);"
                            + " check the host and port in the Redis URL.");
            case UNKNOWN_HOST -> Diagnosis.of(kind.code(),
                    "The Redis host of " + at + " does not resolve (DNS)",
                    "Check the host name in the Redis URL and that this container's DNS can resolve it"
                            + " (getent hosts <host>).");
            case TIMEOUT -> Diagnosis.of(kind.code(),
                    "No answer from " + at + " within the deadline: Redis is paused (CLIENT PAUSE), blocked by a slow"
                            + " command or script, swapping, or the network drops packets",
                    "Run redis-cli --latency and SLOWLOG GET 10 against " + at + "; look for long scripts"
                            + " (SCRIPT KILL / FUNCTION KILL), KEYS or big DEL calls, CPU and swap on the Redis host,"
                            + " and firewall rules.");
            case AUTHENTICATION_FAILED -> Diagnosis.of(kind.code(),
                    "Redis at " + at + " rejected the credentials (NOAUTH or WRONGPASS): the password or ACL user is"
                            + " missing or wrong",
                    "Compare the configured Redis password (and username) with the server's requirepass or ACL"
                            + " (ACL LIST); check that every instance got the same secret.");
            case LOADING -> Diagnosis.of(kind.code(),
                    "Redis at " + at + " is loading its dataset into memory (LOADING) and refuses commands until done",
                    "Wait for the load to finish (INFO persistence: loading, loading_eta_seconds); a large RDB/AOF"
                            + " makes restarts slow.");
            case PERSISTENCE_FAILING -> Diagnosis.of(kind.code(),
                    "Redis at " + at + " cannot persist (MISCONF): the last background save failed, so with"
                            + " stop-writes-on-bgsave-error it refuses writes",
                    "Check the Redis log and the disk of its dir (space, permissions, fork failures from"
                            + " overcommit_memory); INFO persistence shows rdb_last_bgsave_status.");
            case OOM -> Diagnosis.of(kind.code(),
                    "Redis at " + at + " reached maxmemory and its policy evicts nothing (OOM): writes are rejected",
                    "Free memory (delete or expire keys), raise maxmemory, or use an eviction policy such as"
                            + " allkeys-lru if the data is a cache (CONFIG GET maxmemory*).");
            case READONLY -> Diagnosis.of(kind.code(),
                    "A write reached a read-only replica at " + at + " (READONLY): the application talks to a replica"
                            + " or a failover demoted its server",
                    "Point the application at the primary (or use Sentinel/Cluster aware connections); check"
                            + " INFO replication role.");
            case CONNECTION_LOST -> Diagnosis.of(kind.code(),
                    "The connection to " + at + " was closed or reset and is being re-established",
                    "Check whether Redis restarted or was killed (INFO server uptime_in_seconds, the Redis log,"
                            + " OOM killer), and the network between the application and " + at + ".");
            case OTHER -> Diagnosis.of(kind.code(),
                    "Talking to Redis at " + at + " failed; see the error",
                    "Read the error and the Redis log.");
        };
    }

    private static RedisFailure fromReply(Throwable failure) {
        if (!(failure instanceof RedisCommandExecutionException)
                && !(failure instanceof io.lettuce.core.RedisConnectionException)) {
            return null;
        }
        String message = message(failure).strip();
        String upper = message.toUpperCase(Locale.ROOT);
        if (upper.startsWith("NOAUTH") || upper.startsWith("WRONGPASS") || upper.startsWith("ERR AUTH")
                || upper.contains("INVALID USERNAME-PASSWORD") || upper.startsWith("NOPERM")) {
            return RedisFailure.AUTHENTICATION_FAILED;
        }
        if (upper.startsWith("LOADING")) {
            return RedisFailure.LOADING;
        }
        if (upper.startsWith("MISCONF")) {
            return RedisFailure.PERSISTENCE_FAILING;
        }
        if (upper.startsWith("OOM")) {
            return RedisFailure.OOM;
        }
        if (upper.startsWith("READONLY")) {
            return RedisFailure.READONLY;
        }
        return null;
    }

    private static RedisFailure fromType(Throwable failure) {
        String lower = message(failure).toLowerCase(Locale.ROOT);
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return (lower.contains("timed out") || lower.contains("timeout")) ? RedisFailure.TIMEOUT
                    : RedisFailure.CONNECTION_REFUSED;
        }
        if (failure instanceof UnknownHostException) {
            return RedisFailure.UNKNOWN_HOST;
        }
        if (failure instanceof RedisCommandTimeoutException || failure instanceof TimeoutException
                || failure instanceof SocketTimeoutException) {
            return RedisFailure.TIMEOUT;
        }
        if (failure instanceof ClosedChannelException || failure instanceof IOException
                || lower.contains("connection closed") || lower.contains("connection reset")) {
            return RedisFailure.CONNECTION_LOST;
        }
        return null;
    }

    private static Throwable next(Throwable current) {
        Throwable cause = current.getCause();
        return (cause == current) ? null : cause;
    }

    private static String message(Throwable failure) {
        return (failure.getMessage() != null) ? failure.getMessage() : "";
    }
}
