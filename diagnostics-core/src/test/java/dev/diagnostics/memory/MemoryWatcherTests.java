package dev.diagnostics.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.time.ManualTimeSource;

import static dev.diagnostics.memory.FakeJvmMemory.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The watcher's rules driven by a fake JVM and a manual clock. */
class MemoryWatcherTests {

    private final ManualTimeSource time = new ManualTimeSource();

    private final FakeJvmMemory jvm = new FakeJvmMemory();

    private final FakeProcessMemory process = new FakeProcessMemory();

    private final List<String> transitions = new CopyOnWriteArrayList<>();

    private MemoryWatcher watcher;

    @AfterEach
    void close() {
        if (this.watcher != null) {
            this.watcher.close();
        }
    }

    private MemoryWatcher start(MemoryWatchConfig config) {
        return start(config, null);
    }

    private MemoryWatcher start(MemoryWatchConfig config, HeapDumper dumper) {
        MemoryWatcher.Builder builder = MemoryWatcher.builder(config, this.time).jvm(this.jvm).process(this.process);
        if (config.heapDumpEnabled()) {
            builder.heapDumper(dumper);
        }
        this.watcher = builder.build()
                .listener((from, state) -> this.transitions.add(from + "->" + state.level()))
                .start();
        return this.watcher;
    }

    @Test
    void startArmsTheThresholdSubscribesAndTicks() {
        start(MemoryWatchConfig.defaults());
        assertThat(this.jvm.armedShare).isEqualTo(0.80);
        assertThat(this.jvm.subscribed()).isTrue();
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
        this.time.advance(Duration.ofSeconds(15));
        assertThat(this.process.refreshes).isEqualTo(4);
        this.watcher.close();
        assertThat(this.jvm.subscribed()).isFalse();
        assertThat(this.process.closed).isTrue();
        assertThat(this.time.pendingTasks()).isZero();
    }

