package dev.diagnostics.memory;

/** Process figures a test sets. */
final class FakeProcessMemory implements ProcessMemory {

    long rss = -1;

    long limit = -1;

    int refreshes;

    boolean closed;

    @Override
    public void refresh() {
        this.refreshes++;
    }

    @Override
    public long rssBytes() {
        return this.rss;
    }

    @Override
    public long limitBytes() {
        return this.limit;
    }

    @Override
    public long cgroupUsageBytes() {
        return -1;
    }

    @Override
    public String source() {
        return "fake";
    }

    @Override
    public void close() {
        this.closed = true;
    }
}
