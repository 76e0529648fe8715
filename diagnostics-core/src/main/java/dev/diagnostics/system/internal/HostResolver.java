package dev.diagnostics.system.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Resolves host names off the caller's thread, so a caller can stop waiting at its deadline (the JDK's resolver has
 * no timeout). One lookup per host is in flight at a time: a resolver that hangs costs one thread per host, however
 * often the checks run. Address literals are parsed on the caller's thread, without any lookup.
 */
public final class HostResolver implements AutoCloseable {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Lookup lookup;

    private final ThreadPoolExecutor executor;

    private final Map<String, CompletableFuture<InetAddress[]>> inFlight = new ConcurrentHashMap<>();

    public HostResolver(Lookup lookup, int maxThreads) {
        this.lookup = lookup;
        this.executor = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), (task) -> {
                    Thread thread = new Thread(task, "diagnostics-dns");
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** The host's addresses, when they come; completes exceptionally with the lookup's failure. */
    public CompletableFuture<InetAddress[]> resolve(String host) {
        if (isLiteral(host)) {
            try {
                return CompletableFuture.completedFuture(new InetAddress[] { InetAddress.getByName(host) });
            }
            catch (Exception ex) {
                return CompletableFuture.failedFuture(ex);
            }
        }
        return this.inFlight.computeIfAbsent(host, (name) -> {
            CompletableFuture<InetAddress[]> addresses = new CompletableFuture<>();
            try {
                this.executor.execute(() -> {
                    try {
                        addresses.complete(this.lookup.resolve(name));
                    }
                    catch (Exception ex) {
                        addresses.completeExceptionally(ex);
                    }
                    finally {
                        this.inFlight.remove(name, addresses);
                    }
                });
            }
            catch (RejectedExecutionException ex) {
                addresses.completeExceptionally(ex);
            }
            return addresses;
        });
    }

    /** Whether the host is an address literal, which needs no lookup. */
    public static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }

    /** Resolves a name; may block. */
    @FunctionalInterface
    public interface Lookup {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }
}
