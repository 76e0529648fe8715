package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.time.ManualTimeSource;

/** A fake CPU source and a manual clock: CPU use is set by hand, time is moved by hand. */
class HotThreadsCheckTests {

    private static final long SECOND = 1_000_000_000L;

    private final ManualTimeSource time = new ManualTimeSource();

    private final FakeCpu cpu = new FakeCpu(2);

    @Test
    void highProcessLoadNamesTheBusiestThreadsAndWhereTheyAre() {
        this.cpu.thread(31, "report-worker-3", "com.example.ReportService", "aggregate");
        this.cpu.thread(7, "http-nio-8080-exec-1", "com.example.OrderController", "list");
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, this.cpu);

        this.time.advance(Duration.ofSeconds(10));
        this.cpu.use(31, 9_200_000_000L);
        this.cpu.use(7, 8_000_000_000L);
        this.cpu.process += 19 * SECOND;
        CheckResult result = check.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("cpu.high");
        assertThat(result.diagnosis().orElseThrow().cause()).startsWith("Process CPU at 95% of 2 processors over the"
                + " last 10 s; busiest: thread 'report-worker-3' used 92% of a core, now in"
                + " com.example.ReportService.aggregate:42; thread 'http-nio-8080-exec-1' used 80% of a core");
        assertThat(result.details()).containsEntry("processCpuLoad", 0.95).containsEntry("windowSeconds", 10.0);
        assertThat(busiest(result).get(0)).containsEntry("name", "report-worker-3").containsEntry("cpu", 0.92)
                .containsEntry("state", "RUNNABLE");
        assertThat(check.processCpuLoad()).isEqualTo(0.95);
    }

    @Test
    void oneThreadUsingAWholeCoreIsFoundOnAMachineWithManyCores() {
        FakeCpu big = new FakeCpu(32);
        big.thread(12, "importer", "com.example.CsvImporter", "parse");
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, big);

        this.time.advance(Duration.ofSeconds(10));
        big.use(12, 10 * SECOND);
        big.process += 11 * SECOND;
        CheckResult result = check.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("cpu.hot-thread");
        assertThat(result.diagnosis().orElseThrow().cause()).startsWith("Thread 'importer' used 100% of a core, now in"
                + " com.example.CsvImporter.parse:42 over the last 10 s (process CPU at 3% of 32 processors)");
    }

    @Test
    void aThreadThatFinishedItsBurstIsNotAHotThread() {
        FakeCpu big = new FakeCpu(32);
        big.thread(1, "main", "com.example.Application", "main");
        big.states.put(1L, Thread.State.WAITING);
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, big);

        this.time.advance(Duration.ofSeconds(10));
        big.use(1, 10 * SECOND);
        big.process += 11 * SECOND;
        CheckResult result = check.check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(busiest(result).get(0)).containsEntry("name", "main").containsEntry("state", "WAITING");
    }

    @Test
    void quietProcessIsUpAndStillListsItsBusiestThreads() {
        this.cpu.thread(5, "scheduler", "com.example.Jobs", "tick");
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, this.cpu);

        this.time.advance(Duration.ofSeconds(10));
        this.cpu.use(5, SECOND / 10);
        this.cpu.process += SECOND;
        CheckResult result = check.check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(result.details()).containsEntry("processCpuLoad", 0.05);
        assertThat(busiest(result)).extracting((thread) -> thread.get("name")).containsExactly("scheduler");
    }

    @Test
    void threadsAreSampledAtMostOncePerInterval() {
        this.cpu.thread(31, "report-worker-3", "com.example.ReportService", "aggregate");
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, this.cpu);
        this.time.advance(Duration.ofSeconds(10));
        CheckResult first = check.check();
        int samples = this.cpu.samples.get();

        this.time.advance(Duration.ofSeconds(9));
        this.cpu.use(31, 9 * SECOND);
        this.cpu.process += 19 * SECOND;
        CheckResult withinInterval = check.check();

        this.time.advance(Duration.ofSeconds(1));
        CheckResult afterInterval = check.check();

        assertThat(withinInterval).isSameAs(first);
        assertThat(this.cpu.samples).hasValue(samples + 1);
        assertThat(afterInterval.status()).isEqualTo(Status.DEGRADED);
    }

    @Test
    void withoutPerThreadCpuTimeTheCheckSaysItCannotTell() {
        this.cpu.supported = false;
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, this.cpu);
        this.time.advance(Duration.ofSeconds(10));

        assertThat(check.check().status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void aThreadThatEndedIsLeftOut() {
        this.cpu.thread(31, "short-lived", "com.example.Task", "run");
        this.cpu.thread(32, "survivor", "com.example.Task", "run");
        HotThreadsCheck check = new HotThreadsCheck(HotThreadsConfig.defaults(), this.time, this.cpu);
        this.time.advance(Duration.ofSeconds(10));
        this.cpu.use(31, 5 * SECOND);
        this.cpu.use(32, SECOND);
        this.cpu.names.remove(31L);

        assertThat(busiest(check.check())).extracting((thread) -> thread.get("name")).containsExactly("survivor");
    }

    @Test
    void badSettingsAreRejectedByProperty() {
        assertThatThrownBy(() -> HotThreadsConfig.builder().interval(Duration.ofMillis(10)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'diagnostics.cpu.interval'");
        assertThatThrownBy(() -> HotThreadsConfig.builder().loadWarning(0))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.cpu.load-warning'");
        assertThatThrownBy(() -> HotThreadsConfig.builder().threadWarning(1.5))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.cpu.thread-warning'");
        assertThatThrownBy(() -> HotThreadsConfig.builder().threadsShown(0))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.cpu.threads-shown'");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> busiest(CheckResult result) {
        return (List<Map<String, Object>>) result.details().get("busiestThreads");
    }

    private static final class FakeCpu implements ThreadCpuSource {

        private final int processors;

        private final Map<Long, Long> cpuNanos = new HashMap<>();

        private final Map<Long, String> names = new HashMap<>();

        private final Map<Long, StackTraceElement[]> stacks = new HashMap<>();

        private final Map<Long, Thread.State> states = new HashMap<>();

        private final AtomicInteger samples = new AtomicInteger();

        private long process;

        private boolean supported = true;

        FakeCpu(int processors) {
            this.processors = processors;
        }

        void thread(long id, String name, String className, String method) {
            this.cpuNanos.put(id, 0L);
            this.names.put(id, name);
            this.stacks.put(id, new StackTraceElement[] {
                new StackTraceElement(className, method, "X.java", 42),
                new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833) });
        }

        void use(long id, long nanos) {
            this.cpuNanos.merge(id, nanos, Long::sum);
        }

        @Override
        public long processCpuNanos() {
            this.samples.incrementAndGet();
            return this.process;
        }

        @Override
        public int availableProcessors() {
            return this.processors;
        }

        @Override
        public boolean threadCpuTimeSupported() {
            return this.supported;
        }

        @Override
        public long[] threadIds() {
            return this.cpuNanos.keySet().stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        public long threadCpuNanos(long threadId) {
            return this.cpuNanos.getOrDefault(threadId, -1L);
        }

        @Override
        public ThreadSnapshot snapshot(long threadId, int maxDepth) {
            String name = this.names.get(threadId);
            return (name != null) ? new ThreadSnapshot(name, this.states.getOrDefault(threadId, Thread.State.RUNNABLE),
                    this.stacks.get(threadId)) : null;
        }
    }
}
