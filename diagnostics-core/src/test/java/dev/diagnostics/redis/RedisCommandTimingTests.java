package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.time.SystemTimeSource;
import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;
import dev.diagnostics.timing.TimingConfig;

/** Redis time charged to requests, against the shared Redis (a BLPOP on a key of our own that nobody fills). */
class RedisCommandTimingTests {

    private final SystemTimeSource time = new SystemTimeSource();

    private final RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", 6379));

    @AfterEach
    void close() {
        RequestTiming.restore(null);
        this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        this.time.close();
    }

    @Test
    void commandsAreChargedToTheRequestThatIssuedThemWhereverTheyComplete() throws Exception {
        RedisCommandTiming.install(this.client, this.time);
        String key = "diagnostics-test:timing:" + UUID.randomUUID();
        RequestTimer timer = new RequestTimer(TimingConfig.defaults(), null, this.time);
        try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
            RequestTiming timing = timer.begin();
            assertThat(connection.sync().blpop(0.2, key)).isNull();
            assertThat(connection.async().get(key).get(5, TimeUnit.SECONDS)).isNull();
            // lettuce tells its listeners right after it completes the caller's future: wait for the second report.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (timing.redisCalls() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            timer.end(timing, "GET", "/cache", 200, null);
            assertThat(timing.redisCalls()).isEqualTo(2);
            assertThat(timing.redisNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(180).toNanos());
            assertThat(timer.serverTiming(timing)).contains("desc=\"2 commands\"");

            connection.sync().get(key);
            Thread.sleep(50);
            assertThat(timing.redisCalls()).as("not charged once unbound").isEqualTo(2);
        }
    }
}
