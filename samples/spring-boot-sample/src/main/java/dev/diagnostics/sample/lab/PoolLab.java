package dev.diagnostics.sample.lab;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Takes connections from the application's pool on purpose: holds some for a while, leaks one, or runs a slow query,
 * and gives everything back on {@link #releaseAll()}. Works on H2 (the sample's default) and PostgreSQL.
 */
@Component
class PoolLab implements DisposableBean {

    private static final Logger logger = LoggerFactory.getLogger(PoolLab.class);

    /** Appended to the lab's SQL so its sessions can be recognised in pg_stat_activity. */
    static final String SQL_TAG = "/* fault-lab */";

    /** How long a request waits for the lab's threads to get their connections before it answers. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private static final Duration JOIN = Duration.ofSeconds(5);

    private final DataSource dataSource;

    private final AtomicInteger holdThreads = new AtomicInteger();

    private final AtomicInteger slowQueryThreads = new AtomicInteger();

    private final Set<Thread> holders = ConcurrentHashMap.newKeySet();

    private final Set<Thread> slowQueries = ConcurrentHashMap.newKeySet();

    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    private final List<Connection> leaked = new ArrayList<>();

    private boolean sleepFunctionCreated;

    /** Stands in for the application's own worker threads, which is where leaks happen in real services. */
    private final ExecutorService orderWorkers = Executors.newFixedThreadPool(2, new NamedThreads("order-worker-"));

    PoolLab(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How a holder spends its time with the connection. */
    enum Mode {

        /** Does nothing JDBC-wise: the holder is outside any JDBC call, as with a forgotten or long-held connection. */
        IDLE,

        /** Runs a query that sleeps on the server: the holder is inside a JDBC call, as with a slow query. */
        QUERY
    }

    /**
     * Starts {@code connections} threads that each borrow a connection and hold it for {@code hold}. Threads
     * beyond the pool's size wait for a connection. Answers once the threads have their connections or after a
     * second.
     */
    Holding hold(int connections, Duration hold, Mode mode) throws InterruptedException {
        CountDownLatch borrowed = new CountDownLatch(connections);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String name = "lab-hold-" + this.holdThreads.incrementAndGet();
            names.add(name);
            start(name, this.holders, () -> holdConnection(borrowed, hold, mode));
        }
        borrowed.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        int holding = connections - (int) borrowed.getCount();
        return new Holding(names, holding, connections - holding);
    }

    /**
     * Borrows one connection on an application worker thread and never returns it; the thread goes back to waiting
     * for work, still holding it.
     *
     * @return the worker's name
     */
    String leak() throws InterruptedException {
        CountDownLatch borrowed = new CountDownLatch(1);
        AtomicReference<String> worker = new AtomicReference<>();
        this.orderWorkers.execute(() -> {
            worker.set(Thread.currentThread().getName());
            exportOrders(borrowed);
        });
        borrowed.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        return worker.get();
    }

    /** Runs a query that sleeps for {@code duration} on the server, on a thread of its own. */
    String slowQuery(Duration duration) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        String name = "lab-slow-query-" + this.slowQueryThreads.incrementAndGet();
        start(name, this.slowQueries, () -> runSlowQuery(started, duration));
        started.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        return name;
    }

    boolean isHolding() {
        return !this.holders.isEmpty();
    }

    synchronized int leakedConnections() {
        return this.leaked.size();
    }

    boolean isRunningSlowQueries() {
        return !this.slowQueries.isEmpty();
    }

    /**
     * Gives back every connection the lab holds: waiting borrowers are stopped first so none of them takes a freed
     * connection, running statements are cancelled, sleeping holders interrupted, leaked connections closed.
     *
     * @return how many threads and leaked connections were released
     */
    int releaseAll() throws InterruptedException {
        List<Thread> threads = new ArrayList<>(this.holders);
        threads.addAll(this.slowQueries);
        threads.forEach(Thread::interrupt);
        for (Statement statement : this.running) {
            try {
                statement.cancel();
            }
            catch (SQLException ex) {
                // Already finished.
            }
        }
        for (Thread thread : threads) {
            thread.join(JOIN.toMillis());
        }
        int released = threads.size();
        synchronized (this) {
            for (Connection connection : this.leaked) {
                try {
                    connection.close();
                }
                catch (SQLException ex) {
                    // The pool takes it back either way.
                }
            }
            released += this.leaked.size();
            this.leaked.clear();
        }
        return released;
    }

    @Override
    public void destroy() throws InterruptedException {
        releaseAll();
        this.orderWorkers.shutdownNow();
    }

    private void holdConnection(CountDownLatch borrowed, Duration hold, Mode mode) {
        try (Connection connection = this.dataSource.getConnection()) {
            borrowed.countDown();
            if (mode == Mode.QUERY) {
                sleepInQuery(connection, hold);
            }
            else {
                Thread.sleep(hold.toMillis());
            }
        }
        catch (SQLException | InterruptedException ex) {
            // Released by the lab, or no connection before the pool's connection timeout.
            logger.debug("{} gave its connection back: {}", Thread.currentThread().getName(), ex.toString());
        }
    }

    private void runSlowQuery(CountDownLatch started, Duration duration) {
        try (Connection connection = this.dataSource.getConnection()) {
            started.countDown();
            sleepInQuery(connection, duration);
        }
        catch (SQLException ex) {
            // Cancelled by the lab.
            logger.debug("{} gave its connection back: {}", Thread.currentThread().getName(), ex.toString());
        }
    }

    /** The leak: a connection taken and never closed, the way a missing try-with-resources looks. */
    private void exportOrders(CountDownLatch borrowed) {
        try {
            Connection connection = this.dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1 " + SQL_TAG);
            }
            synchronized (this) {
                this.leaked.add(connection);
            }
        }
        catch (SQLException ex) {
            // No connection: nothing leaked.
        }
        finally {
            borrowed.countDown();
        }
    }

    private void sleepInQuery(Connection connection, Duration duration) throws SQLException {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            this.running.add(statement);
            try {
                statement.execute(sleepSql(connection, duration));
            }
            finally {
                this.running.remove(statement);
            }
        }
    }

    /** PostgreSQL has pg_sleep; H2 gets a SLEEP function backed by Thread.sleep, which an interrupt ends. */
    private String sleepSql(Connection connection, Duration duration) throws SQLException {
        if (connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
            return "SELECT pg_sleep(" + duration.toSeconds() + ") " + SQL_TAG;
        }
        createSleepFunction(connection);
        return "CALL SLEEP(" + duration.toMillis() + ") " + SQL_TAG;
    }

    /** Once, and by one thread: holders that create it at the same time would fail each other. */
    private synchronized void createSleepFunction(Connection connection) throws SQLException {
        if (!this.sleepFunctionCreated) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR 'java.lang.Thread.sleep'");
            }
            this.sleepFunctionCreated = true;
        }
    }

    private static void start(String name, Set<Thread> threads, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            }
            finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** What a hold request achieved. */
    record Holding(List<String> threads, int holding, int waiting) {
    }

    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {

        private final String prefix;

        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, this.prefix + this.count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
