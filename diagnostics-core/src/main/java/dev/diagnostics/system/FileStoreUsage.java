package dev.diagnostics.system;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads how full the file store holding a path is. {@link #system()} asks the operating system; tests pass a fake.
 */
@FunctionalInterface
public interface FileStoreUsage {

    /**
     * The usage of the file store that holds the path.
     *
     * @throws IOException when the path does not exist or its store cannot be read
     */
    Usage read(Path path) throws IOException;

    /** Through {@link Files#getFileStore(Path)}: total and usable (for this process) space of the store. */
    static FileStoreUsage system() {
        return (path) -> {
            FileStore store = Files.getFileStore(path);
            return new Usage(store.name(), store.getTotalSpace(), store.getUsableSpace());
        };
    }

    /**
     * One reading.
     *
     * @param store the store's name (a device or file system name, such as {@code /dev/sda1} or {@code tmpfs})
     * @param totalBytes the store's size
     * @param usableBytes the space this process can still write
     */
    record Usage(String store, long totalBytes, long usableBytes) {

        /** Usable space as a share of the total, in [0, 1]; 0 for a store that reports no size. */
        public double usableRatio() {
            return (this.totalBytes > 0) ? Math.min(1.0, (double) this.usableBytes / this.totalBytes) : 0;
        }
    }
}
