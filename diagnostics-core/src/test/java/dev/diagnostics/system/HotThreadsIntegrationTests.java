package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;
import dev.diagnostics.time.SystemTimeSource;

/** A real thread spinning on a real JVM: the check finds it by name and says where it is. Asserts no timings. */
class HotThreadsIntegrationTests {

    private volatile boolean spinning = true;

    private volatile long sink;

    @Test
    void busyThreadIsFoundWithItsFrame() throws Exception {
        Thread busy = new Thread(this::spin, "report-worker-3");
        busy.setDaemon(true);
        busy.start();
        try (SystemTimeSource time = new SystemTimeSource()) {
            HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.builder().interval(Duration.ofMillis(200))
                    .threadWarning(0.2).build(), time);
            CheckResult result = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // On a machine shared with other builds the spinning thread may get little CPU in one window; it is the
            // finding that is asserted, not how fast it comes.
            while (System.nanoTime() < deadline) {
                Thread.sleep(250);
                result = check.check();
                if (result.status() == Status.DEGRADED
                        && busiest(result).get(0).get("name").equals("report-worker-3")) {
                    break;
                }
            }

            assertThat(result.status()).isEqualTo(Status.DEGRADED);
            assertThat(busiest(result).get(0)).containsEntry("name", "report-worker-3");
            assertThat(result.diagnosis().orElseThrow().cause()).contains("'report-worker-3' used",
                    "now in dev.diagnostics.system.HotThreadsIntegrationTests.spin");
        }
        finally {
            this.spinning = false;
            busy.join(5_000);
        }
    }

    private void spin() {
        long value = 0;
        while (this.spinning) {
            value = value * 31 + System.identityHashCode(this);
            this.sink = value;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> busiest(CheckResult result) {
        return (List<Map<String, Object>>) result.details().get("busiestThreads");
    }
}
