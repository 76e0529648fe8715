package dev.diagnostics.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ManualTimeSourceTests {

    @Test
    void runsDueTasksInOrderAndOnlyWhenTimeReachesThem() {
        ManualTimeSource time = new ManualTimeSource();
        List<String> ran = new ArrayList<>();
        time.schedule(Duration.ofMillis(200), () -> ran.add("b@" + time.nanoTime()));
        time.schedule(Duration.ofMillis(100), () -> ran.add("a@" + time.nanoTime()));
        TimeSource.Cancellable cancelled = time.schedule(Duration.ofMillis(150), () -> ran.add("never"));
        cancelled.cancel();

        time.advance(Duration.ofMillis(99));
        assertThat(ran).isEmpty();
        time.advance(Duration.ofMillis(200));

        assertThat(ran).containsExactly("a@100000000", "b@200000000");
        assertThat(time.nanoTime()).isEqualTo(299_000_000L);
        assertThat(time.pendingTasks()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> time.advance(Duration.ofMillis(-1)));
    }

    @Test
    void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
        ManualTimeSource time = new ManualTimeSource();
        List<String> ran = new ArrayList<>();
        time.schedule(Duration.ofMillis(10), () -> {
            ran.add("first");
            time.schedule(Duration.ofMillis(10), () -> ran.add("second"));
        });

        time.advance(Duration.ofMillis(25));

        assertThat(ran).containsExactly("first", "second");
    }
}
