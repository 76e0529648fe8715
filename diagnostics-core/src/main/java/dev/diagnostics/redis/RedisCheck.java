package dev.diagnostics.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.time.TimeSource;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import reactor.core.Disposable;

/**
 * The {@code redis} check: does Redis answer within the deadline, and is it healthy (memory, clients, replication,
 * persistence, cluster state)?
 *
 * <ul>
 * <li>It keeps one connection from its {@link RedisConnector} and never opens one per probe. Without a connection it
 * connects lazily, with at most one attempt in flight, waiting at most the deadline; a failed attempt is classified.
 * </li>
 * <li>Each probe sends PING and INFO pipelined (one round trip; CLUSTER INFO too on a cluster connection) and waits
 * for them at most the deadline (default 300 ms), never lettuce's 60 s command timeout.</li>
 * <li>Nothing piles up behind a stuck Redis: while the connection is not open (lettuce is reconnecting) the check
 * sends nothing and reports the last reconnect failure; while its previous PING is unanswered it sends nothing new
 * and reports how long that PING has been pending.</li>
 * <li>INFO gives version, role, used memory vs maxmemory, evicted keys, clients vs maxclients and rejected
 * connections, the replica link, the last background save; CLUSTER INFO gives the cluster state and failing slots.
 * </li>
 * </ul>
 *
 * <p>Statuses: DOWN when Redis does not answer, rejects the check (authentication, LOADING) or the cluster is in
 * state {@code fail}. DEGRADED when it answers but cannot do all its work: memory above the warning ratio,
 * {@code redis.oom} (maxmemory reached with {@code noeviction}: writes fail but reads still work, and taking every
 * instance out of service would turn a partial outage into a total one without fixing Redis), failing persistence,
 * a replica whose master link is down, connections rejected at maxclients, failing cluster slots.
 *
 * <p>No output contains a password: the URI's password and the {@linkplain Builder#secrets(Collection) given
 * secrets} are removed from every error, and the target is shown as host and port only.
 *
 * <p>Thread-safe; probes run one at a time. {@link #close()} closes the connection the check made (never the
 * application's own) and stops listening to the client's events.
 */
public final class RedisCheck implements HealthCheck, AutoCloseable {

    /** The check's default name, the same as Spring Boot's indicator it replaces. */
    public static final String NAME = "redis";

    private final RedisConnector connector;

    private final TimeSource time;

    private final RedisCheckConfig config;

    private final String target;

    private final List<String> secrets;

    private final boolean ownsConnection;

    private final long deadlineNanos;

    private final Disposable eventSubscription;

    private final Predicate<SocketAddress> ourAddress;

    private final List<LongConsumer> pingListeners = new CopyOnWriteArrayList<>();

    private StatefulConnection<?, ?> connection;

    private CompletableFuture<? extends StatefulConnection<?, ?>> connecting;

    private long connectingSince;

    private Pending pending;

    private long lastRejectedConnections = -1;

    private long lastOomErrors = -1;

    private boolean closed;

    private volatile LastReconnectFailure lastReconnectFailure;

    private volatile double memoryRatio = Double.NaN;

    private RedisCheck(Builder builder) {
        this.connector = builder.connector;
        this.time = builder.time;
        this.config = builder.config;
        this.deadlineNanos = builder.config.deadline().toNanos();
        List<String> known = new ArrayList<>(builder.secrets);
        String uriTarget = null;
        if (builder.connector instanceof UriRedisConnector uri) {
            if (uri.password() != null) {
                known.add(uri.password());
            }
            uriTarget = uri.target();
        }
        this.secrets = List.copyOf(known);
        String target = (builder.target != null) ? builder.target : uriTarget;
        this.target = (target != null) ? Redaction.redact(target, this.secrets) : "the Redis server";
        this.ownsConnection = !(builder.connector instanceof ApplicationRedisConnector);
        this.ourAddress = (builder.connector instanceof UriRedisConnector uri) ? uri::matches : (address) -> true;
        this.eventSubscription = (builder.client != null) ? subscribe(builder.client) : null;
    }

    /**
     * @param connector how to get the check's one connection
     * @param time the clock for deadlines and latency
     */
    public static Builder builder(RedisConnector connector, TimeSource time) {
        return new Builder(connector, time);
    }

