package dev.diagnostics.system.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Computes the SHA-256 of a file by streaming it through one buffer that is reused for every file, so verifying a
 * multi-gigabyte model costs 64 KB of memory, once. Calls are serialised: one file is read at a time.
 */
public final class Sha256Digester {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

    private final MessageDigest digest;

    public Sha256Digester() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java platform must support SHA-256", ex);
        }
    }

    /** The file's SHA-256 in lowercase hex. */
    public synchronized String digest(Path path) throws IOException {
        this.digest.reset();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (channel.read(this.buffer) >= 0) {
                this.buffer.flip();
                this.digest.update(this.buffer);
                this.buffer.clear();
            }
        }
        finally {
            this.buffer.clear();
        }
        return HexFormat.of().formatHex(this.digest.digest());
    }
}
