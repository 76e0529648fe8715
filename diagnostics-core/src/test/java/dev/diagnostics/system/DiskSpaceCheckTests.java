package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;
import dev.diagnostics.metrics.MeterNames;

/** Thresholds against a fake file store; one run against the real store of a temporary directory. */
class DiskSpaceCheckTests {

    private static final long MB = 1024L * 1024;

    private static final long GB = 1024 * MB;

    private static final Path DATA = Path.of("/var/lib/app");

    private final Map<Path, FileStoreUsage.Usage> stores = new HashMap<>();

    private final FileStoreUsage fake = (path) -> {
        FileStoreUsage.Usage usage = this.stores.get(path);
        if (usage == null) {
            throw new NoSuchFileException(path.toString());
        }
        return usage;
    };

    private final DiskSpaceCheck check = new DiskSpaceCheck(DiskSpaceConfig.builder().paths(List.of(DATA)).build(),
            this.fake);

    @Test
    void plentyOfSpaceIsUp() {
        free(100 * GB, 40 * GB);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(path(result)).containsEntry("store", "/dev/sda1").containsEntry("total", 100 * GB)
                .containsEntry("free", 40 * GB).containsEntry("freePercent", 40.0);
    }

    @Test
    void belowBothWarningThresholdsIsDegraded() {
        free(20 * GB, 800 * MB);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("disk.low");
        assertThat(result.diagnosis().orElseThrow().cause())
                .isEqualTo("Only 800 MB (3.9%) free of 20 GB on the store of /var/lib/app (/dev/sda1); DEGRADED below"
                        + " 1.0 GB and 10% free");
    }

    @Test
    void belowBothCriticalThresholdsIsDown() {
        free(20 * GB, 50 * MB);

        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("disk.full");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("Only 50 MB (0.2%) free", "DOWN below 100 MB and"
                + " 2% free");
        assertThat(result.diagnosis().orElseThrow().remedy()).contains("du -xh");
    }

    @Test
    void aLargeDiskIsNotFlaggedForALowPercentageThatIsStillManyGigabytes() {
        free(10_000 * GB, 150 * GB);

        assertThat(this.check.check().status()).isEqualTo(Status.UP);
    }

    @Test
    void aSmallVolumeIsNotFlaggedForFewMegabytesThatAreMostOfIt() {
        free(256 * MB, 200 * MB);

        assertThat(this.check.check().status()).isEqualTo(Status.UP);
    }

    @Test
    void aZeroThresholdLeavesTheOtherOneToDecide() {
        DiskSpaceCheck percentOnly = new DiskSpaceCheck(DiskSpaceConfig.builder().paths(List.of(DATA))
                .warningFree(0).criticalFree(0).build(), this.fake);
        free(10_000 * GB, 500 * GB);

        CheckResult result = percentOnly.check();

        assertThat(result.status()).isEqualTo(Status.DEGRADED);
        assertThat(result.diagnosis().orElseThrow().cause()).endsWith("DEGRADED below 10% free");
    }

    @Test
    void missingPathIsDown() {
        CheckResult result = this.check.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("disk.unreadable");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("/var/lib/app does not exist");
    }

    @Test
    void theWorstPathDecides() {
        Path logs = Path.of("/var/log");
        this.stores.put(logs, new FileStoreUsage.Usage("/dev/sdb1", 20 * GB, 10 * MB));
        free(100 * GB, 40 * GB);
        DiskSpaceCheck two = new DiskSpaceCheck(DiskSpaceConfig.builder().paths(List.of(DATA, logs)).build(),
                this.fake);

        CheckResult result = two.check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().cause()).contains("/var/log").doesNotContain("/var/lib/app");
    }

    @Test
    void pathsOnOneStoreAreReportedOnce() {
        Path tmp = Path.of("/tmp");
        free(20 * GB, 800 * MB);
        this.stores.put(tmp, new FileStoreUsage.Usage("/dev/sda1", 20 * GB, 800 * MB));
        DiskSpaceCheck two = new DiskSpaceCheck(DiskSpaceConfig.builder().paths(List.of(DATA, tmp)).build(),
                this.fake);

        CheckResult result = two.check();

        assertThat(result.diagnosis().orElseThrow().cause()).containsOnlyOnce("/dev/sda1");
        assertThat((List<?>) result.details().get("paths")).hasSize(2);
    }

    @Test
    void realStoreOfATemporaryDirectoryIsRead(@TempDir Path directory) {
        DiskSpaceCheck real = new DiskSpaceCheck(DiskSpaceConfig.builder().paths(List.of(directory))
                .warningFree(0).warningFreePercent(0).criticalFree(0).criticalFreePercent(0).build());

        CheckResult result = real.check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(((Number) path(result).get("total")).longValue()).isPositive();
    }

    @Test
    void metersReadTheStore() {
        free(100 * GB, 40 * GB);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        SystemMetrics.diskSpace(this.check).bindTo(registry);

        assertThat(registry.get(MeterNames.DISK_FREE).tag("path", DATA.toString()).gauge().value())
                .isEqualTo(40.0 * GB);
        assertThat(registry.get(MeterNames.DISK_TOTAL).tag("path", DATA.toString()).gauge().value())
                .isEqualTo(100.0 * GB);
    }

    @Test
    void badSettingsAreRejectedByProperty() {
        assertThatThrownBy(() -> DiskSpaceConfig.builder().warningFreePercent(100))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'diagnostics.disk-space.warning-free-percent'");
        assertThatThrownBy(() -> DiskSpaceConfig.builder().criticalFree(-1))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.disk-space.critical-free'");
        assertThatThrownBy(() -> DiskSpaceConfig.builder().warningFree(MB).criticalFree(GB).build())
                .hasMessageStartingWith("Invalid configuration 'diagnostics.disk-space.critical-free'");
        assertThatThrownBy(() -> DiskSpaceConfig.builder().paths(List.of()))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.disk-space.paths'");
        assertThat(DiskSpaceConfig.defaults().paths()).contains(
                Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
    }

    private void free(long total, long free) {
        this.stores.put(DATA, new FileStoreUsage.Usage("/dev/sda1", total, free));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(CheckResult result) {
        return ((List<Map<String, Object>>) result.details().get("paths")).get(0);
    }
}
