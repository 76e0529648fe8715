package dev.diagnostics.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher in a real JVM with a 64 MB heap ({@link MemoryPressureProgram} in a forked {@code java}), under the JVM's
 * own collectors: the thresholds fire from real post-GC occupancy, and a steady leak is told from a steady state.
 */
class MemoryPressureForkTests {

    @ParameterizedTest
    @ValueSource(strings = { "-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:+UseParallelGC" })
    void retainingArraysRaisesWarnThenCriticalAndTheLeakIsSeen(String collector) throws Exception {
        List<String> output = run(collector, "leak");
        List<String> levels = output.stream().filter((line) -> line.startsWith("LEVEL ")).toList();
        assertThat(levels).as(String.join("\n", output)).isNotEmpty();
        int warn = indexOf(levels, "LEVEL WARN");
        int critical = indexOf(levels, "LEVEL CRITICAL");
        assertThat(warn).as(String.join("\n", output)).isNotNegative();
        assertThat(critical).as(String.join("\n", output)).isGreaterThan(warn);
        assertThat(levels.get(critical)).contains("memory.heap-critical");
        assertThat(output).as(String.join("\n", output)).anyMatch((line) -> line.startsWith("TREND leak=true"));
        assertThat(output).anyMatch((line) -> line.startsWith("DONE") && line.endsWith("level=CRITICAL"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-XX:+UseG1GC", "-XX:+UseSerialGC" })
    void steadyStateIsNeitherPressureNorALeak(String collector) throws Exception {
        List<String> output = run(collector, "steady");
        assertThat(output).as(String.join("\n", output)).contains("TREND leak=false fitted=true");
        assertThat(output).noneMatch((line) -> line.startsWith("LEVEL"));
        assertThat(output).anyMatch((line) -> line.startsWith("DONE") && line.endsWith("level=OK"));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> run(String collector, String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-Xms64m", collector, "-XX:MaxTenuringThreshold=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                MemoryPressureProgram.class.getName(), mode).redirectErrorStream(true);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The forked JVM did not finish: " + lines);
        }
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }
}
