package dev.diagnostics.system;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.system.internal.ByteSizes;

/**
 * The {@value #NAME} check: free space of the file store of each configured path against an absolute and a
 * percentage threshold ({@link DiskSpaceConfig}): DEGRADED ({@code disk.low}) below the warning level, DOWN
 * ({@code disk.full}) below the critical level, DOWN ({@code disk.unreadable}) when a path does not exist or its store
 * cannot be read. Each path's store, total and free space are in the details.
 *
 * <p>Reading a store is one {@code statvfs} call; the store is reached through {@link FileStoreUsage}, which tests
 * replace. Thread-safe.
 */
public final class DiskSpaceCheck implements HealthCheck {

    /** The check's name, the same as Spring Boot's indicator it replaces. */
    public static final String NAME = "diskSpace";

    private final DiskSpaceConfig config;

    private final FileStoreUsage stores;

    public DiskSpaceCheck(DiskSpaceConfig config) {
        this(config, FileStoreUsage.system());
    }

    public DiskSpaceCheck(DiskSpaceConfig config, FileStoreUsage stores) {
        this.config = Objects.requireNonNull(config, "config");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** A registration named {@value #NAME} in the readiness group: an instance that cannot write should not serve. */
    public static CheckRegistration.Builder registration(DiskSpaceCheck check) {
        return CheckRegistration.builder(NAME, check).groups(HealthGroups.READINESS);
    }

    public DiskSpaceConfig config() {
        return this.config;
    }

    /** The current usage of the store holding the path; {@code null} when it cannot be read. For meters. */
    public FileStoreUsage.Usage usage(Path path) {
        try {
            return this.stores.read(path);
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    @Override
    public CheckResult check() {
        Status worst = Status.UP;
        List<Map<String, Object>> paths = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        java.util.Set<String> reportedStores = new java.util.HashSet<>();
        String code = null;
        for (Path path : this.config.paths()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("path", path.toString());
            Status status;
            try {
                FileStoreUsage.Usage usage = this.stores.read(path);
                detail.put("store", usage.store());
                detail.put("total", usage.totalBytes());
                detail.put("free", usage.usableBytes());
                detail.put("freePercent", round(usage.usableRatio() * 100));
                status = statusOf(usage);
                // Paths on one store show the same numbers: say it once.
                if (status != Status.UP && reportedStores.add(usage.store())) {
                    problems.add("only " + ByteSizes.format(usage.usableBytes()) + " ("
                            + format(usage.usableRatio() * 100) + "%) free of " + ByteSizes.format(usage.totalBytes())
                            + " on the store of " + path + " (" + usage.store() + ")");
                }
            }
            catch (IOException | RuntimeException ex) {
                status = Status.DOWN;
                String problem = (ex instanceof NoSuchFileException) ? "does not exist"
                        : "cannot be read: " + Redaction.describe(ex);
                detail.put("error", problem);
                problems.add(path + " " + problem);
                code = "disk.unreadable";
            }
            detail.put("status", status.name());
            paths.add(detail);
            worst = Status.worst(worst, status);
        }
        CheckResult.Builder result = CheckResult.status(worst)
                .detail("paths", paths)
                .detail("thresholds", thresholds());
        if (worst == Status.UP) {
            return result.build();
        }
        if (code == null) {
            code = (worst == Status.DOWN) ? "disk.full" : "disk.low";
        }
        String cause = capitalize(String.join("; ", problems)) + ((code.equals("disk.unreadable")) ? ""
                : "; " + ((worst == Status.DOWN) ? "DOWN below " + level(this.config.criticalFree(),
                        this.config.criticalFreePercent()) : "DEGRADED below " + level(this.config.warningFree(),
                                this.config.warningFreePercent())));
        String remedy = code.equals("disk.unreadable")
                ? "Create or mount the path, or correct diagnostics.disk-space.paths."
                : "Free space: find what grows with 'du -xh <path> | sort -h | tail' (logs without rotation, heap"
                        + " dumps, temporary files, uploads, caches) and delete or rotate it, or grow the volume."
                        + ((worst == Status.DOWN) ? " Writes are about to fail (logs, uploads, temporary files)." : "");
        return result.diagnosis(code, cause, remedy).build();
    }

    private Status statusOf(FileStoreUsage.Usage usage) {
        if (below(usage, this.config.criticalFree(), this.config.criticalFreePercent())) {
            return Status.DOWN;
        }
        if (below(usage, this.config.warningFree(), this.config.warningFreePercent())) {
            return Status.DEGRADED;
        }
        return Status.UP;
    }

    private static boolean below(FileStoreUsage.Usage usage, long bytes, double percent) {
        if (bytes == 0 && percent == 0) {
            return false;
        }
        boolean belowBytes = bytes == 0 || usage.usableBytes() < bytes;
        boolean belowPercent = percent == 0 || usage.usableRatio() * 100 < percent;
        return belowBytes && belowPercent;
    }

    private Map<String, Object> thresholds() {
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("warningFree", this.config.warningFree());
        thresholds.put("warningFreePercent", this.config.warningFreePercent());
        thresholds.put("criticalFree", this.config.criticalFree());
        thresholds.put("criticalFreePercent", this.config.criticalFreePercent());
        return thresholds;
    }

    private static String level(long bytes, double percent) {
        if (bytes == 0) {
            return format(percent) + "% free";
        }
        if (percent == 0) {
            return ByteSizes.format(bytes) + " free";
        }
        return ByteSizes.format(bytes) + " and " + format(percent) + "% free";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String format(double percent) {
        double rounded = round(percent);
        return (rounded == Math.rint(rounded)) ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
