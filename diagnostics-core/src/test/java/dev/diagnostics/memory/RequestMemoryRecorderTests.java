package dev.diagnostics.memory;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.metrics.MeterNames;
import dev.diagnostics.time.ManualTimeSource;

import static dev.diagnostics.memory.FakeJvmMemory.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RequestMemoryRecorderTests {

    private final FakeJvmMemory jvm = new FakeJvmMemory();

    private final ManualTimeSource time = new ManualTimeSource();

    private final MemoryWatcher watcher = MemoryWatcher.builder(MemoryWatchConfig.defaults(), this.time)
            .jvm(this.jvm).process(new FakeProcessMemory()).build().start();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** A thread's allocation counter the test moves by hand. */
    private long allocated = 1_000;

    private final ThreadAllocation allocation = () -> this.allocated;

    @AfterEach
    void close() {
        this.watcher.close();
    }

    @Test
    void allocationIsRecordedPerRouteTemplate() {
        RequestMemoryRecorder recorder = recorder(RequestMemoryConfig.defaults());
        request(recorder, "/orders/{id}", 2_000);
        request(recorder, "/orders/{id}", 4_000);
        request(recorder, "/reports", 350 * MB);
        request(recorder, null, 10);
        assertThat(summary("/orders/{id}").count()).isEqualTo(2);
        assertThat(summary("/orders/{id}").totalAmount()).isEqualTo(6_000);
        assertThat(summary("/orders/{id}").max()).isEqualTo(4_000);
        assertThat(summary("/reports").max()).isEqualTo(350.0 * MB, within(1.0));
        assertThat(summary("UNKNOWN").count()).isEqualTo(1);
        assertThat(summary("/orders/{id}").getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void routeCardinalityIsBounded() {
        RequestMemoryRecorder recorder = recorder(RequestMemoryConfig.builder().maxRoutes(3).build());
        for (int i = 0; i < 50; i++) {
            request(recorder, "/items/" + i, 100);
        }
        assertThat(this.registry.find(MeterNames.MEMORY_REQUEST_ALLOCATION).summaries()).hasSize(5);
        assertThat(summary("OTHER").count()).isEqualTo(47);
        assertThat(recorder.routes()).isEqualTo(3);
    }

    @Test
    void nothingIsRecordedWhereTheJvmDoesNotMeasureThreadAllocation() {
        RequestMemoryRecorder recorder = new RequestMemoryRecorder(this.watcher, RequestMemoryConfig.defaults(),
                this.registry, ThreadAllocation.UNSUPPORTED);
        assertThat(recorder.recordsAllocation()).isFalse();
        long start = recorder.begin();
        assertThat(start).isEqualTo(-1);
        recorder.end("/x", start);
        assertThat(this.registry.find(MeterNames.MEMORY_REQUEST_ALLOCATION).summaries()).isEmpty();
    }

    @Test
    void recordingCanBeTurnedOff() {
        RequestMemoryRecorder recorder = recorder(RequestMemoryConfig.builder().recordAllocation(false).build());
        request(recorder, "/x", 100);
        assertThat(this.registry.find(MeterNames.MEMORY_REQUEST_ALLOCATION).summaries()).isEmpty();
    }

    @Test
    void platformCounterMeasuresThisThreadsAllocation() {
        ThreadAllocation platform = ThreadAllocation.platform();
        long before = platform.currentThreadAllocatedBytes();
        assertThat(before).isPositive();
        byte[][] arrays = new byte[64][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new byte[16 * 1024];
        }
        assertThat(platform.currentThreadAllocatedBytes() - before).isGreaterThanOrEqualTo(64L * 16 * 1024);
        assertThat(arrays[63]).hasSize(16 * 1024);
    }

    @Test
    void noSheddingByDefaultEvenWhenCritical() {
        RequestMemoryRecorder recorder = recorder(RequestMemoryConfig.defaults());
        critical();
        for (int i = 0; i < 100; i++) {
            assertThat(recorder.shed()).isFalse();
        }
    }

    @Test
    void sheddingRefusesTheConfiguredShareOnlyWhileCritical() {
        RequestMemoryRecorder recorder = recorder(RequestMemoryConfig.builder().shedShare(0.5)
                .retryAfter(Duration.ofSeconds(30)).build());
        assertThat(shedCount(recorder, 1000)).isZero();
        critical();
        assertThat(shedCount(recorder, 10_000)).isBetween(4_500, 5_500);
        assertThat(recorder.retryAfterSeconds()).isEqualTo(30);
        Counter shed = this.registry.get(MeterNames.MEMORY_REQUESTS_SHED).counter();
        assertThat(shed.count()).isBetween(4_500.0, 5_500.0);
        this.jvm.collect(100 * MB);
        assertThat(shedCount(recorder, 1000)).isZero();
    }

    @Test
    void sheddingEverything() {
        RequestMemoryRecorder recorder = recorder(RequestMemoryConfig.builder().shedShare(1).build());
        critical();
        assertThat(shedCount(recorder, 100)).isEqualTo(100);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> RequestMemoryConfig.builder().shedShare(1.5))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("diagnostics.memory.requests.shed-share");
        assertThatThrownBy(() -> RequestMemoryConfig.builder().maxRoutes(0))
                .hasMessageContaining("diagnostics.memory.requests.max-routes");
        assertThatThrownBy(() -> RequestMemoryConfig.builder().retryAfter(Duration.ZERO))
                .hasMessageContaining("diagnostics.memory.requests.retry-after");
    }

    private void critical() {
        this.jvm.collect(1000 * MB);
        this.time.advance(Duration.ofSeconds(61));
        assertThat(this.watcher.level()).isEqualTo(MemoryLevel.CRITICAL);
    }

    private static int shedCount(RequestMemoryRecorder recorder, int requests) {
        int shed = 0;
        for (int i = 0; i < requests; i++) {
            shed += recorder.shed() ? 1 : 0;
        }
        return shed;
    }

    private RequestMemoryRecorder recorder(RequestMemoryConfig config) {
        return new RequestMemoryRecorder(this.watcher, config, this.registry, this.allocation);
    }

    private void request(RequestMemoryRecorder recorder, String route, long bytes) {
        long start = recorder.begin();
        this.allocated += bytes;
        recorder.end(route, start);
    }

    private DistributionSummary summary(String route) {
        return this.registry.get(MeterNames.MEMORY_REQUEST_ALLOCATION).tag("route", route).summary();
    }
}
