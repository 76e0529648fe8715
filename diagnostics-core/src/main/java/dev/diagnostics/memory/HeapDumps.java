package dev.diagnostics.memory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Writes heap dumps for the watcher, rate-limited, into one configured directory, never over an existing file and
 * never through a symbolic link: the directory must be a real directory (not a link), and each dump goes to a new
 * file name ({@code heap-<pid>-<UTC time>.hprof}) that must not exist, not even as a dangling link (HotSpot itself
 * refuses an existing file). A dump is skipped when the directory's file system has less free space than the heap in
 * use. The dump runs on its own short-lived thread: it stops the JVM for seconds, and must not hold up the timer.
 *
 * <p>A heap dump contains every secret the process holds. This class never serves one; it logs where it wrote it.
 */
final class HeapDumps {

    private static final Logger logger = LoggerFactory.getLogger(HeapDumps.class);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path directory;

    private final long minIntervalNanos;

    private final HeapDumper dumper;

    private final AtomicLong written = new AtomicLong();

    private long lastAttemptNanos;

    private boolean attempted;

    private volatile String lastFile;

    HeapDumps(Path directory, Duration minInterval, HeapDumper dumper) {
        this.directory = directory;
        this.minIntervalNanos = minInterval.toNanos();
        this.dumper = dumper;
    }

    /** Checks the directory at start: it must exist, be a directory and not be a symbolic link. */
    static void validate(Path directory, String property) {
        if (Files.isSymbolicLink(directory)) {
            throw new InvalidConfigurationException(property, "must not be a symbolic link, was " + directory);
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidConfigurationException(property, "must be an existing directory, was " + directory);
        }
    }

    /**
     * Starts a heap dump unless one was attempted within the minimum interval.
     *
     * @return whether a dump was started
     */
    synchronized boolean dumpIfDue(long nowNanos, Instant now, long heapUsed) {
        if (this.dumper == null) {
            logger.warn("Memory is critical but this JVM cannot write heap dumps (no HotSpot diagnostic MXBean)");
            return false;
        }
        if (this.attempted && nowNanos - this.lastAttemptNanos < this.minIntervalNanos) {
            return false;
        }
        this.attempted = true;
        this.lastAttemptNanos = nowNanos;
        Path file = target(now, heapUsed);
        if (file == null) {
            return false;
        }
        Thread thread = new Thread(() -> write(file), "diagnostics-heap-dump");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** The file to write, or {@code null} (logged) when the directory is unusable. */
    Path target(Instant now, long heapUsed) {
        try {
            validate(this.directory, "heap dump directory");
            FileStore store = Files.getFileStore(this.directory);
            if (heapUsed > 0 && store.getUsableSpace() < heapUsed) {
                logger.warn("Memory is critical, but no heap dump was written: {} has {} free, the heap uses {}",
                        this.directory, MemoryText.bytes(store.getUsableSpace()), MemoryText.bytes(heapUsed));
                return null;
            }
            String base = "heap-" + ProcessHandle.current().pid() + "-" + STAMP.format(now);
            for (int i = 0; i < 100; i++) {
                Path file = this.directory.resolve(base + ((i == 0) ? "" : "-" + i) + ".hprof");
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    return file;
                }
            }
            logger.warn("Memory is critical, but no heap dump was written: too many dumps named {} in {}", base,
                    this.directory);
            return null;
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Memory is critical, but no heap dump was written: {}", ex.toString());
            return null;
        }
    }

    void write(Path file) {
        try {
            this.dumper.dumpLiveObjects(file.toString());
            this.written.incrementAndGet();
            this.lastFile = file.getFileName().toString();
            logger.warn("Memory is critical: wrote a heap dump of live objects to {}. It contains every secret the"
                    + " process held; keep it private and delete it after analysis.", file);
        }
        catch (IOException | RuntimeException ex) {
            logger.warn("Memory is critical, but writing a heap dump to {} failed: {}", file, ex.toString());
        }
    }

    long written() {
        return this.written.get();
    }

    /** The file name of the last dump written, or {@code null}. */
    String lastFile() {
        return this.lastFile;
    }
}
