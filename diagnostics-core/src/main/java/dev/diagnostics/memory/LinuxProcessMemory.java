package dev.diagnostics.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code /proc/self/status} and the cgroup memory files through channels opened once, into one reused direct
 * buffer: a refresh makes a few positional reads (procfs and cgroupfs regenerate a file read from offset 0) and
 * allocates nothing.
 *
 * <p>The cgroup is found from {@code /proc/self/cgroup}. A limit can be set on any ancestor, so every
 * {@code memory.max} (v2) or {@code memory.limit_in_bytes} (v1) from the process's cgroup up to the root of the mount
 * is read and the smallest wins. Inside a container the mount's root is the container's own cgroup (the paths in
 * {@code /proc/self/cgroup} may not exist there; then the root's files are used). {@code max} and v1's "unlimited"
 * (a number near 2^63) mean no limit.
 */
final class LinuxProcessMemory implements ProcessMemory {

    private static final Logger logger = LoggerFactory.getLogger(LinuxProcessMemory.class);

    static final LinuxProcessMemory UNAVAILABLE = new LinuxProcessMemory(null, List.of(), null, "unavailable");

    /** Limits at or above this are "unlimited" (v1 reports 9223372036854771712). */
    private static final long UNLIMITED = 1L << 60;

    private static final byte[] VM_RSS = "VmRSS:".getBytes(StandardCharsets.US_ASCII);

    private final FileChannel status;

    private final List<FileChannel> limits;

    private final FileChannel usage;

    private final String source;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(8192);

    private volatile long rss = -1;

    private volatile long limit = -1;

    private volatile long cgroupUsage = -1;

    private LinuxProcessMemory(FileChannel status, List<FileChannel> limits, FileChannel usage, String source) {
        this.status = status;
        this.limits = limits;
        this.usage = usage;
        this.source = source;
    }

    static ProcessMemory open(Path procRoot, Path cgroupRoot) {
        FileChannel status = channel(procRoot.resolve("self").resolve("status"));
        List<FileChannel> limits = new ArrayList<>();
        FileChannel usage = null;
        String source = (status != null) ? "proc" : "unavailable";
        try {
            Path cgroupFile = procRoot.resolve("self").resolve("cgroup");
            List<String> lines = Files.isRegularFile(cgroupFile) ? Files.readAllLines(cgroupFile) : List.of();
            if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
                String path = cgroupPath(lines, true);
                for (Path dir : ancestors(cgroupRoot, path)) {
                    addIfPresent(limits, dir.resolve("memory.max"));
                    if (usage == null) {
                        usage = channel(dir.resolve("memory.current"));
                    }
                }
                source = "cgroup v2";
            }
            else if (Files.isDirectory(cgroupRoot.resolve("memory"))) {
                Path memoryRoot = cgroupRoot.resolve("memory");
                String path = cgroupPath(lines, false);
                for (Path dir : ancestors(memoryRoot, path)) {
                    addIfPresent(limits, dir.resolve("memory.limit_in_bytes"));
                    if (usage == null) {
                        usage = channel(dir.resolve("memory.usage_in_bytes"));
                    }
                }
                source = "cgroup v1";
            }
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Could not find this process's cgroup; no container limit is known", ex);
        }
        if (status == null && limits.isEmpty() && usage == null) {
            return UNAVAILABLE;
        }
        return new LinuxProcessMemory(status, List.copyOf(limits), usage, source);
    }

    /** The process's cgroup path: the v2 line {@code 0::/path}, or the v1 line whose controllers include memory. */
    static String cgroupPath(List<String> lines, boolean v2) {
        for (String line : lines) {
            int first = line.indexOf(':');
            int second = (first >= 0) ? line.indexOf(':', first + 1) : -1;
            if (second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            boolean match = v2 ? (controllers.isEmpty() && line.startsWith("0:"))
                    : List.of(controllers.split(",")).contains("memory");
            if (match) {
                return line.substring(second + 1);
            }
        }
        return "/";
    }

    /** The process's cgroup directory and each parent up to the root, deepest first; only those that exist. */
    private static List<Path> ancestors(Path root, String cgroupPath) {
        List<Path> dirs = new ArrayList<>();
        Path normalizedRoot = root.normalize();
        Path dir = normalizedRoot;
        for (String segment : cgroupPath.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
                dir = dir.resolve(segment);
            }
        }
        while (dir != null && dir.startsWith(normalizedRoot)) {
            if (Files.isDirectory(dir)) {
                dirs.add(dir);
            }
            dir = dir.equals(normalizedRoot) ? null : dir.getParent();
        }
        return dirs;
    }

    private static void addIfPresent(List<FileChannel> channels, Path file) {
        FileChannel channel = channel(file);
        if (channel != null) {
            channels.add(channel);
        }
    }

    private static FileChannel channel(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? FileChannel.open(file, StandardOpenOption.READ) : null;
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Cannot read {}", file, ex);
            return null;
        }
    }

    @Override
    public synchronized void refresh() {
        if (this.status != null) {
            this.rss = read(this.status) ? kilobytesAfter(VM_RSS) : -1;
        }
        long smallest = -1;
        for (FileChannel channel : this.limits) {
            if (read(channel)) {
                long value = leadingNumber();
                if (value > 0 && value < UNLIMITED && (smallest < 0 || value < smallest)) {
                    smallest = value;
                }
            }
        }
        this.limit = smallest;
        if (this.usage != null) {
            this.cgroupUsage = read(this.usage) ? leadingNumber() : -1;
        }
    }

    /** Reads the whole file from offset 0 into the buffer, flipped. */
    private boolean read(FileChannel channel) {
        this.buffer.clear();
        try {
            long position = 0;
            int n;
            while (this.buffer.hasRemaining() && (n = channel.read(this.buffer, position)) > 0) {
                position += n;
            }
            this.buffer.flip();
            return true;
        }
        catch (IOException | RuntimeException ex) {
            this.buffer.clear().flip();
            return false;
        }
    }

    /** The number after {@code key} (a /proc/self/status line, in kB), in bytes; -1 when absent. */
    private long kilobytesAfter(byte[] key) {
        int limit = this.buffer.limit();
        outer:
        for (int i = 0; i + key.length <= limit; i++) {
            if (i > 0 && this.buffer.get(i - 1) != '\n') {
                continue;
            }
            for (int k = 0; k < key.length; k++) {
                if (this.buffer.get(i + k) != key[k]) {
                    continue outer;
                }
            }
            long value = number(i + key.length);
            return (value >= 0) ? value * 1024 : -1;
        }
        return -1;
    }

    /** The number at the start of the buffer (a cgroup file); -1 for "max" or anything else. */
    private long leadingNumber() {
        return number(0);
    }

    private long number(int from) {
        int limit = this.buffer.limit();
        int i = from;
        while (i < limit && (this.buffer.get(i) == ' ' || this.buffer.get(i) == '\t')) {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < limit) {
            byte b = this.buffer.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + (b - '0');
            digits++;
            i++;
        }
        return (digits > 0) ? value : -1;
    }

    @Override
    public long rssBytes() {
        return this.rss;
    }

    @Override
    public long limitBytes() {
        return this.limit;
    }

    @Override
    public long cgroupUsageBytes() {
        return this.cgroupUsage;
    }

    @Override
    public String source() {
        return this.source;
    }

    @Override
    public synchronized void close() {
        closeQuietly(this.status);
        this.limits.forEach(LinuxProcessMemory::closeQuietly);
        closeQuietly(this.usage);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                logger.debug("Closing a /proc or cgroup file failed", ex);
            }
        }
    }
}
