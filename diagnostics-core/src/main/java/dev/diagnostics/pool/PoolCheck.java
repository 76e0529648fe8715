package dev.diagnostics.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthEngine;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.time.TimeSource;

/**
 * Tells a full pool apart from a down database, and says who holds the connections.
 *
 * <ul>
 * <li><b>EXHAUSTED</b> (DOWN, {@code pool.exhausted}): every connection is lent out and threads wait, or an acquire
 * timed out within the timeout window. The diagnosis names the likely cause: a <em>leak</em> (connections held
 * past the leak threshold by threads outside any JDBC call), <em>slow queries</em> (holders inside JDBC calls), or
 * a <em>pool too small</em> for the load (all holds short).</li>
 * <li><b>STARVED</b> (DEGRADED, {@code pool.starved}): threads wait although the pool may open more connections: the
 * database does not give them. The {@code db} check says why; this is not exhaustion.</li>
 * <li><b>LEAK SUSPECTED</b> (DEGRADED, {@code pool.leak-suspected}): a connection held past the leak threshold
 * outside a JDBC call, or by a thread that has ended.</li>
 * <li><b>SATURATED</b> (DEGRADED, {@code pool.saturated}): every connection is in use but nobody waits yet.</li>
 * </ul>
 *
 * <p>Details list the holders, longest first: thread, how long, whether it is inside a JDBC call, and where it is
 * now. Belongs in readiness, never liveness (restarting does not return a leaked connection faster than the pool
 * times out).
 */
public final class PoolCheck implements HealthCheck {

    private static final Duration STARVED_AFTER = Duration.ofSeconds(1);

    private final PoolView pool;

    private final PoolExhaustionDetector detector;

    private final PoolCheckConfig config;

    private final TimeSource time;

    /**
     * @param pool the pool
     * @param detector its detector, for how long threads have waited; may be {@code null}
     * @param config thresholds
     * @param time the clock the pool's holders were recorded with
     */
    public PoolCheck(PoolView pool, PoolExhaustionDetector detector, PoolCheckConfig config, TimeSource time) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.detector = detector;
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** A registration named {@code name} in the readiness group. */
    public static CheckRegistration.Builder registration(String name, PoolCheck check) {
        return CheckRegistration.builder(name, check).groups(HealthGroups.READINESS);
    }

    /** The pool's state is about an external resource; it must not sit in liveness. */
    @Override
    public boolean external() {
        return true;
    }

    @Override
    public CheckResult check() {
        int active = this.pool.active();
        int idle = this.pool.idle();
        int total = this.pool.total();
        int max = this.pool.max();
        int waiting = this.pool.waiting();
        long now = this.time.nanoTime();
        ConnectionHolders tracker = this.pool.holders();
        List<ConnectionHolder> allHolders = (tracker != null) ? tracker.snapshot() : List.of();
        List<ConnectionHolder> holders = applicationHolders(allHolders);
        boolean recentTimeout = tracker != null && tracker.timedOutEver()
                && now - tracker.lastTimeoutNanos() < this.config.timeoutWindow().toNanos();
        boolean waitingKnown = waiting > 0 && this.detector != null && this.detector.waiting();
        Duration waitingFor = waitingKnown ? Duration.ofNanos(now - this.detector.waitingSinceNanos()) : Duration.ZERO;

        CheckResult.Builder result;
        boolean allLent = max > 0 && active >= max;
        List<ConnectionHolder> leaks = leaks(holders);
        if (waiting > 0 && allLent) {
            result = CheckResult.down().diagnosis("pool.exhausted", exhaustedCause(active, max, waiting, holders, leaks,
                    recentTimeout, tracker), exhaustedRemedy(holders, leaks));
        }
        else if (recentTimeout) {
            long secondsAgo = Duration.ofNanos(now - tracker.lastTimeoutNanos()).toSeconds();
            result = CheckResult.down().diagnosis("pool.exhausted",
                    "Requests failed waiting for a connection within the last "
                            + ConnectionHolder.format(this.config.timeoutWindow()) + " (" + tracker.acquireTimeouts()
                            + " acquire timeouts so far, the last " + secondsAgo + " s ago); right now " + active
                            + " of " + max + " connections are in use and " + waiting + " threads wait, so the"
                            + " exhaustion came in bursts",
                    "Find what held the connections during the burst: the WARN line logged when the pool was"
                            + " exhausted names the holders and where they were. The database is not down.");
        }
        else if (waiting > 0 && waitingFor.compareTo(STARVED_AFTER) >= 0) {
            result = CheckResult.degraded().diagnosis("pool.starved",
                    waiting + " threads have waited " + ConnectionHolder.format(waitingFor) + " for a connection although"
                            + " the pool may open " + (max - total) + " more: the database is not giving new"
                            + " connections",
                    "See the 'db' check for why the database refuses or delays connections; this is not a pool"
                            + " that is too small.");
        }
        else if (!leaks.isEmpty()) {
            result = CheckResult.degraded().diagnosis("pool.leak-suspected",
                    leaks.size() + " connection(s) held longer than " + ConnectionHolder.format(this.config.leakThreshold())
                            + " outside any JDBC call: " + leaks.get(0).describe(),
                    "Find where that code path borrows a connection without closing it (use try-with-resources);"
                            + " each leak shrinks the pool until it is exhausted.");
        }
        else if (allLent) {
            result = CheckResult.degraded().diagnosis("pool.saturated",
                    "All " + max + " connections are in use; no thread waits yet"
                            + (holders.isEmpty() ? "" : ". Longest: " + holders.get(0).describe()),
                    "Watch 'waiting': once threads wait, requests slow down and then fail after the pool's acquire"
                            + " timeout.");
        }
        else {
            result = CheckResult.up();
        }
        result.detail("pool", this.pool.name())
                .detail("active", active)
                .detail("idle", idle)
                .detail("total", total)
                .detail("max", max)
                .detail("waiting", waiting);
        if (waitingKnown) {
            result.detail("waitingForMs", waitingFor.toMillis());
        }
        if (this.pool.acquireTimeout() != null) {
            result.detail("acquireTimeoutMs", this.pool.acquireTimeout().toMillis());
        }
        if (allHolders.size() > holders.size()) {
            result.detail("heldByHealthChecks", allHolders.size() - holders.size());
        }
        if (tracker != null) {
            if (this.pool.countsAcquireTimeouts()) {
                result.detail("acquireTimeouts", tracker.acquireTimeouts());
            }
            result.detail("holders", holderDetails(holders));
        }
        else {
            result.detail("holders", "not tracked: the pool could not be instrumented (see the log at startup)");
        }
        return result.build();
    }

