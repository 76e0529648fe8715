package dev.diagnostics.memory;

/** Told when the {@link MemoryWatcher}'s level changes, on the thread that noticed (timer or GC notification). */
@FunctionalInterface
public interface MemoryLevelListener {

    /**
     * @param from the previous level
     * @param state the new state; {@code state.level()} is the new level
     */
    void levelChanged(MemoryLevel from, MemoryState state);
}
