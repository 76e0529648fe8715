package dev.diagnostics.memory;

import java.nio.file.Path;

/**
 * The process's memory as the operating system sees it: resident set size and the container's memory limit. Read by
 * the {@link MemoryWatcher} on its tick (never per request), by one thread at a time.
 *
 * <p>{@link #system()} reads Linux's {@code /proc/self/status} and the process's cgroup (v2 {@code memory.max} and
 * {@code memory.current}, v1 {@code memory.limit_in_bytes} and {@code memory.usage_in_bytes}); where those do not
 * exist (macOS, Windows, a locked-down container) every figure is {@code -1} and the watcher reports what the JVM
 * says. Nothing here throws.
 */
public interface ProcessMemory extends AutoCloseable {

    /** Reads the figures again. Never throws; a figure that cannot be read becomes {@code -1}. */
    void refresh();

    /** Resident set size in bytes, from the last {@link #refresh()}; {@code -1} when unknown. */
    long rssBytes();

    /** The container's memory limit in bytes; {@code -1} when there is none or it is unknown. */
    long limitBytes();

    /** The cgroup's own memory use in bytes (page cache included); {@code -1} when unknown. */
    long cgroupUsageBytes();

    /** Where the figures come from: {@code cgroup v2}, {@code cgroup v1}, {@code proc} or {@code unavailable}. */
    String source();

    /** Releases open files. */
    @Override
    void close();

    /** This process on this machine: {@code /proc} and {@code /sys/fs/cgroup}. */
    static ProcessMemory system() {
        return LinuxProcessMemory.open(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /**
     * The same files under other roots, for tests: {@code procRoot/self/status}, {@code procRoot/self/cgroup} and
     * the cgroup files under {@code cgroupRoot}.
     */
    static ProcessMemory linux(Path procRoot, Path cgroupRoot) {
        return LinuxProcessMemory.open(procRoot, cgroupRoot);
    }

    /** Knows nothing: for platforms without {@code /proc}. */
    static ProcessMemory unavailable() {
        return LinuxProcessMemory.UNAVAILABLE;
    }
}
