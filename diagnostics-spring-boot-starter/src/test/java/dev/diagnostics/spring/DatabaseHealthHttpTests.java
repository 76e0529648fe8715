package dev.diagnostics.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import dev.diagnostics.spring.ActuatorClient.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application on the real PostgreSQL answering HTTP: Spring Boot's own {@code db} indicator is replaced by
 * ours, the pool's holders are tracked from the first borrow, and an exhausted pool is reported as such while the
 * database is reported up. The password is a canary that must never appear in any output.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.banner-mode=off",
        "spring.datasource.url=" + DatabaseHealthHttpTests.URL,
        "spring.datasource.username=postgres",
        // The server trusts loopback connections and ignores it; it must still never be shown.
        "spring.datasource.password=" + DatabaseHealthHttpTests.CANARY,
        "spring.datasource.hikari.maximum-pool-size=2",
        // The test class path has Redis for its own tests; these are about the database.
        "spring.autoconfigure.exclude=org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "management.endpoint.health.show-details=always",
        "management.endpoints.web.exposure.include=health,metrics",
        // Loud logs, so the canary has every chance to leak into them.
        "logging.level.com.zaxxer.hikari=DEBUG",
        "logging.level.dev.diagnostics=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseHealthHttpTests {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    static final String CANARY = "Canary-spring-7f3e";

    private static final String TAG = "diag-spring-http-slow-query";

    private static final Duration SETTLE = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    @Autowired
    private DataSource dataSource;

    private ActuatorClient client;

    private final List<Thread> holders = new ArrayList<>();

    private final List<Thread> waiters = new ArrayList<>();

    @BeforeEach
    void healthy() {
        this.client = new ActuatorClient(this.port);
        healthUntil((response) -> "UP".equals(response.healthStatus()));
    }

    @AfterEach
    void releaseConnections() throws Exception {
        // Waiting borrowers first, so none of them gets a freed connection and starts another sleep.
        this.waiters.forEach(Thread::interrupt);
        try (Connection admin = DriverManager.getConnection(URL, "postgres", null);
                Statement statement = admin.createStatement()) {
            statement.execute("select pg_cancel_backend(pid) from pg_stat_activity where query like '%" + TAG
                    + "%' and pid <> pg_backend_pid()");
        }
        for (Thread thread : this.waiters) {
            thread.join(10_000);
        }
        for (Thread thread : this.holders) {
            thread.join(10_000);
        }
    }

    @Test
    void healthShowsOurDbWithPoolAndServerChecks() {
        Response health = this.client.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        Map<String, Object> components = health.read("$.components");
        assertThat(components).containsKeys("db", "pool", "postgres");
        assertThat(health.<String>read("$.components.db.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.db.details.database")).startsWith("PostgreSQL ");
        assertThat(health.<String>read("$.components.db.details.via")).isEqualTo("pool");
        assertThat(health.<String>read("$.components.db.details.url")).isEqualTo(URL);
        assertThat(health.<String>read("$.components.pool.status")).isEqualTo("UP");
        assertThat(health.<Integer>read("$.components.pool.details.max")).isEqualTo(2);
        // A list, even when empty: the holders are tracked (untracked holders are reported as a sentence).
        assertThat(health.<Object>read("$.components.pool.details.holders")).isInstanceOf(List.class);
        assertThat(health.<String>read("$.components.postgres.status")).isEqualTo("UP");
        Response readiness = this.client.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
    }

    /**
     * Readiness answers 503: an exhausted pool is DOWN and the pool check is critical. That takes the instance out of
     * rotation while requests would only queue for a connection, which is what issue 3 asks for; the database itself
     * is reported up, so nobody restarts it.
     */
    @Test
    void exhaustedPoolIsDownNamingBothHoldersWhileTheDatabaseStaysUp() throws Exception {
        CountDownLatch borrowed = new CountDownLatch(2);
        this.holders.add(start("report-worker-1", () -> sleepInQuery(borrowed)));
        this.holders.add(start("report-worker-2", () -> sleepInQuery(borrowed)));
        assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
        this.waiters.add(start("http-exec-waiting", () -> sleepInQuery(new CountDownLatch(1))));
        HikariDataSource hikari = this.dataSource.unwrap(HikariDataSource.class);
        await().atMost(SETTLE).until(() -> hikari.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);

        Response health = healthUntil((response) -> "DOWN".equals(response.healthStatus()));

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.<String>read("$.components.pool.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.pool.details.diagnosis.code")).isEqualTo("pool.exhausted");
        assertThat(health.<String>read("$.components.pool.details.diagnosis.cause"))
                .contains("2 of 2 connections are in use and 1 threads wait").contains("slow queries");
        assertThat(health.<List<String>>read("$.components.pool.details.holders[*].thread"))
                .containsExactlyInAnyOrder("report-worker-1", "report-worker-2");
        assertThat(health.<List<Boolean>>read("$.components.pool.details.holders[*].inJdbcCall"))
                .containsOnly(true);
        assertThat(health.<String>read("$.components.db.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.db.details.via")).isEqualTo("direct connection");
        assertThat(health.<String>read("$.components.db.details.poolNote")).contains("database is up");
        assertThat(this.client.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(this.client.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void canaryPasswordNeverAppearsInHealthMetricsOrLogs(CapturedOutput output) throws Exception {
        // The canary is really in play: the pool holds it and connects with it.
        assertThat(this.dataSource.unwrap(HikariDataSource.class).getPassword()).isEqualTo(CANARY);
        try (Connection connection = this.dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }

        String health = this.client.get("/actuator/health").body();
        Response names = this.client.get("/actuator/metrics");
        List<String> meters = names.read("$.names");
        assertThat(meters).contains("hikaricp.connections.acquire", "hikaricp.connections.active",
                "diagnostics.pool.waiting", "diagnostics.pool.hold.longest");
        List<String> bodies = new ArrayList<>();
        for (String meter : meters) {
            if (meter.startsWith("hikaricp.") || meter.startsWith("jdbc.") || meter.startsWith("diagnostics.")) {
                Response response = this.client.get("/actuator/metrics/" + meter);
                assertThat(response.status()).isEqualTo(200);
                bodies.add(response.body());
            }
        }

        assertThat(bodies).isNotEmpty();
        assertThat(health).contains("\"db\"").doesNotContain(CANARY);
        assertThat(names.body()).doesNotContain(CANARY);
        assertThat(bodies).noneSatisfy((body) -> assertThat(body).contains(CANARY));
        // HikariCP's DEBUG configuration dump at pool start names the password field (masked).
        assertThat(output.getAll()).contains("password").contains(URL).doesNotContain(CANARY);
    }

    private void sleepInQuery(CountDownLatch borrowed) {
        try (Connection connection = this.dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            borrowed.countDown();
            statement.execute("select pg_sleep(30) /* " + TAG + " */");
        }
        catch (SQLException ex) {
            // Cancelled or interrupted at clean-up.
        }
    }

    private static Thread start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private Response healthUntil(Predicate<Response> condition) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                .until(() -> this.client.get("/actuator/health"), condition);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OrdersApplication {

        /**
         * Queries while the context starts, as SQL initialization or a migration tool would: the pool starts before
         * Spring Boot binds its meters, the hard case for keeping its hikaricp meters beside our tracking.
         */
        @Bean
        Object startupQuery(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            return dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        }
    }
}
