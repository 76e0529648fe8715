package dev.diagnostics.sample.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sample's "model": a file the service needs, written at startup with known content whose SHA-256 is recorded in
 * {@code diagnostics.files.required.model.sha256}. The lab corrupts it and restores it.
 */
@Component
public class ModelFile {

    /** 100,352 bytes; SHA-256 3dd1672bba0500adeb8d7860fb2099c662aa12e95bc2ca1c58bf69477a2300b8. */
    static final byte[] CONTENT = content();

    private final Path path;

    ModelFile(@Value("${diagnostics.files.required.model.path}") Path path) {
        this.path = path;
        restore();
    }

    public Path path() {
        return this.path;
    }

    /** Flips one byte in the middle, as a bad sector or an interrupted copy would, and bumps the modification time. */
    public synchronized void corrupt() {
        byte[] corrupted = CONTENT.clone();
        corrupted[corrupted.length / 2] ^= 0x01;
        write(corrupted);
    }

    /** Writes the intact content again. */
    public synchronized void restore() {
        write(CONTENT);
    }

    /** Whether the file holds the intact content now. */
    public synchronized boolean intact() {
        try {
            return java.util.Arrays.equals(Files.readAllBytes(this.path), CONTENT);
        }
        catch (IOException ex) {
            return false;
        }
    }

    private void write(byte[] content) {
        try {
            Files.createDirectories(this.path.getParent());
            Files.write(this.path, content);
            // A new modification time even within the file system's timestamp resolution, so the change is seen.
            Files.setLastModifiedTime(this.path, FileTime.from(Instant.now()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the sample's model file " + this.path, ex);
        }
    }

    private static byte[] content() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2048; i++) {
            text.append(String.format(java.util.Locale.ROOT, "sample model weights v1: %05d 0.125 0.250 0.500%n", i));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
