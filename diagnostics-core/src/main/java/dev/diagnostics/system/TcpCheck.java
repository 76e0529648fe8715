package dev.diagnostics.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Redaction;
import dev.diagnostics.system.internal.HostResolver;
import dev.diagnostics.time.TimeSource;

/**
 * The {@value #NAME} check: can this instance reach each {@link TcpTarget}? For every target it resolves the name
 * (how long DNS took, and to what) and opens a TCP connection (how long the connect took), then closes it without
 * sending anything. All targets are probed in parallel within one {@linkplain TcpCheckConfig#deadline() deadline}.
 *
 * <p>Failures are classified: {@code tcp.unknown-host} (the name does not resolve), {@code tcp.dns-timeout} (the
 * resolver did not answer in time), {@code tcp.connection-refused} (the host answered that nothing listens),
 * {@code tcp.timeout} (no answer at all: a firewall or security group dropping packets, a host that is down, or a full
 * accept backlog), {@code tcp.no-route}, {@code tcp.failed}. Any failing target makes the check DOWN.
 *
 * <p>DNS runs on threads of the check's own, one lookup per host at a time, so a hanging resolver never piles threads
 * up; connects are non-blocking, on the probe's thread. Time (durations and the deadline) comes from the
 * {@link TimeSource}; use a real one, since sockets wait in real time. Thread-safe; {@link #close()} stops the DNS
 * threads.
 */
public final class TcpCheck implements HealthCheck, AutoCloseable {

    /** The check's name. */
    public static final String NAME = "tcp";

    private final TcpCheckConfig config;

    private final TimeSource time;

    private final HostResolver resolver;

    private final List<ConnectListener> listeners = new CopyOnWriteArrayList<>();

    public TcpCheck(TcpCheckConfig config, TimeSource time) {
        this(config, time, HostLookup.system());
    }

