package dev.diagnostics.memory;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static dev.diagnostics.memory.FakeJvmMemory.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LeakTrendTests {

    private static final long WINDOW = Duration.ofMinutes(30).toNanos();

    private static final long MAX = 1024 * MB;

    private final Random random = new Random(42);

    @Test
    void steadyLeakIsReportedWithItsRateAndTimeToFull() {
        LeakTrend trend = new LeakTrend(WINDOW);
        // 1.2 MB/min on top of a sawtooth: garbage promoted between markings adds up to 80 MB above the live floor.
        for (int second = 0; second <= 1800; second += 5) {
            long live = 300 * MB + (long) (1.2 * MB * second / 60.0);
            long sawtooth = (long) ((second % 120) / 120.0 * 80 * MB);
            trend.record(nanos(second), live + sawtooth);
        }
        LeakTrend.Fit fit = trend.fit(nanos(1800), MAX, 0.02);
        assertThat(fit.leak()).as(fit.toString()).isTrue();
        assertThat(fit.bytesPerSecond() * 60 / MB).isCloseTo(1.2, within(0.1));
        double expectedSeconds = (MAX - fit.latestFloor()) / fit.bytesPerSecond();
        assertThat(fit.secondsToFull()).isCloseTo(expectedSeconds, within(1.0));
        assertThat(fit.secondsToFull() / 3600).isBetween(7.0, 11.0);
    }

    @Test
    void steadyStateWithGarbageSawtoothAndNoiseIsNotALeak() {
        LeakTrend trend = new LeakTrend(WINDOW);
        for (int second = 0; second <= 1800; second += 5) {
            long noise = (long) (this.random.nextGaussian() * 5 * MB);
            long sawtooth = (long) ((second % 120) / 120.0 * 80 * MB);
            trend.record(nanos(second), 300 * MB + noise + sawtooth);
        }
        LeakTrend.Fit fit = trend.fit(nanos(1800), MAX, 0.02);
        assertThat(fit.fitted()).isTrue();
        assertThat(fit.leak()).isFalse();
    }

    @Test
    void cacheThatFilledOnceAndStayedFlatIsNotALeak() {
        LeakTrend trend = new LeakTrend(WINDOW);
        for (int second = 0; second <= 1800; second += 5) {
            long live = (second < 900) ? 200 * MB + (long) (200.0 * MB * second / 900) : 400 * MB;
            trend.record(nanos(second), live);
        }
        assertThat(trend.fit(nanos(1800), MAX, 0.02).leak()).isFalse();
    }

    @Test
    void growthBelowTheMinimumShareIsNotALeak() {
        LeakTrend trend = new LeakTrend(WINDOW);
        for (int second = 0; second <= 1800; second += 5) {
            trend.record(nanos(second), 300 * MB + second * 1000L);
        }
        assertThat(trend.fit(nanos(1800), MAX, 0.02).leak()).isFalse();
        assertThat(trend.fit(nanos(1800), MAX, 0.001).leak()).isTrue();
    }

    @Test
    void aFewMinutesOfDataAreNotEnoughForAThirtyMinuteWindow() {
        LeakTrend trend = new LeakTrend(WINDOW);
        for (int second = 0; second <= 300; second += 5) {
            trend.record(nanos(second), 300 * MB + second * 10 * MB);
        }
        LeakTrend.Fit fit = trend.fit(nanos(300), MAX, 0.02);
        assertThat(fit.leak()).isFalse();
    }

    @Test
    void oldSlicesLeaveTheWindow() {
        LeakTrend trend = new LeakTrend(WINDOW);
        for (int second = 0; second <= 1800; second += 5) {
            trend.record(nanos(second), 300 * MB + (long) (2.0 * MB * second / 60.0));
        }
        assertThat(trend.fit(nanos(1800), MAX, 0.02).leak()).isTrue();
        // The leak stopped: after a whole window of flat floors, nothing is left of the rise.
        long flat = 360 * MB;
        for (int second = 1805; second <= 3700; second += 5) {
            trend.record(nanos(second), flat);
        }
        assertThat(trend.fit(nanos(3700), MAX, 0.02).leak()).isFalse();
    }

    private static long nanos(int seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }
}
