package dev.diagnostics.samples.quarkus;

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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Takes connections from the application's pool on purpose: holds some for a while, leaks one, or runs a slow query,
 * and gives everything back on {@link #releaseAll()}. Works on H2 (the sample's default) and PostgreSQL.
 */
@ApplicationScoped
public class PoolLab {

    /** How a holder spends its time with the connection. */
    public enum Mode {

        /** Does nothing JDBC-wise: the holder is outside any JDBC call, like a forgotten or long-held connection. */
        IDLE,

        /** Runs a query that sleeps in the database: the holder is inside a JDBC call, like a slow query. */
        QUERY
    }

    /** What a hold request achieved: the threads started, how many got a connection, how many wait. */
    public record Holding(List<String> threads, int holding, int waiting) {
    }

    /** Appended to the lab's SQL so its sessions can be recognised in pg_stat_activity. */
    static final String SQL_TAG = "/* fault-lab */";

    private static final Logger logger = Logger.getLogger(PoolLab.class);

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
    private final ExecutorService orderWorkers;

    PoolLab(DataSource dataSource) {
        this.dataSource = dataSource;
        this.orderWorkers = Executors.newFixedThreadPool(2, new NamedThreads("order-worker-"));
    }

    /**
     * Starts {@code connections} threads that each borrow a connection and hold it for {@code hold}. Threads beyond
     * the pool's size wait for a connection (up to the pool's acquisition timeout). Answers once the threads have their
     * connections or after a second.
     */
    public Holding hold(int connections, Duration hold, Mode mode) throws InterruptedException {
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
    public String leak() throws InterruptedException {
        CountDownLatch borrowed = new CountDownLatch(1);
        String[] worker = new String[1];
        this.orderWorkers.execute(() -> {
            worker[0] = Thread.currentThread().getName();
            exportOrders(borrowed);
        });
        borrowed.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        return worker[0];
    }

    /** Runs a query that sleeps for the duration in the database, on a thread of its own; returns its name. */
    public String slowQuery(Duration duration) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        String name = "lab-slow-query-" + this.slowQueryThreads.incrementAndGet();
        start(name, this.slowQueries, () -> runSlowQuery(started, duration));
        started.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        return name;
    }

    public boolean holding() {
        return !this.holders.isEmpty();
    }

    public synchronized int leakedConnections() {
        return this.leaked.size();
    }

    public boolean runningSlowQueries() {
        return !this.slowQueries.isEmpty();
    }

    /**
     * Gives back every connection the lab holds: waiting borrowers and sleeping holders are interrupted, running
     * statements cancelled, then leaked connections closed (last, so the pool's holder list, which pairs a return on
     * another thread with the latest borrow, releases the right one).
     *
     * @return how many threads and leaked connections were released
     */
    public int releaseAll() throws InterruptedException {
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

    @PreDestroy
    void stop() {
        try {
            releaseAll();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
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
            // Released by the lab, or no connection within the pool's acquisition timeout.
            logger.debugf("%s gave its connection back: %s", Thread.currentThread().getName(), ex);
        }
    }

    private void runSlowQuery(CountDownLatch started, Duration duration) {
        try (Connection connection = this.dataSource.getConnection()) {
            started.countDown();
            sleepInQuery(connection, duration);
        }
        catch (SQLException ex) {
            // Cancelled by the lab.
            logger.debugf("%s gave its connection back: %s", Thread.currentThread().getName(), ex);
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
            logger.debugf("The leaky order export got no connection: %s", ex);
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

    /** Once, and by one thread: holders creating it at the same time would fail each other. */
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

    private static final class NamedThreads implements ThreadFactory {

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
