package dev.diagnostics.pool;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.diagnostics.StackSummary;

/**
 * A thread holding a borrowed connection, read when a check asks: how long it has held it, whether it is alive,
 * whether it is inside a JDBC call right now, and where it is.
 *
 * @param thread the thread's name
 * @param threadState its state, {@code TERMINATED} when it ended without returning the connection
 * @param heldFor how long it has held the connection
 * @param inJdbcCall whether its stack shows it inside a JDBC driver or statement call (a query running)
 * @param idleInThreadPool whether the thread is an idle pool worker waiting for its next task: the task that
 *        borrowed the connection has ended without closing it
 * @param where the frame it is in now, then its application frames
 */
public record ConnectionHolder(String thread, String threadState, Duration heldFor, boolean inJdbcCall,
        boolean idleInThreadPool, List<String> where) {

    private static final String[] IDLE_WORKER_FRAMES = { "java.util.concurrent.ThreadPoolExecutor.getTask",
        "java.util.concurrent.ForkJoinPool.awaitWork", "java.util.concurrent.ForkJoinPool.scan" };

    private static final String[] JDBC_PACKAGES = { "java.sql.", "org.postgresql.", "org.h2.", "com.mysql.",
        "org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.",
        "io.agroal.pool.wrapper.", "com.zaxxer.hikari.pool.ProxyStatement", "com.zaxxer.hikari.pool.HikariProxyStatement",
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "com.zaxxer.hikari.pool.HikariProxyCallableStatement",
        "com.zaxxer.hikari.pool.HikariProxyResultSet" };

    static ConnectionHolder of(Thread thread, Duration heldFor) {
        StackTraceElement[] stack = thread.getStackTrace();
        boolean alive = thread.isAlive();
        return new ConnectionHolder(thread.getName(), alive ? thread.getState().name() : "TERMINATED", heldFor,
                alive && insideJdbc(stack), alive && idleWorker(stack), StackSummary.of(stack, 3));
    }

    /** Whether this holder looks like a leak: it ended, or it holds the connection outside any JDBC call. */
    public boolean looksLeaked() {
        return "TERMINATED".equals(this.threadState) || !this.inJdbcCall;
    }

    /** One line for a diagnosis: "thread 'http-exec-7' has held a connection for 45 s and is now in X". */
    public String describe() {
        String state;
        if ("TERMINATED".equals(this.threadState)) {
            state = "has ended without returning it";
        }
        else if (this.idleInThreadPool) {
            state = "is an idle thread-pool worker: the task that borrowed the connection ended without closing it";
        }
        else {
            state = "is now in " + StackSummary.where(this.where) + (this.inJdbcCall ? " (inside a JDBC call)" : "");
        }
        return "thread '" + this.thread + "' has held a connection for " + format(this.heldFor) + " and " + state;
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min";
    }

    private static boolean idleWorker(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String method = frame.getClassName() + "." + frame.getMethodName();
            for (String idle : IDLE_WORKER_FRAMES) {
                if (method.equals(idle)) {
                    return true;
                }
            }
            if (!StackSummary.isLibrary(frame.getClassName())) {
                return false;
            }
        }
        return false;
    }

    private static boolean insideJdbc(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String className = frame.getClassName();
            for (String jdbc : JDBC_PACKAGES) {
                if (className.startsWith(jdbc)) {
                    return true;
                }
            }
        }
        return false;
    }
}
