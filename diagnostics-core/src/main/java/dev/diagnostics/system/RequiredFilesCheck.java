package dev.diagnostics.system;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.system.internal.Sha256Digester;

/**
 * The {@value #NAME} check: every {@link RequiredFile} exists, is a readable regular file, has a size within its
 * bounds and, when a SHA-256 is given, still has that content. Each file's size and modification time are in the
 * details.
 *
 * <p>Content is verified off the probe's path: a file is read again only when its size or modification time has
 * changed since it was last verified, on one background thread of the check's own, through one reused 64 KB buffer.
 * A probe waits briefly for a verification it started (so small files are answered at once); a large file is reported
 * as {@code verifying} (UNKNOWN) until its digest is known, and a later probe reports the outcome.
 *
 * <p>DOWN diagnoses: {@code files.missing}, {@code files.unreadable}, {@code files.not-a-file},
 * {@code files.too-small}, {@code files.too-large}, {@code files.checksum-mismatch} (the file changed after its
 * checksum was recorded: corrupted, truncated, or a different version), {@code files.checksum-failed} (reading it
 * failed). No digest of a file is ever shown: files may hold keys.
 *
 * <p>Thread-safe. {@link #close()} stops the verification thread.
 */
public final class RequiredFilesCheck implements HealthCheck, AutoCloseable {

    /** The check's name. */
    public static final String NAME = "files";

    /** How long a probe waits for a verification it started before reporting the file as being verified. */
    public static final Duration DEFAULT_CHECKSUM_WAIT = Duration.ofMillis(200);

    private final List<RequiredFile> files;

    private final Executor verifier;

    private final ThreadPoolExecutor ownedVerifier;

    private final Duration checksumWait;

    private final Sha256Digester digester = new Sha256Digester();

    private final Map<String, Verification> verifications = new ConcurrentHashMap<>();

