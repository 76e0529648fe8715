package dev.diagnostics.memory;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.diagnostics.InvalidConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryWatchConfigTests {

    @Test
    void defaults() {
        MemoryWatchConfig config = MemoryWatchConfig.defaults();
        assertThat(config.heapWarning()).isEqualTo(0.8);
        assertThat(config.heapCritical()).isEqualTo(0.9);
        assertThat(config.sampleInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.trendWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.heapDumpEnabled()).isFalse();
    }

    @Test
    void badValuesAreRejectedWithTheirPropertyName() {
        assertThatThrownBy(() -> MemoryWatchConfig.builder().heapWarning(1.2))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("diagnostics.memory.heap-warning").hasMessageContaining("1.2");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().heapWarning(0.9).heapCritical(0.85).build())
                .hasMessageContaining("diagnostics.memory.heap-critical").hasMessageContaining("above heap-warning");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().sampleInterval(Duration.ofMillis(10)))
                .hasMessageContaining("diagnostics.memory.sample-interval");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().sampleInterval(Duration.ofMinutes(1))
                .trendWindow(Duration.ofMinutes(2)).build()).hasMessageContaining("diagnostics.memory.trend-window");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().gcOverheadWarning(0.5).build())
                .hasMessageContaining("diagnostics.memory.gc-overhead-critical");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().processWarning(0).build())
                .hasMessageContaining("diagnostics.memory.process-warning");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().heapDump(null, Duration.ofHours(1)))
                .hasMessageContaining("diagnostics.memory.heap-dump.directory");
        assertThatThrownBy(() -> MemoryWatchConfig.builder().propertyPrefix("quarkus.diagnostics.memory")
                .leakMinGrowth(-1)).hasMessageContaining("quarkus.diagnostics.memory.leak-min-growth");
    }
}