    /** Leaves out the engine's own probes (the db check borrowing for a moment beside this check). */
    private static List<ConnectionHolder> applicationHolders(List<ConnectionHolder> holders) {
        List<ConnectionHolder> application = new ArrayList<>(holders.size());
        for (ConnectionHolder holder : holders) {
            if (!holder.thread().startsWith(HealthEngine.THREAD_NAME_PREFIX)) {
                application.add(holder);
            }
        }
        return application;
    }

    private List<ConnectionHolder> leaks(List<ConnectionHolder> holders) {
        List<ConnectionHolder> leaks = new ArrayList<>();
        for (ConnectionHolder holder : holders) {
            if (holder.heldFor().compareTo(this.config.leakThreshold()) > 0 && holder.looksLeaked()) {
                leaks.add(holder);
            }
        }
        return leaks;
    }

    private String exhaustedCause(int active, int max, int waiting, List<ConnectionHolder> holders,
            List<ConnectionHolder> leaks, boolean recentTimeout, ConnectionHolders tracker) {
        StringBuilder cause = new StringBuilder("The pool is exhausted: ")
                .append(active).append(" of ").append(max).append(" connections are in use and ")
                .append(waiting).append(" threads wait");
        if (recentTimeout) {
            cause.append("; requests have already failed waiting for a connection (")
                    .append(tracker.acquireTimeouts()).append(" acquire timeouts so far)");
        }
        if (holders.isEmpty()) {
            return cause.append(". The database itself may be fine: see the 'db' check").toString();
        }
        long inJdbc = holders.stream().filter(ConnectionHolder::inJdbcCall).count();
        if (!leaks.isEmpty()) {
            cause.append(". Likely a connection leak: ").append(leaks.size()).append(" held longer than ")
                    .append(ConnectionHolder.format(this.config.leakThreshold())).append(" outside any JDBC call; ")
                    .append(leaks.get(0).describe());
        }
        else if (inJdbc * 2 > holders.size()) {
            cause.append(". Likely slow queries: ").append(inJdbc).append(" of ").append(holders.size())
                    .append(" holders are inside JDBC calls; ").append(holders.get(0).describe());
        }
        else {
            cause.append(". Likely a pool too small for the load: the longest hold is only ")
                    .append(ConnectionHolder.format(holders.get(0).heldFor()));
        }
        return cause.toString();
    }

    private String exhaustedRemedy(List<ConnectionHolder> holders, List<ConnectionHolder> leaks) {
        if (!leaks.isEmpty()) {
            return "Fix the code path shown in 'holders' so it closes its connection (try-with-resources);"
                    + " restarting only hides the leak until it fills the pool again.";
        }
        long inJdbc = holders.stream().filter(ConnectionHolder::inJdbcCall).count();
        if (!holders.isEmpty() && inJdbc * 2 > holders.size()) {
            return "Find the slow statements (the 'postgres' check lists long-running queries and lock waits);"
                    + " add an index or a statement timeout. A bigger pool would only queue more slow queries.";
        }
        return "If the database has headroom (see the 'postgres' check), raise the pool's maximum size; otherwise"
                + " reduce concurrency. The database is not down: do not restart it.";
    }

    private List<Map<String, Object>> holderDetails(List<ConnectionHolder> holders) {
        List<Map<String, Object>> details = new ArrayList<>();
        for (int i = 0; i < holders.size() && i < this.config.holdersShown(); i++) {
            ConnectionHolder holder = holders.get(i);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("thread", holder.thread());
            detail.put("state", holder.threadState());
            detail.put("heldForMs", holder.heldFor().toMillis());
            detail.put("inJdbcCall", holder.inJdbcCall());
            if (holder.idleInThreadPool()) {
                detail.put("idleInThreadPool", true);
            }
            detail.put("where", holder.where());
            details.add(detail);
        }
        return details;
    }
}
