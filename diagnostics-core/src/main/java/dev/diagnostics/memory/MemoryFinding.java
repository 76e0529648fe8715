package dev.diagnostics.memory;

import java.util.Objects;

/**
 * One thing the {@link MemoryWatcher} found: a stable code, how bad it is, the probable cause and what to do.
 *
 * @param code stable diagnosis code, for example {@code memory.leak-suspected}
 * @param level WARN or CRITICAL
 * @param cause one line, with the figures
 * @param remedy the next thing to do
 */
public record MemoryFinding(String code, MemoryLevel level, String cause, String remedy) {

    public MemoryFinding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(remedy, "remedy");
    }
}