    @Test
    void liveDataAfterGcRaisesWarnThenCriticalAndRecovers() {
        start(MemoryWatchConfig.defaults());
        this.jvm.collect(500 * MB);
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
        // A high reading is judged on the lowest one within the pressure window (1 min): not yet.
        this.jvm.collect(850 * MB);
        this.time.advance(Duration.ofSeconds(30));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
        this.time.advance(Duration.ofSeconds(40));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.WARN);
        this.jvm.collect(950 * MB);
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.WARN);
        this.time.advance(Duration.ofSeconds(70));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.CRITICAL);
        MemoryFinding worst = this.watcher.state().findings().get(0);
        assertThat(worst.code()).isEqualTo("memory.heap-critical");
        assertThat(worst.cause()).contains("950.0 MB of 1.00 GB (93%)").contains("OutOfMemoryError is close");
        // A collection that frees memory counts at once.
        this.jvm.collect(300 * MB);
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
        assertThat(this.transitions).containsExactly("OK->WARN", "WARN->CRITICAL", "CRITICAL->OK");
    }

    @Test
    void instantaneousHeapUseFullOfGarbageIsNotPressure() {
        start(MemoryWatchConfig.defaults());
        this.jvm.heapUsed = 1000 * MB;
        this.jvm.collect(200 * MB);
        this.time.advance(Duration.ofMinutes(5));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
    }

    @Test
    void steadyLeakIsDiagnosedWithRateAndProjection() {
        MemoryWatchConfig config = MemoryWatchConfig.builder().trendWindow(Duration.ofMinutes(30)).build();
        start(config);
        for (int minute = 0; minute <= 30; minute++) {
            this.jvm.collect(200 * MB + minute * 6 * MB);
            this.time.advance(Duration.ofSeconds(30));
            this.jvm.collect(200 * MB + minute * 6 * MB + 3 * MB);
            this.time.advance(Duration.ofSeconds(30));
        }
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.WARN);
        MemoryFinding leak = this.watcher.state().findings().get(0);
        assertThat(leak.code()).isEqualTo("memory.leak-suspected");
        assertThat(leak.cause()).matches("Old generation after GC grows [56]\\.\\d MB/min over the last \\d+ min .*"
                + "at this rate it is full in about 2 h");
        CheckResult result = new MemoryCheck(this.watcher).check();
        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis()).hasValueSatisfying((d) -> assertThat(d.code())
                .isEqualTo("memory.leak-suspected"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> trend = (java.util.Map<String, Object>) result.details().get("trend");
        assertThat(trend).containsEntry("leakSuspected", true).containsKey("timeToFull");
    }

    @Test
    void steadyStateIsNotALeak() {
        start(MemoryWatchConfig.builder().trendWindow(Duration.ofMinutes(30)).build());
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i <= 120; i++) {
            this.jvm.collect(300 * MB + (long) (random.nextGaussian() * 10 * MB) + (i % 8) * 10 * MB);
            this.time.advance(Duration.ofSeconds(30));
        }
        assertThat(this.watcher.state().trend().fitted()).isTrue();
        assertThat(this.watcher.state().trend().leak()).isFalse();
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
    }

    @Test
    void gcOverheadIsMeasuredOverItsWindow() {
        start(MemoryWatchConfig.builder().gcOverheadWindow(Duration.ofMinutes(1)).build());
        for (int i = 0; i < 12; i++) {
            this.jvm.gcTimeMillis += 2000;
            this.time.advance(Duration.ofSeconds(5));
        }
        assertThat(this.watcher.state().gcOverhead()).isEqualTo(0.4, org.assertj.core.api.Assertions.within(0.01));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.CRITICAL);
        assertThat(this.watcher.state().findings().get(0).code()).isEqualTo("memory.gc-thrashing");
        for (int i = 0; i < 12; i++) {
            this.jvm.gcTimeMillis += 750;
            this.time.advance(Duration.ofSeconds(5));
        }
        assertThat(this.watcher.state().findings().get(0).code()).isEqualTo("memory.gc-overhead");
        for (int i = 0; i < 12; i++) {
            this.time.advance(Duration.ofSeconds(5));
        }
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
    }

    @Test
    void rssNearTheContainerLimitWithAFineHeapIsToldApart() {
        start(MemoryWatchConfig.defaults());
        this.jvm.collect(200 * MB);
        this.jvm.directBuffers = 300 * MB;
        this.process.limit = 1024 * MB;
        this.process.rss = 1000 * MB;
        this.time.advance(Duration.ofSeconds(5));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.CRITICAL);
        MemoryFinding finding = this.watcher.state().findings().get(0);
        assertThat(finding.code()).isEqualTo("memory.process-near-limit");
        assertThat(finding.cause()).contains("1000.0 MB of its 1.00 GB container limit (98%) while the heap is fine")
                .contains("direct buffers 300.0 MB").contains("OOMKilled");
        assertThat(finding.remedy()).contains("NativeMemoryTracking");
        this.process.rss = 940 * MB;
        this.time.advance(Duration.ofSeconds(5));
        assertThat(this.watcher.state().findings()).extracting(MemoryFinding::code)
                .containsExactly("memory.process-high");
    }

    @Test
    void withoutProcAndContainerOnlyTheJvmIsReported() {
        start(MemoryWatchConfig.defaults());
        this.jvm.collect(200 * MB);
        this.time.advance(Duration.ofSeconds(5));
        CheckResult result = new MemoryCheck(this.watcher).check();
        assertThat(result.status()).isEqualTo(Status.UP);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> processDetails = (java.util.Map<String, Object>) result.details().get("process");
        assertThat(processDetails).containsEntry("rssBytes", null).containsEntry("limitBytes", null)
                .containsKey("note");
    }

    @Test
    void checkIsDownAtCriticalAndRegisteredInReadinessOnly() {
        start(MemoryWatchConfig.defaults());
        critical();
        MemoryCheck check = new MemoryCheck(this.watcher);
        CheckResult result = check.check();
        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.details()).containsEntry("level", "CRITICAL")
                .containsEntry("findings", List.of("memory.heap-critical"));
        assertThat(MemoryCheck.registration(check).build().groups()).containsExactly(HealthGroups.READINESS);
    }

    @Test
    void checkBeforeStartIsUnknown() {
        MemoryWatcher notStarted = MemoryWatcher.builder(MemoryWatchConfig.defaults(), this.time).jvm(this.jvm)
                .process(this.process).build();
        assertThat(new MemoryCheck(notStarted).check().status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void heapDumpOnCriticalIsRateLimitedAndNeverOverwrites(@TempDir Path dir) throws IOException {
        List<String> dumped = new ArrayList<>();
        HeapDumper dumper = (file) -> {
            Path path = Path.of(file);
            Files.createFile(path);
            synchronized (dumped) {
                dumped.add(path.getFileName().toString());
            }
        };
        start(MemoryWatchConfig.builder().heapDump(dir, Duration.ofMinutes(10)).build(), dumper);
        critical();
        untilDumps(1);
        assertThat(dumped).singleElement().asString().matches("heap-\\d+-20260101T\\d{6}Z\\.hprof");
        recover();
        critical();
        this.time.advance(Duration.ofMinutes(1));
        assertThat(this.watcher.heapDumpsWritten()).isEqualTo(1);
        recover();
        this.time.advance(Duration.ofMinutes(10));
        critical();
        untilDumps(2);
        assertThat(Files.list(dir)).hasSize(2);
    }

    @Test
    void heapDumpTakesANewNameWhenTheFileOrALinkExists(@TempDir Path dir) throws IOException {
        HeapDumps dumps = new HeapDumps(dir, Duration.ofMinutes(1), (file) -> { });
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        Path first = dumps.target(now, 1);
        Files.writeString(first, "existing");
        Path second = dumps.target(now, 1);
        Files.createSymbolicLink(second, dir.resolve("elsewhere"));
        Path third = dumps.target(now, 1);
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        assertThat(third.getFileName().toString()).endsWith("-2.hprof");
        assertThat(Files.readString(first)).isEqualTo("existing");
    }

    @Test
    void heapDumpDirectoryMustBeARealDirectory(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        assertThatThrownBy(() -> MemoryWatchConfig.builder().heapDump(link, Duration.ofHours(1)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("diagnostics.memory.heap-dump.directory").hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().heapDump(dir.resolve("missing"), Duration.ofHours(1)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("existing directory");
    }

    @Test
    void noHeapDumpUnlessEnabled(@TempDir Path dir) {
        start(MemoryWatchConfig.defaults());
        critical();
        assertThat(this.watcher.heapDumpsWritten()).isZero();
        assertThat(new MemoryCheck(this.watcher).check().details()).doesNotContainKey("heapDumpsWritten");
    }

    /** The dump runs on its own thread: wait for it (at most 5 s). */
    private void untilDumps(long count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (this.watcher.heapDumpsWritten() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(this.watcher.heapDumpsWritten()).isEqualTo(count);
    }

    private void critical() {
        this.jvm.collect(1000 * MB);
        this.time.advance(Duration.ofSeconds(61));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.CRITICAL);
    }

    private void recover() {
        this.jvm.collect(100 * MB);
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.OK);
    }
}