    public TcpCheck(TcpCheckConfig config, TimeSource time, HostLookup lookup) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.resolver = new HostResolver(Objects.requireNonNull(lookup, "lookup")::resolve,
                Math.min(4, config.targets().size()));
    }

    /** A registration named {@value #NAME} in the readiness group. */
    public static CheckRegistration.Builder registration(TcpCheck check) {
        return CheckRegistration.builder(NAME, check).groups(HealthGroups.READINESS);
    }

    public TcpCheckConfig config() {
        return this.config;
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public Diagnosis timeoutDiagnosis(Duration timeout) {
        return Diagnosis.of("tcp.timeout", "The reachability probes did not finish within " + timeout.toMillis()
                + " ms", "Keep diagnostics.tcp.deadline below the check's timeout, and see the other checks' output"
                        + " for the target that hangs.");
    }

    /** Called with each target's connect time after a successful connect, for meters. */
    public void onConnect(ConnectListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public CheckResult check() throws IOException {
        long started = this.time.nanoTime();
        long deadline = started + this.config.deadline().toNanos();
        long realDeadline = System.nanoTime() + this.config.deadline().toNanos();
        List<Probe> probes = new ArrayList<>();
        for (TcpTarget target : this.config.targets()) {
            Probe probe = new Probe(target, started);
            probe.addresses = this.resolver.resolve(target.host());
            probe.addresses.whenComplete((addresses, failure) -> probe.resolvedAt = this.time.nanoTime());
            probes.add(probe);
        }
        for (Probe probe : probes) {
            awaitAddress(probe, deadline);
        }
        connectAll(probes, deadline, realDeadline);
        return result(probes);
    }

    private void awaitAddress(Probe probe, long deadline) {
        long remaining = Math.max(0, deadline - this.time.nanoTime());
        try {
            InetAddress[] addresses = probe.addresses.get(remaining, TimeUnit.NANOSECONDS);
            probe.address = addresses[0];
            probe.addressCount = addresses.length;
        }
        catch (TimeoutException ex) {
            probe.fail(Outcome.DNS_TIMEOUT, null);
        }
        catch (ExecutionException ex) {
            probe.fail((ex.getCause() instanceof UnknownHostException) ? Outcome.UNKNOWN_HOST : Outcome.FAILED,
                    ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            probe.fail(Outcome.FAILED, ex);
        }
    }

    private void connectAll(List<Probe> probes, long deadline, long realDeadline) throws IOException {
        try (Selector selector = Selector.open()) {
            int pending = 0;
            for (Probe probe : probes) {
                if (probe.outcome != null) {
                    continue;
                }
                probe.connectStarted = this.time.nanoTime();
                SocketChannel channel = SocketChannel.open();
                probe.channel = channel;
                try {
                    channel.configureBlocking(false);
                    if (channel.connect(new InetSocketAddress(probe.address, probe.target.port()))) {
                        probe.connected(this.time.nanoTime());
                    }
                    else {
                        channel.register(selector, SelectionKey.OP_CONNECT, probe);
                        pending++;
                    }
                }
                catch (IOException ex) {
                    probe.fail(classify(ex), ex);
                }
            }
            while (pending > 0) {
                long remaining = Math.min(deadline - this.time.nanoTime(), realDeadline - System.nanoTime());
                if (remaining <= 0) {
                    break;
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                for (SelectionKey key : selector.selectedKeys()) {
                    Probe probe = (Probe) key.attachment();
                    try {
                        if (probe.channel.finishConnect()) {
                            probe.connected(this.time.nanoTime());
                            key.cancel();
                            pending--;
                        }
                    }
                    catch (IOException ex) {
                        probe.fail(classify(ex), ex);
                        key.cancel();
                        pending--;
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        finally {
            for (Probe probe : probes) {
                if (probe.channel != null) {
                    probe.channel.close();
                }
                if (probe.outcome == null) {
                    probe.fail(Outcome.TIMEOUT, null);
                }
            }
        }
        for (Probe probe : probes) {
            if (probe.outcome == Outcome.CONNECTED) {
                for (ConnectListener listener : this.listeners) {
                    listener.connected(probe.target, probe.connectedAt - probe.connectStarted);
                }
            }
        }
    }

    private static Outcome classify(IOException failure) {
        if (failure instanceof NoRouteToHostException) {
            return Outcome.NO_ROUTE;
        }
        if (failure instanceof ConnectException) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("refused") ? Outcome.REFUSED
                    : message.contains("no route") || message.contains("unreachable") ? Outcome.NO_ROUTE
                            : message.contains("timed out") ? Outcome.TIMEOUT : Outcome.FAILED;
        }
        return Outcome.FAILED;
    }

    private CheckResult result(List<Probe> probes) {
        List<Map<String, Object>> targets = new ArrayList<>();
        List<Probe> failed = new ArrayList<>();
        for (Probe probe : probes) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("name", probe.target.name());
            detail.put("target", probe.target.address());
            detail.put("result", probe.outcome.label);
            if (probe.address != null) {
                detail.put("address", probe.address.getHostAddress());
                if (probe.addressCount > 1) {
                    detail.put("addresses", probe.addressCount);
                }
            }
            if (!HostResolver.isLiteral(probe.target.host()) && probe.resolvedAt != 0) {
                detail.put("dnsMs", millis(probe.resolvedAt - probe.started));
            }
            if (probe.outcome == Outcome.CONNECTED) {
                detail.put("connectMs", millis(probe.connectedAt - probe.connectStarted));
            }
            if (probe.failure != null) {
                detail.put("error", Redaction.describe(probe.failure));
            }
            targets.add(detail);
            if (probe.outcome != Outcome.CONNECTED) {
                failed.add(probe);
            }
        }
        if (failed.isEmpty()) {
            return CheckResult.up().detail("targets", targets).build();
        }
        Probe first = failed.get(0);
        StringBuilder cause = new StringBuilder();
        for (Probe probe : failed) {
            if (cause.length() > 0) {
                cause.append("; ");
            }
            cause.append('\'').append(probe.target.name()).append("' (").append(probe.target.address()).append(") ")
                    .append(problem(probe));
        }
        return CheckResult.down()
                .detail("targets", targets)
                .diagnosis(first.outcome.code, cause.toString(), first.outcome.remedy)
                .build();
    }

    private String problem(Probe probe) {
        String at = (probe.address != null) ? " at " + probe.address.getHostAddress() : "";
        return switch (probe.outcome) {
            case UNKNOWN_HOST -> "does not resolve: the name is unknown to DNS";
            case DNS_TIMEOUT -> "was not resolved within " + this.config.deadline().toMillis() + " ms: DNS did not"
                    + " answer";
            case REFUSED -> "refused the connection" + at + ": nothing listens on port " + probe.target.port();
            case TIMEOUT -> "did not answer" + at + " within " + this.config.deadline().toMillis() + " ms: packets"
                    + " are dropped (a firewall, security group or network policy), or the host is down or overloaded";
            case NO_ROUTE -> "is unreachable" + at + ": no route to the host";
            default -> "could not be reached" + at + ((probe.failure != null) ? ": "
                    + Redaction.describe(probe.failure) : "");
        };
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @Override
    public void close() {
        this.resolver.close();
    }

    /** Receives the connect time of each target that connected. */
    @FunctionalInterface
    public interface ConnectListener {

        void connected(TcpTarget target, long connectNanos);
    }

    private enum Outcome {

        CONNECTED("connected", null, null),

        UNKNOWN_HOST("unknown-host", "tcp.unknown-host", "Check the host name in diagnostics.tcp.targets and the"
                + " application's own settings, the DNS record, and which resolver this host uses (/etc/resolv.conf;"
                + " in Kubernetes the service name, namespace and search domains)."),

        DNS_TIMEOUT("dns-timeout", "tcp.dns-timeout", "Check that this host reaches its DNS servers"
                + " (/etc/resolv.conf, port 53 over UDP and TCP) and that they answer; in Kubernetes, CoreDNS's health"
                + " and the ndots setting. Address literals skip DNS."),

        REFUSED("refused", "tcp.connection-refused", "The host is up but nothing listens on that port: start the"
                + " service, or correct the port; a refusal comes from the host itself, so the network path is open."),

        TIMEOUT("timeout", "tcp.timeout", "Check firewall rules, security groups and network policies between this"
                + " instance and the target ('nc -vz host port' from here); if the target is up, its accept backlog may"
                + " be full (it is not accepting connections fast enough)."),

        NO_ROUTE("no-route", "tcp.no-route", "Check the routing and the subnet of this instance (VPC routes,"
                + " peering, VPN); the network cannot deliver packets to that address."),

        FAILED("failed", "tcp.failed", "See the error; try 'nc -vz host port' from this host.");

        private final String label;

        private final String code;

        private final String remedy;

        Outcome(String label, String code, String remedy) {
            this.label = label;
            this.code = code;
            this.remedy = remedy;
        }
    }

    private static final class Probe {

        private final TcpTarget target;

        private final long started;

        private CompletableFuture<InetAddress[]> addresses;

        private volatile long resolvedAt;

        private InetAddress address;

        private int addressCount;

        private SocketChannel channel;

        private long connectStarted;

        private long connectedAt;

        private Outcome outcome;

        private Throwable failure;

        Probe(TcpTarget target, long started) {
            this.target = target;
            this.started = started;
        }

        void connected(long at) {
            this.outcome = Outcome.CONNECTED;
            this.connectedAt = at;
        }

        void fail(Outcome outcome, Throwable failure) {
            this.outcome = outcome;
            this.failure = (outcome == Outcome.REFUSED || outcome == Outcome.UNKNOWN_HOST) ? null : failure;
        }
    }
}
