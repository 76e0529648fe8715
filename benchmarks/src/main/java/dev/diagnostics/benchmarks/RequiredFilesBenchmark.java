package dev.diagnostics.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.diagnostics.CheckResult;
import dev.diagnostics.Status;
import dev.diagnostics.system.RequiredFile;
import dev.diagnostics.system.RequiredFilesCheck;

/**
 * A probe of the {@code files} check on an unchanged {@value #SIZE_MB} MB "model" with a recorded SHA-256: the check
 * reads the file's attributes and reuses the verification it made when the size or modification time last changed.
 * Baseline: hashing the file on every probe, what a check without that reuse costs (one 64 KB buffer, streamed, as the
 * check's own background verification does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RequiredFilesBenchmark {

    static final int SIZE_MB = 16;

    private Path directory;

    private Path model;

    private String sha256;

    private RequiredFilesCheck check;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        this.directory = Files.createTempDirectory("diagnostics-files-bench");
        byte[] content = new byte[SIZE_MB * 1024 * 1024];
        new Random(42).nextBytes(content);
        this.model = Files.write(this.directory.resolve("model.bin"), content);
        this.sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        this.check = RequiredFilesCheck.builder()
                .file(RequiredFile.builder("model", this.model).sha256(this.sha256).build())
                .checksumWait(Duration.ofSeconds(30))
                .build();
        requireVerified(this.check.check());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            requireVerified(this.check.check());
        }
        finally {
            this.check.close();
            Files.deleteIfExists(this.model);
            Files.deleteIfExists(this.directory);
        }
    }

    /** Measured: one probe of the unchanged file. */
    @Benchmark
    public CheckResult probe() {
        return this.check.check();
    }

    /** Baseline: hashing the whole file, as a probe without reuse would. */
    @Benchmark
    public boolean hashEveryProbe() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (FileChannel channel = FileChannel.open(this.model, StandardOpenOption.READ)) {
            while (channel.read(this.buffer) >= 0) {
                this.buffer.flip();
                digest.update(this.buffer);
                this.buffer.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest()).equals(this.sha256);
    }

    static CheckResult requireVerified(CheckResult result) {
        if (result.status() != Status.UP) {
            throw new IllegalStateException("The files check is " + result.status() + ", not UP: " + result);
        }
        return result;
    }
}