    private RequiredFilesCheck(Builder builder) {
        this.files = List.copyOf(builder.files.values());
        this.checksumWait = builder.checksumWait;
        if (builder.verifier != null) {
            this.verifier = builder.verifier;
            this.ownedVerifier = null;
        }
        else {
            this.ownedVerifier = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    (task) -> {
                        Thread thread = new Thread(task, "diagnostics-checksum");
                        thread.setDaemon(true);
                        thread.setPriority(Thread.MIN_PRIORITY);
                        return thread;
                    });
            this.ownedVerifier.allowCoreThreadTimeOut(true);
            this.verifier = this.ownedVerifier;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A registration named {@value #NAME} in the readiness group: an instance without its files cannot serve. */
    public static CheckRegistration.Builder registration(RequiredFilesCheck check) {
        return CheckRegistration.builder(NAME, check).groups(HealthGroups.READINESS);
    }

    public List<RequiredFile> files() {
        return this.files;
    }

    @Override
    public CheckResult check() {
        List<Map<String, Object>> details = new ArrayList<>(this.files.size());
        List<Finding> findings = new ArrayList<>();
        boolean verifying = false;
        for (RequiredFile file : this.files) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", file.name());
            detail.put("path", file.path().toString());
            Finding finding = inspect(file, detail);
            if (finding != null) {
                findings.add(finding);
                detail.put("status", Status.DOWN.name());
            }
            else if ("verifying".equals(detail.get("sha256"))) {
                verifying = true;
                detail.put("status", Status.UNKNOWN.name());
            }
            else {
                detail.put("status", Status.UP.name());
            }
            details.add(detail);
        }
        CheckResult.Builder result;
        if (!findings.isEmpty()) {
            result = CheckResult.down().diagnosis(diagnosis(findings));
        }
        else {
            result = verifying ? CheckResult.unknown() : CheckResult.up();
        }
        return result.detail("files", details).build();
    }

    private Finding inspect(RequiredFile file, Map<String, Object> detail) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
        }
        catch (NoSuchFileException ex) {
            detail.put("exists", false);
            return new Finding(file, "files.missing", "does not exist");
        }
        catch (AccessDeniedException ex) {
            detail.put("exists", true);
            detail.put("readable", false);
            return new Finding(file, "files.unreadable", "cannot be read by this process (permission denied)");
        }
        catch (IOException ex) {
            return new Finding(file, "files.unreadable", "cannot be inspected: " + Redaction.describe(ex));
        }
        detail.put("exists", true);
        detail.put("size", attributes.size());
        detail.put("modified", attributes.lastModifiedTime().toInstant());
        if (!attributes.isRegularFile()) {
            return new Finding(file, "files.not-a-file", "is not a regular file"
                    + (attributes.isDirectory() ? " but a directory" : ""));
        }
        boolean readable = Files.isReadable(file.path());
        detail.put("readable", readable);
        if (!readable) {
            return new Finding(file, "files.unreadable", "cannot be read by this process (permission denied)");
        }
        if (attributes.size() < file.minSize()) {
            return new Finding(file, "files.too-small", "has " + attributes.size() + " bytes, below its minimum of "
                    + file.minSize() + ((attributes.size() == 0) ? " (empty)" : ""));
        }
        if (attributes.size() > file.maxSize()) {
            return new Finding(file, "files.too-large", "has " + attributes.size() + " bytes, above its maximum of "
                    + file.maxSize());
        }
        if (file.sha256() == null) {
            detail.put("sha256", "not checked");
            return null;
        }
        return verify(file, attributes.size(), attributes.lastModifiedTime(), detail);
    }

    private Finding verify(RequiredFile file, long size, FileTime modified, Map<String, Object> detail) {
        Verification verification = this.verifications.compute(file.name(), (name, previous) -> {
            if (previous != null && (previous.of(size, modified) || !previous.outcome().isDone())) {
                return previous;
            }
            return start(file, size, modified);
        });
        Outcome outcome;
        try {
            outcome = verification.outcome().get(this.checksumWait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            detail.put("sha256", "verifying");
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            detail.put("sha256", "verifying");
            return null;
        }
        catch (ExecutionException ex) {
            detail.put("sha256", "unreadable");
            return new Finding(file, "files.checksum-failed", "could not be read to verify its SHA-256: "
                    + Redaction.describe(ex.getCause()));
        }
        if (!verification.of(size, modified)) {
            // The verification that finished was of an earlier version of the file; verify this one next time.
            detail.put("sha256", "verifying");
            return null;
        }
        detail.put("sha256", outcome.matches() ? "matches" : "does not match");
        if (!outcome.matches()) {
            return new Finding(file, "files.checksum-mismatch", "no longer matches its recorded SHA-256 (size "
                    + size + " bytes, modified " + modified.toInstant() + "): it is corrupted, truncated or another"
                    + " version");
        }
        return null;
    }

    private Verification start(RequiredFile file, long size, FileTime modified) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                String actual = this.digester.digest(file.path());
                outcome.complete(new Outcome(MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                        file.sha256().getBytes(StandardCharsets.US_ASCII))));
            }
            catch (IOException | RuntimeException ex) {
                outcome.completeExceptionally(ex);
            }
        };
        try {
            this.verifier.execute(task);
        }
        catch (RuntimeException ex) {
            outcome.completeExceptionally(ex);
        }
        return new Verification(size, modified, outcome);
    }

    private static Diagnosis diagnosis(List<Finding> findings) {
        Finding first = findings.get(0);
        StringBuilder cause = new StringBuilder();
        for (Finding finding : findings) {
            if (cause.length() > 0) {
                cause.append("; ");
            }
            cause.append("file '").append(finding.file().name()).append("' (").append(finding.file().path())
                    .append(") ").append(finding.problem());
        }
        return Diagnosis.of(first.code(), cause.toString(), remedy(first));
    }

    private static String remedy(Finding finding) {
        RequiredFile file = finding.file();
        return switch (finding.code()) {
            case "files.missing" -> "Deploy the file to " + file.path() + " (check the volume mount, the image build"
                    + " or the download step at startup), or correct " + file.propertyPrefix() + ".path.";
            case "files.unreadable" -> "Give the user this process runs as read access to " + file.path()
                    + " (owner, mode, SELinux/AppArmor label, or the volume's fsGroup in Kubernetes).";
            case "files.not-a-file" -> "Point " + file.propertyPrefix() + ".path at the file itself, not a directory.";
            case "files.too-small", "files.too-large" -> "The file is probably truncated (an interrupted download or"
                    + " copy, a full disk) or the wrong file: restore it from its source, or correct "
                    + file.propertyPrefix() + ".min-size/max-size if the new size is expected.";
            case "files.checksum-mismatch" -> "Restore the file from its source (download or deploy it again) and"
                    + " compare with 'sha256sum " + file.path() + "'; if this version is intended, record its checksum"
                    + " in " + file.propertyPrefix() + ".sha256.";
            default -> "Check the file system and the file's permissions at " + file.path() + ".";
        };
    }

    /** Stops the check's verification thread; verifications in progress finish first. */
    @Override
    public void close() {
        if (this.ownedVerifier != null) {
            this.ownedVerifier.shutdown();
        }
    }

    private record Finding(RequiredFile file, String code, String problem) {
    }

    private record Outcome(boolean matches) {
    }

    private record Verification(long size, FileTime modified, CompletableFuture<Outcome> outcome) {

        boolean of(long otherSize, FileTime otherModified) {
            return this.size == otherSize && this.modified.equals(otherModified);
        }
    }

    /** Builds a {@link RequiredFilesCheck}. Not thread-safe. */
    public static final class Builder {

        private final Map<String, RequiredFile> files = new LinkedHashMap<>();

        private Executor verifier;

        private Duration checksumWait = DEFAULT_CHECKSUM_WAIT;

        private Builder() {
        }

        /** Adds a file; names must be unique. */
        public Builder file(RequiredFile file) {
            Objects.requireNonNull(file, "file");
            if (this.files.putIfAbsent(file.name(), file) != null) {
                throw new InvalidConfigurationException(file.propertyPrefix(), "another required file is named '"
                        + file.name() + "'");
            }
            return this;
        }

        public Builder files(Collection<RequiredFile> files) {
            files.forEach(this::file);
            return this;
        }

        /**
         * Where checksums are computed. Default: one low-priority daemon thread of the check's own. Tests may pass
         * {@code Runnable::run} to verify on the probe's thread.
         */
        public Builder verifier(Executor verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** How long a probe waits for a verification it started; zero never waits. Default 200 ms. */
        public Builder checksumWait(Duration checksumWait) {
            if (checksumWait == null || checksumWait.isNegative()) {
                throw new InvalidConfigurationException("checksumWait", "must not be negative, was " + checksumWait);
            }
            this.checksumWait = checksumWait;
            return this;
        }

        public RequiredFilesCheck build() {
            if (this.files.isEmpty()) {
                throw new InvalidConfigurationException("diagnostics.files.required", "lists no file");
            }
            return new RequiredFilesCheck(this);
        }
    }
}
