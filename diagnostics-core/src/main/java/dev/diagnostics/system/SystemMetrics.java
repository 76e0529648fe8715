package dev.diagnostics.system;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.diagnostics.metrics.MeterNames;

/**
 * Meters of the system checks, each bound only for the checks given: {@code diagnostics.disk.free} and
 * {@code diagnostics.disk.total} per disk path, {@code diagnostics.tls.days.left} per certificate source or endpoint,
 * {@code diagnostics.tcp.connect} per target, {@code diagnostics.cpu.load}. Tags are the configured paths and names,
 * so their number is fixed by configuration.
 */
public final class SystemMetrics {

    private SystemMetrics() {
    }

    /** Free and total bytes of each path's file store, read when scraped (one {@code statvfs} each). */
    public static MeterBinder diskSpace(DiskSpaceCheck check) {
        return (registry) -> {
            for (Path path : check.config().paths()) {
                Gauge.builder(MeterNames.DISK_FREE, () -> bytes(check, path, false)).tag("path", path.toString())
                        .baseUnit(BaseUnits.BYTES).description("Usable space of the file store holding the path")
                        .register(registry);
                Gauge.builder(MeterNames.DISK_TOTAL, () -> bytes(check, path, true)).tag("path", path.toString())
                        .baseUnit(BaseUnits.BYTES).description("Size of the file store holding the path")
                        .register(registry);
            }
        };
    }

    /** Days left of each source and endpoint at the check's last run. */
    public static MeterBinder tls(TlsCheck check) {
        return (registry) -> {
            for (String name : check.names()) {
                Gauge.builder(MeterNames.TLS_DAYS_LEFT, check, (tls) -> tls.daysLeft(name)).tag("source", name)
                        .description("Days until the first certificate of the source expires").register(registry);
            }
        };
    }

    /** Connect time of each target that connected. */
    public static MeterBinder tcp(TcpCheck check) {
        return (registry) -> {
            for (TcpTarget target : check.config().targets()) {
                Timer.builder(MeterNames.TCP_CONNECT).tag("target", target.name())
                        .description("TCP connect time of the tcp check").register(registry);
            }
            check.onConnect((target, nanos) -> Timer.builder(MeterNames.TCP_CONNECT).tag("target", target.name())
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS));
        };
    }

    /** The process CPU load over the check's last window. */
    public static MeterBinder cpu(HotThreadsCheck check) {
        return (MeterRegistry registry) -> Gauge.builder(MeterNames.CPU_LOAD, check, HotThreadsCheck::processCpuLoad)
                .description("Process CPU load over the cpu check's last window, as a share of all processors")
                .register(registry);
    }

    private static double bytes(DiskSpaceCheck check, Path path, boolean total) {
        FileStoreUsage.Usage usage = check.usage(path);
        return (usage == null) ? Double.NaN : total ? usage.totalBytes() : usage.usableBytes();
    }
}
