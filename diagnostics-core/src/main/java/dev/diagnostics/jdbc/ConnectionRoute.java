package dev.diagnostics.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * How a probe reaches the database: from the pool when it has a connection to lend, within a deadline, and never
 * by joining the queue of an exhausted pool; otherwise straight to the server. Shared by the database probes.
 */
final class ConnectionRoute {

    private final DataSource dataSource;

    private final PoolView pool;

    private final DirectConnector direct;

    private final Duration deadline;

    private final TimeSource time;

    ConnectionRoute(DataSource dataSource, PoolView pool, DirectConnector direct, Duration deadline, TimeSource time) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.direct = direct;
        this.deadline = deadline;
        this.time = time;
    }

    PoolView pool() {
        return this.pool;
    }

    DirectConnector direct() {
        return this.direct;
    }

    Duration deadline() {
        return this.deadline;
    }

    /** Why the pool cannot lend now, or {@code null} when it can. */
    String poolBusyReason() {
        if (this.pool == null) {
            return null;
        }
        int max = this.pool.max();
        int waiting = this.pool.waiting();
        if (waiting > 0 || (max > 0 && this.pool.active() >= max)) {
            return "every pooled connection is in use (" + this.pool.active() + " of " + max + ", " + waiting
                    + " threads waiting)";
        }
        return null;
    }

    /** Borrows with a deadline: the borrowing thread is interrupted when it runs out. */
    Connection borrow() throws SQLException, BorrowDeadlineException {
        Thread borrower = Thread.currentThread();
        Object guard = new Object();
        boolean[] armedAndFired = { true, false };
        TimeSource.Cancellable alarm = this.time.schedule(this.deadline, () -> {
            synchronized (guard) {
                if (armedAndFired[0]) {
                    armedAndFired[1] = true;
                    borrower.interrupt();
                }
            }
        });
        try {
            return this.dataSource.getConnection();
        }
        catch (SQLException ex) {
            synchronized (guard) {
                if (armedAndFired[1]) {
                    throw new BorrowDeadlineException(ex);
                }
            }
            throw ex;
        }
        finally {
            synchronized (guard) {
                armedAndFired[0] = false;
            }
            alarm.cancel();
            if (armedAndFired[1]) {
                Thread.interrupted();
            }
        }
    }

    /** Seconds for JDBC calls that count in whole seconds, at least 1. */
    int deadlineSeconds() {
        return (int) Math.max(1, (this.deadline.toMillis() + 999) / 1000);
    }

    /** The pool did not lend a connection before the deadline. */
    static final class BorrowDeadlineException extends Exception {

        private static final long serialVersionUID = 1L;

        BorrowDeadlineException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
