package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;

class RequiredFilesCheckTests {

    private static final byte[] MODEL = "weights: 0.12 0.57 0.31\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private final AtomicInteger verifications = new AtomicInteger();

    /** Verifies on the probe's thread and counts the verifications. */
    private final Executor counting = (task) -> {
        this.verifications.incrementAndGet();
        task.run();
    };

    @Test
    void presentFileIsUpWithSizeAndModificationTime() throws Exception {
        Path model = write("model.bin", MODEL);
        Files.setLastModifiedTime(model, FileTime.from(Instant.parse("2026-03-01T10:00:00Z")));

        CheckResult result = check(RequiredFile.builder("model", model).minSize(1).build()).check();

        assertThat(result.status()).isEqualTo(Status.UP);
        assertThat(file(result)).containsEntry("exists", true).containsEntry("size", (long) MODEL.length)
                .containsEntry("modified", "2026-03-01T10:00:00Z").containsEntry("readable", true)
                .containsEntry("sha256", "not checked");
    }

    @Test
    void missingFileIsDownAndNamesItsProperty() throws Exception {
        CheckResult result = check(RequiredFile.builder("model", this.directory.resolve("absent.bin")).build())
                .check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("files.missing");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("file 'model'", "absent.bin", "does not exist");
        assertThat(result.diagnosis().orElseThrow().remedy()).contains("diagnostics.files.required.model.path");
    }

    @Test
    void fileChangedAfterItsChecksumWasRecordedIsDown() throws Exception {
        Path model = write("model.bin", MODEL);
        RequiredFilesCheck check = check(RequiredFile.builder("model", model).sha256(sha256(MODEL)).build());
        CheckResult intact = check.check();

        byte[] corrupted = MODEL.clone();
        corrupted[corrupted.length / 2] ^= 0x01;
        Files.write(model, corrupted);
        Files.setLastModifiedTime(model, FileTime.from(Instant.now().plusSeconds(5)));
        CheckResult changed = check.check();

        assertThat(intact.status()).isEqualTo(Status.UP);
        assertThat(file(intact)).containsEntry("sha256", "matches");
        assertThat(changed.status()).isEqualTo(Status.DOWN);
        assertThat(file(changed)).containsEntry("sha256", "does not match");
        assertThat(changed.diagnosis().orElseThrow().code()).isEqualTo("files.checksum-mismatch");
        assertThat(changed.diagnosis().orElseThrow().cause()).contains("no longer matches its recorded SHA-256");
        assertThat(changed.diagnosis().orElseThrow().remedy()).contains("sha256sum", "diagnostics.files.required.model"
                + ".sha256");
        assertThat(ResultText.of(changed)).doesNotContain(sha256(corrupted)).doesNotContain(sha256(MODEL));
    }

    @Test
    void contentIsReadAgainOnlyWhenSizeOrModificationTimeChange() throws Exception {
        Path model = write("model.bin", MODEL);
        RequiredFilesCheck check = check(RequiredFile.builder("model", model).sha256(sha256(MODEL)).build());

        check.check();
        check.check();
        check.check();
        assertThat(this.verifications).hasValue(1);

        Files.setLastModifiedTime(model, FileTime.from(Instant.now().plusSeconds(60)));
        check.check();
        assertThat(this.verifications).hasValue(2);
    }

    @Test
    void aVerificationStillRunningIsReportedAsUnknownThenItsOutcome() throws Exception {
        Path model = write("model.bin", MODEL);
        ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
        RequiredFilesCheck check = RequiredFilesCheck.builder()
                .file(RequiredFile.builder("model", model).sha256(sha256("other".getBytes())).build())
                .verifier(queued::add).checksumWait(Duration.ZERO).build();

        CheckResult pending = check.check();
        CheckResult stillPending = check.check();
        queued.forEach(Runnable::run);
        CheckResult done = check.check();

        assertThat(pending.status()).isEqualTo(Status.UNKNOWN);
        assertThat(file(pending)).containsEntry("sha256", "verifying").containsEntry("status", "UNKNOWN");
        assertThat(stillPending.status()).isEqualTo(Status.UNKNOWN);
        assertThat(queued).hasSize(1);
        assertThat(done.status()).isEqualTo(Status.DOWN);
        assertThat(done.diagnosis().orElseThrow().code()).isEqualTo("files.checksum-mismatch");
    }

    @Test
    void theDefaultVerifierRunsOffTheProbeThread() throws Exception {
        Path model = write("model.bin", MODEL);
        try (RequiredFilesCheck check = RequiredFilesCheck.builder()
                .file(RequiredFile.builder("model", model).sha256(sha256(MODEL)).build())
                .checksumWait(Duration.ofSeconds(10)).build()) {
            assertThat(check.check().status()).isEqualTo(Status.UP);
        }
    }

    @Test
    void sizeOutsideItsBoundsIsDown() throws Exception {
        Path empty = write("empty.bin", new byte[0]);
        Path big = write("big.bin", MODEL);

        CheckResult result = RequiredFilesCheck.builder()
                .file(RequiredFile.builder("empty", empty).minSize(1).build())
                .file(RequiredFile.builder("big", big).maxSize(100).build())
                .verifier(this.counting).build().check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("files.too-small");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("file 'empty'", "0 bytes", "(empty)",
                "file 'big'", "above its maximum of 100");
    }

    @Test
    void directoryIsNotAFile() throws Exception {
        CheckResult result = check(RequiredFile.builder("models", this.directory).build()).check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("files.not-a-file");
        assertThat(result.diagnosis().orElseThrow().cause()).contains("but a directory");
    }

    @Test
    void badSettingsAreRejectedByProperty() throws Exception {
        Path path = this.directory.resolve("m");
        assertThatThrownBy(() -> RequiredFile.builder("model", path).sha256("abc"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration 'diagnostics.files.required.model.sha256'");
        assertThatThrownBy(() -> RequiredFile.builder("model", path).minSize(10).maxSize(5).build())
                .hasMessageStartingWith("Invalid configuration 'diagnostics.files.required.model.min-size'");
        assertThatThrownBy(() -> RequiredFile.builder("model", path).minSize(-1))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.files.required.model.min-size'");
        assertThatThrownBy(() -> RequiredFile.builder("model", null))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.files.required.model.path'");
        assertThatThrownBy(() -> RequiredFilesCheck.builder().build())
                .hasMessageStartingWith("Invalid configuration 'diagnostics.files.required'");
        assertThat(RequiredFile.builder("model", path).sha256(sha256(MODEL).toUpperCase()).build().sha256())
                .isEqualTo(sha256(MODEL));
    }

    private RequiredFilesCheck check(RequiredFile file) {
        return RequiredFilesCheck.builder().file(file).verifier(this.counting).build();
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(this.directory.resolve(name), content);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file(CheckResult result) {
        return ((List<Map<String, Object>>) result.details().get("files")).get(0);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
