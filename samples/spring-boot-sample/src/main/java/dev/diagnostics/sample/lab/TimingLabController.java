package dev.diagnostics.sample.lab;

import java.sql.Connection;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.diagnostics.timing.TimedSection;

/**
 * The timing lab: endpoints slow in the application, in the database and in Redis, so {@code Server-Timing} (browser
 * developer tools, or {@code curl -si}) shows where each one's time went, and the slow-request, slow-call and
 * slow-query logs show them. The database sleep is {@code pg_sleep} on PostgreSQL and a Java sleep alias on H2; the
 * Redis wait is a {@code BLPOP} with a timeout on an empty key of the lab's own (never {@code DEBUG SLEEP}, which would
 * block every client of a shared Redis).
 */
@RestController
@RequestMapping("/lab/timing")
class TimingLabController {

    private static final long MAX_MILLIS = 5_000;

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    private final ObjectProvider<LettuceConnectionFactory> redis;

    private final SlowWork work;

    TimingLabController(JdbcTemplate jdbc, DataSource dataSource, ObjectProvider<LettuceConnectionFactory> redis,
            SlowWork work) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.redis = redis;
        this.work = work;
    }

    /** Slow in the application: a {@code @TimedSection} method that sleeps. */
    @GetMapping("/app")
    Map<String, Object> app(@RequestParam(defaultValue = "1200") long ms) throws InterruptedException {
        this.work.compute(bounded(ms));
        return Map.of("slowIn", "app", "ms", bounded(ms));
    }

    /** Slow in the database: one statement that sleeps. */
    @GetMapping("/db")
    Map<String, Object> db(@RequestParam(defaultValue = "1200") long ms) throws SQLException {
        sleepInDatabase(bounded(ms));
        return Map.of("slowIn", "db", "ms", bounded(ms));
    }

    /** Slow in Redis: a BLPOP that waits out its timeout (needs the 'redis' profile). */
    @GetMapping("/redis")
    ResponseEntity<Map<String, Object>> redis(@RequestParam(defaultValue = "1200") long ms) {
        if (!waitInRedis(bounded(ms))) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
                    "Redis is not configured: start the sample with SPRING_PROFILES_ACTIVE=redis"));
        }
        return ResponseEntity.ok(Map.of("slowIn", "redis", "ms", bounded(ms)));
    }

    /** A bit of each: app, db and (when configured) Redis, one after the other. */
    @GetMapping("/all")
    Map<String, Object> all(@RequestParam(defaultValue = "400") long ms) throws InterruptedException, SQLException {
        long each = bounded(ms);
        this.work.compute(each);
        sleepInDatabase(each);
        boolean redis = waitInRedis(each);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ms", each);
        body.put("redis", redis);
        return body;
    }

    private static long bounded(long ms) {
        return Math.max(1, Math.min(ms, MAX_MILLIS));
    }

    private void sleepInDatabase(long ms) throws SQLException {
        if (isPostgres()) {
            this.jdbc.queryForObject("SELECT pg_sleep(?)::text", String.class, ms / 1000.0);
        }
        else {
            this.jdbc.execute("CREATE ALIAS IF NOT EXISTS LAB_SLEEP FOR 'java.lang.Thread.sleep(long)'");
            this.jdbc.execute("CALL LAB_SLEEP(" + ms + ")");
        }
    }

    private boolean isPostgres() throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    private boolean waitInRedis(long ms) {
        LettuceConnectionFactory factory = this.redis.getIfAvailable();
        if (factory == null) {
            return false;
        }
        try (RedisConnection connection = factory.getConnection()) {
            byte[] key = ("diagnostics-lab:timing:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            // A fractional timeout (Redis 6+): waits ms on a key nobody fills, blocking only this connection.
            byte[] timeout = Double.toString(ms / 1000.0).getBytes(StandardCharsets.UTF_8);
            connection.execute("BLPOP", key, timeout);
            return true;
        }
    }

    /** The application's own slow work, timed as a section of its own. */
    @Service
    static class SlowWork {

        @TimedSection("lab-compute")
        public void compute(long ms) throws InterruptedException {
            Thread.sleep(ms);
        }
    }
}