    /** A registration in the readiness group. */
    public static CheckRegistration.Builder registration(String name, RedisCheck check) {
        return CheckRegistration.builder(name, check).groups(HealthGroups.READINESS);
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public Diagnosis timeoutDiagnosis(Duration timeout) {
        return RedisFailureClassifier.diagnose(RedisFailure.TIMEOUT, this.target);
    }

    /** The redacted target shown in results, such as {@code 127.0.0.1:6379}. */
    public String target() {
        return this.target;
    }

    @Override
    public synchronized CheckResult check() throws InterruptedException {
        long start = this.time.nanoTime();
        if (this.closed) {
            return CheckResult.unknown().detail("target", this.target)
                    .diagnosis("redis.check-closed", "The redis check was closed", "Nothing to do while shutting down.")
                    .build();
        }
        StatefulConnection<?, ?> current = this.connection;
        if (current != null && !current.isOpen()) {
            if (!closedForGood(current)) {
                return reconnecting();
            }
            this.connection = null;
            this.pending = null;
            current = null;
        }
        CheckResult stuck = awaitPending(start);
        if (stuck != null) {
            return stuck;
        }
        if (current == null) {
            ConnectOutcome outcome = connect(start);
            if (outcome.result() != null) {
                return outcome.result();
            }
            current = outcome.connection();
            if (closedForGood(current)) {
                this.connection = null;
                return closedByItsOwner();
            }
            if (!current.isOpen()) {
                return reconnecting();
            }
        }
        return probe(current, start);
    }

    /**
     * Starts the first connection attempt without waiting for it, so the first probe finds a connection instead of
     * paying lettuce's start-up (loading netty can take longer than the deadline). Called when the check is built.
     */
    synchronized void startConnecting() {
        if (this.connecting == null && this.connection == null && !this.closed) {
            // Stamped before connect(): the call itself can take the start-up time.
            this.connectingSince = this.time.nanoTime();
            CompletableFuture<? extends StatefulConnection<?, ?>> attempt;
            try {
                attempt = this.connector.connect().toCompletableFuture();
            }
            catch (RuntimeException ex) {
                attempt = CompletableFuture.failedFuture(ex);
            }
            this.connecting = attempt;
        }
    }

    /** Closes the connection the check made (never the application's) and stops listening to the client's events. */
    @Override
    public synchronized void close() {
        this.closed = true;
        if (this.eventSubscription != null) {
            this.eventSubscription.dispose();
        }
        if (this.ownsConnection) {
            if (this.connection != null) {
                this.connection.closeAsync();
                this.connection = null;
            }
            if (this.connecting != null) {
                this.connecting.thenAccept(StatefulConnection::closeAsync);
                this.connecting = null;
            }
        }
    }

    /** used_memory / maxmemory from the last INFO; NaN without maxmemory or before the first answer. */
    double memoryRatio() {
        return this.memoryRatio;
    }

    /** Called with each PING round trip in nanoseconds, on a lettuce thread. */
    void onPing(LongConsumer listener) {
        this.pingListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * A previous probe that is still unanswered: wait for it until its own deadline, then report it without sending
     * anything, so a paused Redis never sees more than one PING from the check.
     */
    private CheckResult awaitPending(long start) throws InterruptedException {
        Pending previous = this.pending;
        if (previous == null) {
            return null;
        }
        if (!previous.replies().isDone()) {
            long left = previous.sentAt() + this.deadlineNanos - start;
            if (left > 0) {
                try {
                    previous.replies().get(left, TimeUnit.NANOSECONDS);
                }
                catch (TimeoutException | ExecutionException ex) {
                    // judged below
                }
            }
            if (!previous.replies().isDone()) {
                long pendingFor = this.time.nanoTime() - previous.sentAt();
                Diagnosis diagnosis = Diagnosis.of(RedisFailure.TIMEOUT.code(),
                        "Redis at " + this.target + " has not answered the check's PING sent "
                                + Duration.ofNanos(pendingFor).toMillis() + " ms ago (deadline "
                                + this.config.deadline().toMillis() + " ms); nothing more is sent until it answers."
                                + " Redis is paused, blocked by a slow command or script, or the network drops"
                                + " packets",
                        RedisFailureClassifier.diagnose(RedisFailure.TIMEOUT, this.target).remedy());
                return CheckResult.down().detail("target", this.target)
                        .detail("pendingMs", Duration.ofNanos(pendingFor).toMillis())
                        .detail("deadlineMs", this.config.deadline().toMillis())
                        .diagnosis(diagnosis).build();
            }
        }
        this.pending = null;
        return null;
    }

    private ConnectOutcome connect(long start) throws InterruptedException {
        startConnecting();
        CompletableFuture<? extends StatefulConnection<?, ?>> attempt = this.connecting;
        long left = start + this.deadlineNanos - this.time.nanoTime();
        try {
            StatefulConnection<?, ?> connected = attempt.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            this.connecting = null;
            this.connection = connected;
            return new ConnectOutcome(connected, null);
        }
        catch (TimeoutException ex) {
            long pendingFor = this.time.nanoTime() - this.connectingSince;
            return new ConnectOutcome(null, CheckResult.down().detail("target", this.target)
                    .detail("connectingMs", Duration.ofNanos(pendingFor).toMillis())
                    .detail("deadlineMs", this.config.deadline().toMillis())
                    .diagnosis(Diagnosis.of(RedisFailure.TIMEOUT.code(),
                            "Connecting to Redis at " + this.target + " has not finished after "
                                    + Duration.ofNanos(pendingFor).toMillis() + " ms: packets are dropped or the"
                                    + " server is overloaded",
                            RedisFailureClassifier.diagnose(RedisFailure.TIMEOUT, this.target).remedy()))
                    .build());
        }
        catch (ExecutionException ex) {
            this.connecting = null;
            return new ConnectOutcome(null, failure(start, ex.getCause(), "connect"));
        }
    }

    private CheckResult probe(StatefulConnection<?, ?> current, long start) throws InterruptedException {
        RedisFuture<String> ping;
        RedisFuture<String> info;
        RedisFuture<String> clusterInfo = null;
        long sentAt = this.time.nanoTime();
        if (current instanceof StatefulRedisClusterConnection<?, ?> cluster) {
            RedisAdvancedClusterAsyncCommands<?, ?> commands = cluster.async();
            ping = commands.ping();
            info = commands.info();
            clusterInfo = commands.clusterInfo();
        }
        else if (current instanceof StatefulRedisConnection<?, ?> standalone) {
            RedisAsyncCommands<?, ?> commands = standalone.async();
            ping = commands.ping();
            info = commands.info();
        }
        else {
            return CheckResult.unknown().detail("target", this.target)
                    .diagnosis("redis.unsupported-connection", "The redis check cannot probe a "
                            + current.getClass().getSimpleName(),
                            "Give the check a standalone, Sentinel-managed or cluster connection.")
                    .build();
        }
        CompletableFuture<Long> pingNanos = ping.toCompletableFuture().thenApply((pong) -> {
            long latency = this.time.nanoTime() - sentAt;
            this.pingListeners.forEach((listener) -> listener.accept(latency));
            return latency;
        });
        CompletableFuture<Void> replies = CompletableFuture.allOf(pingNanos,
                info.toCompletableFuture(),
                (clusterInfo != null) ? clusterInfo.toCompletableFuture() : CompletableFuture.completedFuture(null));
        this.pending = new Pending(replies, sentAt);
        long left = start + this.deadlineNanos - this.time.nanoTime();
        try {
            replies.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            if (!current.isOpen()) {
                return reconnecting();
            }
            return CheckResult.down().detail("target", this.target)
                    .detail("pendingMs", Duration.ofNanos(this.time.nanoTime() - sentAt).toMillis())
                    .detail("deadlineMs", this.config.deadline().toMillis())
                    .diagnosis(Diagnosis.of(RedisFailure.TIMEOUT.code(),
                            "Redis at " + this.target + " did not answer PING within "
                                    + this.config.deadline().toMillis() + " ms: it is paused (CLIENT PAUSE), blocked"
                                    + " by a slow command or script, or the network drops packets",
                            RedisFailureClassifier.diagnose(RedisFailure.TIMEOUT, this.target).remedy()))
                    .build();
        }
        catch (ExecutionException ex) {
            this.pending = null;
            return failure(start, ex.getCause(), "command");
        }
        this.pending = null;
        return healthy(pingNanos.getNow(0L), RedisInfo.parse(info.toCompletableFuture().getNow(null)),
                (clusterInfo != null) ? RedisInfo.parse(clusterInfo.toCompletableFuture().getNow(null)) : null);
    }

    private CheckResult healthy(long pingNanos, RedisInfo info, RedisInfo cluster) {
        RedisInfoAssessment assessment = new RedisInfoAssessment(this.target, this.config.memoryWarning());
        CheckResult.Builder result = assessment.assess(info, cluster, this.lastRejectedConnections,
                this.lastOomErrors);
        long rejected = info.number("rejected_connections");
        if (rejected >= 0) {
            this.lastRejectedConnections = rejected;
        }
        this.lastOomErrors = info.errorCount("OOM");
        this.memoryRatio = assessment.memoryRatio();
        return result.detail("pingMs", Math.round(pingNanos / 10_000.0) / 100.0).build();
    }

    private CheckResult reconnecting() {
        LastReconnectFailure last = this.lastReconnectFailure;
        CheckResult.Builder result = CheckResult.down().detail("target", this.target).detail("reconnecting", true);
        if (last != null) {
            result.detail("reconnectAttempt", last.attempt())
                    .detail("lastReconnectFailureMsAgo", Duration.ofNanos(this.time.nanoTime() - last.at()).toMillis())
                    .diagnosis(RedisFailureClassifier.diagnose(last.cause(), this.target))
                    .error(redact(last.cause()));
        }
        else {
            result.diagnosis(RedisFailureClassifier.diagnose(RedisFailure.CONNECTION_LOST, this.target));
        }
        return result.build();
    }

    /** The connector gave a connection that is closed for good: the application closed its own connection. */
    private CheckResult closedByItsOwner() {
        return CheckResult.down().detail("target", this.target).detail("closed", true)
                .diagnosis(Diagnosis.of(RedisFailure.CONNECTION_LOST.code(),
                        "The connection the redis check was given for " + this.target + " is closed",
                        "Give the check a connection the application keeps open, or a client and URI so it can"
                                + " connect by itself."))
                .build();
    }

    private CheckResult failure(long start, Throwable cause, String during) {
        RedisFailure kind = RedisFailureClassifier.classify(cause);
        Status status = switch (kind) {
            case OOM, PERSISTENCE_FAILING, READONLY -> Status.DEGRADED;
            default -> Status.DOWN;
        };
        return CheckResult.status(status).detail("target", this.target).detail("failedDuring", during)
                .detail("latencyMs", Duration.ofNanos(this.time.nanoTime() - start).toMillis())
                .diagnosis(RedisFailureClassifier.diagnose(kind, this.target))
                .error(redact(cause))
                .build();
    }

    private String redact(Throwable cause) {
        return Redaction.redact(Redaction.describe(cause), this.secrets);
    }

    private Disposable subscribe(AbstractRedisClient client) {
        return client.getResources().eventBus().get().subscribe((event) -> {
            if (event instanceof ReconnectFailedEvent failed && this.ourAddress.test(failed.remoteAddress())) {
                this.lastReconnectFailure = new LastReconnectFailure(failed.getCause(), failed.getAttempt(),
                        this.time.nanoTime());
            }
            else if (event instanceof ConnectionActivatedEvent activated
                    && this.ourAddress.test(activated.remoteAddress())) {
                this.lastReconnectFailure = null;
            }
        });
    }

    private static boolean closedForGood(StatefulConnection<?, ?> connection) {
        return connection instanceof RedisChannelHandler<?, ?> handler && handler.isClosed();
    }

    @Override
    public String toString() {
        return "RedisCheck[" + this.target + ", deadline=" + this.config.deadline().toMillis() + " ms]";
    }

    private record Pending(CompletableFuture<Void> replies, long sentAt) {
    }

    private record ConnectOutcome(StatefulConnection<?, ?> connection, CheckResult result) {
    }

    private record LastReconnectFailure(Throwable cause, int attempt, long at) {
    }

    /** Builds a {@link RedisCheck}. Not thread-safe. */
    public static final class Builder {

        private final RedisConnector connector;

        private final TimeSource time;

        private RedisCheckConfig config = RedisCheckConfig.defaults();

        private AbstractRedisClient client;

        private final List<String> secrets = new ArrayList<>();

        private String target;

        private Builder(RedisConnector connector, TimeSource time) {
            this.connector = Objects.requireNonNull(connector, "connector");
            this.time = Objects.requireNonNull(time, "time");
        }

        public Builder config(RedisCheckConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The application's client, optional: the check listens to its event bus to remember why lettuce's last
         * reconnect failed, so a lost connection is reported as refused, DNS or timeout instead of just "lost".
         */
        public Builder client(AbstractRedisClient client) {
            this.client = client;
            return this;
        }

        /** Secret values (passwords) to remove from any output, besides the connector URI's password. */
        public Builder secrets(Collection<String> secrets) {
            secrets.stream().filter(Objects::nonNull).filter((secret) -> !secret.isEmpty()).forEach(this.secrets::add);
            return this;
        }

        /**
         * How results name the server, such as {@code 127.0.0.1:6379}; redacted. Default: the host and port of a
         * {@link RedisConnector#of(io.lettuce.core.RedisClient, io.lettuce.core.RedisURI) URI connector}.
         */
        public Builder target(String target) {
            this.target = target;
            return this;
        }

        /** Builds the check and starts its first connection attempt in the background. */
        public RedisCheck build() {
            RedisCheck check = new RedisCheck(this);
            check.startConnecting();
            return check;
        }
    }
}
