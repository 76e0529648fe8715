package dev.diagnostics.jdbc.proxy;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

import dev.diagnostics.jdbc.SlowQueryLog;
import dev.diagnostics.time.TimeSource;
import dev.diagnostics.timing.RequestTiming;

/**
 * datasource-proxy listener: times each statement execution on the injected clock, charges it to the request bound
 * to the executing thread ({@link RequestTiming#current()}) and reports it to the {@link SlowQueryLog}. datasource-proxy
 * calls {@code beforeQuery} and {@code afterQuery} on the executing thread, around the driver call, so the start is
 * kept in a per-thread slot. Never throws into the application's JDBC call.
 */
final class StatementTimingListener implements QueryExecutionListener {

    private static final ThreadLocal<long[]> START = ThreadLocal.withInitial(() -> new long[1]);

    private final TimeSource time;

    private final Supplier<SlowQueryLog> slowQueryLookup;

    private volatile SlowQueryLog slowQueries;

    private volatile boolean resolved;

    StatementTimingListener(TimeSource time, Supplier<SlowQueryLog> slowQueries) {
        this.time = Objects.requireNonNull(time, "time");
        this.slowQueryLookup = Objects.requireNonNull(slowQueries, "slowQueries");
    }

    private SlowQueryLog slowQueries() {
        if (!this.resolved) {
            this.slowQueries = this.slowQueryLookup.get();
            this.resolved = true;
        }
        return this.slowQueries;
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        START.get()[0] = this.time.nanoTime();
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        try {
            long nanos = this.time.nanoTime() - START.get()[0];
            RequestTiming timing = RequestTiming.current();
            if (timing != null) {
                timing.addDatabase(nanos);
            }
            SlowQueryLog slowQueries = slowQueries();
            if (slowQueries != null && nanos >= slowQueries.thresholdNanos()) {
                slowQueries.statement(execution.getDataSourceName(), sql(queries), nanos,
                        rows(execution.getResult()), !execution.isSuccess());
            }
        }
        catch (RuntimeException ex) {
            // Timing must never break the application's statement.
        }
    }

    private static String sql(List<QueryInfo> queries) {
        if (queries == null || queries.isEmpty()) {
            return "";
        }
        if (queries.size() == 1) {
            return queries.get(0).getQuery();
        }
        StringBuilder joined = new StringBuilder();
        for (QueryInfo query : queries) {
            if (joined.length() > 0) {
                joined.append("; ");
            }
            joined.append(query.getQuery());
        }
        return joined.toString();
    }

    /** The update count(s) of an update or batch; -1 for a query (its rows are not read yet) or anything else. */
    static long rows(Object result) {
        if (result instanceof Integer count) {
            return Math.max(-1, count);
        }
        if (result instanceof Long count) {
            return Math.max(-1, count);
        }
        if (result instanceof int[] counts) {
            long sum = 0;
            for (int count : counts) {
                if (count < 0) {
                    return -1;
                }
                sum += count;
            }
            return sum;
        }
        if (result instanceof long[] counts) {
            long sum = 0;
            for (long count : counts) {
                if (count < 0) {
                    return -1;
                }
                sum += count;
            }
            return sum;
        }
        return -1;
    }
}
