package dev.diagnostics.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** /proc and cgroup files from fixture directories, and the real ones on Linux. */
class LinuxProcessMemoryTests {

    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            VmPeak:\t 5123456 kB
            VmSize:\t 5023456 kB
            VmHWM:\t  412345 kB
            VmRSS:\t  401234 kB
            RssAnon:\t  380000 kB
            Threads:\t42
            """;

    @TempDir
    Path root;

    @Test
    void cgroupV2LimitIsTheSmallestOnThePathToTheRoot() throws IOException {
        Path proc = proc("0::/kubepods/pod1/app\n");
        Path cgroup = this.root.resolve("cgroup");
        write(cgroup.resolve("cgroup.controllers"), "cpu memory\n");
        write(cgroup.resolve("memory.max"), "max\n");
        write(cgroup.resolve("kubepods/pod1/memory.max"), "536870912\n");
        write(cgroup.resolve("kubepods/pod1/app/memory.max"), "max\n");
        write(cgroup.resolve("kubepods/pod1/app/memory.current"), "450000000\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.source()).isEqualTo("cgroup v2");
            assertThat(memory.rssBytes()).isEqualTo(401234L * 1024);
            assertThat(memory.limitBytes()).isEqualTo(536870912L);
            assertThat(memory.cgroupUsageBytes()).isEqualTo(450000000L);
        }
    }

    @Test
    void insideAContainerTheMountRootIsTheContainersCgroup() throws IOException {
        Path proc = proc("0::/\n");
        Path cgroup = this.root.resolve("cgroup");
        write(cgroup.resolve("cgroup.controllers"), "memory\n");
        write(cgroup.resolve("memory.max"), "1073741824\n");
        write(cgroup.resolve("memory.current"), "123\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.limitBytes()).isEqualTo(1073741824L);
            assertThat(memory.cgroupUsageBytes()).isEqualTo(123L);
        }
    }

    @Test
    void cgroupV2WithoutALimitReportsNone() throws IOException {
        Path proc = proc("0::/user.slice\n");
        Path cgroup = this.root.resolve("cgroup");
        write(cgroup.resolve("cgroup.controllers"), "memory\n");
        write(cgroup.resolve("user.slice/memory.max"), "max\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.limitBytes()).isEqualTo(-1);
            assertThat(memory.rssBytes()).isPositive();
        }
    }

    @Test
    void cgroupV1LimitAndItsUnlimitedValue() throws IOException {
        Path proc = proc("12:cpu,cpuacct:/docker/abc\n11:memory:/docker/abc\n0::/\n");
        Path cgroup = this.root.resolve("cgroup");
        // The container sees its own cgroup at the mount root; the host path from /proc/self/cgroup is absent.
        write(cgroup.resolve("memory/memory.limit_in_bytes"), "268435456\n");
        write(cgroup.resolve("memory/memory.usage_in_bytes"), "200000000\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.source()).isEqualTo("cgroup v1");
            assertThat(memory.limitBytes()).isEqualTo(268435456L);
            assertThat(memory.cgroupUsageBytes()).isEqualTo(200000000L);
        }
        write(cgroup.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.limitBytes()).isEqualTo(-1);
        }
    }

    @Test
    void refreshReadsChangedFilesAgain() throws IOException {
        Path proc = proc("0::/\n");
        Path cgroup = this.root.resolve("cgroup");
        write(cgroup.resolve("cgroup.controllers"), "memory\n");
        write(cgroup.resolve("memory.max"), "2000000\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.limitBytes()).isEqualTo(2000000L);
            Files.writeString(cgroup.resolve("memory.max"), "1000000\n");
            Files.writeString(proc.resolve("self/status"), STATUS.replace("401234", "7"));
            memory.refresh();
            assertThat(memory.limitBytes()).isEqualTo(1000000L);
            assertThat(memory.rssBytes()).isEqualTo(7 * 1024L);
        }
    }

    @Test
    void withoutProcOrCgroupEverythingIsUnknownAndNothingThrows() {
        try (ProcessMemory memory = ProcessMemory.linux(this.root.resolve("no-proc"), this.root.resolve("no-cg"))) {
            memory.refresh();
            assertThat(memory.source()).isEqualTo("unavailable");
            assertThat(memory.rssBytes()).isEqualTo(-1);
            assertThat(memory.limitBytes()).isEqualTo(-1);
            assertThat(memory.cgroupUsageBytes()).isEqualTo(-1);
        }
    }

    @Test
    void garbageInTheFilesIsUnknownNotAnError() throws IOException {
        Path proc = this.root.resolve("proc");
        write(proc.resolve("self/status"), "Name:\tjava\nVmRSS:\tlots\n");
        write(proc.resolve("self/cgroup"), "nonsense\n");
        Path cgroup = this.root.resolve("cgroup");
        write(cgroup.resolve("cgroup.controllers"), "memory\n");
        write(cgroup.resolve("memory.max"), "\n");
        try (ProcessMemory memory = ProcessMemory.linux(proc, cgroup)) {
            memory.refresh();
            assertThat(memory.rssBytes()).isEqualTo(-1);
            assertThat(memory.limitBytes()).isEqualTo(-1);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessOnLinux() {
        try (ProcessMemory memory = ProcessMemory.system()) {
            memory.refresh();
            long first = memory.rssBytes();
            assertThat(first).isGreaterThan(10L * 1024 * 1024);
            // Rereading from offset 0 regenerates the procfs file: the value stays plausible on every read.
            for (int i = 0; i < 3; i++) {
                memory.refresh();
                assertThat(memory.rssBytes()).isBetween(first / 2, first * 4);
            }
        }
    }

    private Path proc(String cgroupLines) throws IOException {
        Path proc = this.root.resolve("proc");
        write(proc.resolve("self/status"), STATUS);
        write(proc.resolve("self/cgroup"), cgroupLines);
        return proc;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
