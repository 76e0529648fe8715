package dev.diagnostics.timing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Where one request's time went: its start, and what its database statements, Redis commands and timed sections
 * ({@link TimedSection}) took, with call counts. Created by {@link RequestTimer#begin()}, which also binds it to the
 * calling thread; the JDBC and Redis listeners and the method interceptors find it through {@link #current()}.
 *
 * <p>The accumulators are thread-safe, because a request's work need not stay on one thread: a Redis command's
 * completion arrives on an I/O thread (the listener carries this object from the command's start to its end), an async
 * servlet request or a reactive one continues elsewhere. Work is attributed to the request whose timing is bound to
 * the thread that starts it; work started on a thread the request merely hopped to, without the timing bound there,
 * is not (see {@link #bind()} to carry it over by hand). Adding costs one atomic add and allocates nothing.
 */
public final class RequestTiming {

    private static final ThreadLocal<RequestTiming> CURRENT = new ThreadLocal<>();

    private static final VarHandle DB_NANOS;

    private static final VarHandle DB_CALLS;

    private static final VarHandle REDIS_NANOS;

    private static final VarHandle REDIS_CALLS;

    private static final VarHandle ENDED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DB_NANOS = lookup.findVarHandle(RequestTiming.class, "dbNanos", long.class);
            DB_CALLS = lookup.findVarHandle(RequestTiming.class, "dbCalls", long.class);
            REDIS_NANOS = lookup.findVarHandle(RequestTiming.class, "redisNanos", long.class);
            REDIS_CALLS = lookup.findVarHandle(RequestTiming.class, "redisCalls", long.class);
            ENDED = lookup.findVarHandle(RequestTiming.class, "ended", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final long startNanos;

    private volatile long dbNanos;

    private volatile long dbCalls;

    private volatile long redisNanos;

    private volatile long redisCalls;

    private volatile long allocatedBytes = -1;

    private volatile int ended;

    /** When the response headers were written, so every timing header tells the same moment; see respondedAt. */
    private volatile long respondedNanos;

    private volatile boolean responded;

    /** Guarded by this; created at the first timed section. */
    private String[] sectionNames;

    private long[] sectionNanos;

    private int sections;

    RequestTiming(long startNanos) {
        this.startNanos = startNanos;
    }

    /** The timing bound to the calling thread, or {@code null} outside a timed request. */
    public static RequestTiming current() {
        return CURRENT.get();
    }

    /**
     * Binds this timing to the calling thread, so database and Redis work done here is charged to it; for work a
     * request hands to another thread. Returns the timing bound before, to give to {@link #restore(RequestTiming)}.
     */
    public RequestTiming bind() {
        RequestTiming previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /** Binds {@code previous} (possibly {@code null}) to the calling thread again. */
    public static void restore(RequestTiming previous) {
        // set(null) rather than remove(): keeps the thread's map entry, so the next request's bind allocates nothing.
        CURRENT.set(previous);
    }

    /** When the request started, in {@link dev.diagnostics.time.TimeSource#nanoTime()} units. */
    public long startNanos() {
        return this.startNanos;
    }

    /** Charges one database statement of this many nanoseconds. */
    public void addDatabase(long nanos) {
        DB_NANOS.getAndAdd(this, nanos);
        DB_CALLS.getAndAdd(this, 1L);
    }

    /** Charges one Redis command of this many nanoseconds. */
    public void addRedis(long nanos) {
        REDIS_NANOS.getAndAdd(this, nanos);
        REDIS_CALLS.getAndAdd(this, 1L);
    }

    /** Charges a timed section; calls of the same section add up. At most 16 distinct sections are kept. */
    public void addSection(String name, long nanos) {
        synchronized (this) {
            if (this.sectionNames == null) {
                this.sectionNames = new String[4];
                this.sectionNanos = new long[4];
            }
            for (int i = 0; i < this.sections; i++) {
                if (this.sectionNames[i] == name || this.sectionNames[i].equals(name)) {
                    this.sectionNanos[i] += nanos;
                    return;
                }
            }
            if (this.sections == this.sectionNames.length) {
                if (this.sections >= 16) {
                    return;
                }
                this.sectionNames = Arrays.copyOf(this.sectionNames, this.sections * 2);
                this.sectionNanos = Arrays.copyOf(this.sectionNanos, this.sections * 2);
            }
            this.sectionNames[this.sections] = name;
            this.sectionNanos[this.sections] = nanos;
            this.sections++;
        }
    }

    /** Records what the request's thread allocated, when the memory watch measures it. */
    public void allocatedBytes(long bytes) {
        this.allocatedBytes = bytes;
    }

    /** Nanoseconds spent in database statements so far. */
    public long databaseNanos() {
        return this.dbNanos;
    }

    /** Database statements so far. */
    public long databaseCalls() {
        return this.dbCalls;
    }

    /** Nanoseconds spent in Redis commands so far. */
    public long redisNanos() {
        return this.redisNanos;
    }

    /** Redis commands so far. */
    public long redisCalls() {
        return this.redisCalls;
    }

    /** Bytes the request's thread allocated, or -1 when not measured. */
    public long allocatedBytes() {
        return this.allocatedBytes;
    }

    /** How many distinct timed sections ran. */
    public synchronized int sections() {
        return this.sections;
    }

    /** The name of the {@code index}th timed section. */
    public synchronized String sectionName(int index) {
        return this.sectionNames[index];
    }

    /** The nanoseconds of the {@code index}th timed section, all its calls together. */
    public synchronized long sectionNanos(int index) {
        return this.sectionNanos[index];
    }

    /** True once, for the first caller: so a request that ends by two paths (error and completion) records once. */
    /**
     * The moment the response headers describe: the first call fixes it at {@code nowNanos}, later calls return that
     * same moment, so {@code X-Process-Time} and the {@code Server-Timing} total agree.
     */
    synchronized long respondedAt(long nowNanos) {
        if (!this.responded) {
            this.respondedNanos = nowNanos;
            this.responded = true;
        }
        return this.respondedNanos;
    }

    boolean markEnded() {
        return ENDED.compareAndSet(this, 0, 1);
    }

    boolean isEnded() {
        return this.ended != 0;
    }
}
