package dev.diagnostics.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.Diagnosis;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.system.internal.CertificateFacts;
import dev.diagnostics.system.internal.HostResolver;
import dev.diagnostics.time.TimeSource;

/**
 * The {@value #NAME} check: are the certificates this application presents, trusts or depends on valid, and for how
 * long? It reads local {@linkplain CertificateSource sources} (key stores, PEM files, Spring Boot SSL bundles) and the
 * chains remote {@linkplain TlsEndpoint endpoints} present in a TLS handshake.
 *
 * <ul>
 * <li>DOWN: a certificate has expired ({@code tls.expired}) or is not yet valid ({@code tls.not-yet-valid}); an
 * endpoint's certificate does not carry the name it is reached by ({@code tls.hostname-mismatch}); a presented chain
 * lacks an intermediate certificate ({@code tls.chain-incomplete}); an endpoint's chain does not lead to the trust
 * store ({@code tls.untrusted}) or is self-signed ({@code tls.self-signed}); an endpoint cannot be reached
 * ({@code tls.unreachable}) or does not complete a handshake ({@code tls.handshake-failed}); a source cannot be read
 * ({@code tls.unreadable}).</li>
 * <li>DEGRADED: a certificate expires within the {@linkplain TlsCheckConfig#expiryWarning() warning}
 * ({@code tls.expiring}); a local key entry is self-signed where that is not expected ({@code tls.self-signed}).</li>
 * </ul>
 *
 * <p>An endpoint is inspected with a handshake that accepts any chain, only to read it: nothing is sent over that
 * connection, which is closed at once; the chain is then judged here, against the trust store. Endpoints are inspected
 * in parallel, each within the {@linkplain TlsCheckConfig#handshakeTimeout() handshake timeout} (DNS included).
 *
 * <p>Days left are in the details and, through {@link #daysLeft(String)}, in the {@code diagnostics.tls.days.left}
 * gauge. A key store's password is never shown. Thread-safe; {@link #close()} stops the check's threads.
 */
public final class TlsCheck implements HealthCheck, AutoCloseable {

    /** The check's name. */
    public static final String NAME = "tls";

    /** Certificates change rarely: the registration reuses a result for this long. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(1);

    private static final X509ExtendedTrustManager READ_ONLY = new ChainReader();

    private final TlsCheckConfig config;

    private final TimeSource time;

    private final HostResolver resolver;

    private final ExecutorService handshakes;

    private final Map<String, Double> daysLeft = new ConcurrentHashMap<>();

    private volatile Set<TrustAnchor> anchors;

    public TlsCheck(TlsCheckConfig config, TimeSource time) {
        this(config, time, HostLookup.system());
    }

    public TlsCheck(TlsCheckConfig config, TimeSource time, HostLookup lookup) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        int endpoints = Math.max(1, config.endpoints().size());
        this.resolver = new HostResolver(Objects.requireNonNull(lookup, "lookup")::resolve,
                Math.min(4, endpoints));
        this.handshakes = Executors.newFixedThreadPool(Math.min(8, endpoints), (task) -> {
            Thread thread = new Thread(task, "diagnostics-tls");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A registration named {@value #NAME} in the readiness group, its result reused for
     * {@link #DEFAULT_CACHE_TTL}.
     */
    public static CheckRegistration.Builder registration(TlsCheck check) {
        return registration(NAME, check);
    }

    /** The same under another name (Spring Boot names it {@code ssl}, after the indicator it replaces). */
    public static CheckRegistration.Builder registration(String name, TlsCheck check) {
        return CheckRegistration.builder(name, check).groups(HealthGroups.READINESS).cacheTtl(DEFAULT_CACHE_TTL);
    }

    public TlsCheckConfig config() {
        return this.config;
    }

    @Override
    public boolean external() {
        return !this.config.endpoints().isEmpty();
    }

    /** The names of every source and endpoint, for meters. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        this.config.sources().forEach((source) -> names.add(source.name()));
        this.config.endpoints().forEach((endpoint) -> names.add(endpoint.name()));
        return names;
    }

    /** Days until the first certificate of the source or endpoint expires, at the last run; NaN before. */
    public double daysLeft(String name) {
        return this.daysLeft.getOrDefault(name, Double.NaN);
    }

    @Override
    public CheckResult check() {
        Instant now = this.time.now();
        Map<TlsEndpoint, CompletableFuture<Handshake>> inspections = new LinkedHashMap<>();
        for (TlsEndpoint endpoint : this.config.endpoints()) {
            inspections.put(endpoint, CompletableFuture.supplyAsync(() -> handshake(endpoint), this.handshakes));
        }
        List<Finding> findings = new ArrayList<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (CertificateSource source : this.config.sources()) {
            sources.add(inspect(source, now, findings));
        }
        List<Map<String, Object>> endpoints = new ArrayList<>();
        long wait = this.config.handshakeTimeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(200);
        for (Map.Entry<TlsEndpoint, CompletableFuture<Handshake>> inspection : inspections.entrySet()) {
            Handshake handshake;
            try {
                handshake = inspection.getValue().get(wait, TimeUnit.NANOSECONDS);
            }
            catch (TimeoutException | ExecutionException ex) {
                handshake = Handshake.failed("timeout", ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                handshake = Handshake.failed("interrupted", ex);
            }
            endpoints.add(inspect(inspection.getKey(), handshake, now, findings));
        }
        findings.sort(Comparator.comparing((Finding finding) -> finding.status() != Status.DOWN));
        Status status = findings.stream().map(Finding::status).reduce(Status.UP, Status::worst);
        CheckResult.Builder result = CheckResult.status(status).detail("expiryWarningDays",
                this.config.expiryWarning().toDays());
        if (!sources.isEmpty()) {
            result.detail("sources", sources);
        }
        if (!endpoints.isEmpty()) {
            result.detail("endpoints", endpoints);
        }
        if (!findings.isEmpty()) {
            Finding first = findings.get(0);
            StringBuilder cause = new StringBuilder();
            for (Finding finding : findings) {
                if (cause.length() > 0) {
                    cause.append("; ");
                }
                cause.append(finding.text());
            }
            result.diagnosis(first.code(), cause.toString(), remedy(first));
        }
        return result.build();
    }

    private Map<String, Object> inspect(CertificateSource source, Instant now, List<Finding> findings) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", source.name());
        detail.put("type", source.kind());
        if (source.location() != null) {
            detail.put("location", source.location());
        }
        List<CertificateSource.Entry> entries;
        try {
            entries = source.load();
        }
        catch (IOException | GeneralSecurityException | RuntimeException ex) {
            detail.put("error", Redaction.describe(ex));
            findings.add(new Finding(Status.DOWN, "tls.unreadable", "source '" + source.name() + "' cannot be read: "
                    + Redaction.describe(ex), source.name()));
            this.daysLeft.remove(source.name());
            return detail;
        }
        List<Map<String, Object>> certificates = new ArrayList<>();
        double least = Double.NaN;
        for (CertificateSource.Entry entry : entries) {
            String where = "source '" + source.name() + "'" + ((entry.alias() != null) ? " entry '" + entry.alias()
                    + "'" : "");
            certificates.add(chainDetail(entry.alias(), entry.chain(), now));
            least = min(least, dates(entry.chain(), now, where, source.name(), findings));
            if (entry.presented()) {
                structure(entry.chain(), where, source.name(), false, source.selfSignedExpected(), findings);
            }
        }
        detail.put("certificates", certificates);
        record(source.name(), least);
        return detail;
    }

    private Map<String, Object> inspect(TlsEndpoint endpoint, Handshake handshake, Instant now,
            List<Finding> findings) {
        Map<String, Object> detail = new LinkedHashMap<>();
        String where = "endpoint '" + endpoint.name() + "' (" + endpoint.target().address() + ")";
        detail.put("name", endpoint.name());
        detail.put("target", endpoint.target().address());
        if (!endpoint.serverName().equals(endpoint.target().host())) {
            detail.put("serverName", endpoint.serverName());
        }
        if (handshake.chain() == null) {
            detail.put("error", handshake.problem());
            boolean handshakeFailed = handshake.failure() instanceof SSLException;
            findings.add(new Finding(Status.DOWN, handshakeFailed ? "tls.handshake-failed" : "tls.unreachable",
                    where + (handshakeFailed ? " did not complete a TLS handshake: " : " could not be reached: ")
                            + handshake.problem(), endpoint.name()));
            this.daysLeft.remove(endpoint.name());
            return detail;
        }
        detail.put("protocol", handshake.protocol());
        detail.put("handshakeMs", Math.round(handshake.nanos() / 10_000.0) / 100.0);
        List<X509Certificate> chain = handshake.chain();
        detail.put("chain", chainDetail(null, chain, now));
        int before = findings.size();
        record(endpoint.name(), dates(chain, now, where, endpoint.name(), findings));
        if (!CertificateFacts.matchesHost(chain.get(0), endpoint.serverName())) {
            findings.add(new Finding(Status.DOWN, "tls.hostname-mismatch", where + " presents a certificate for "
                    + CertificateFacts.subjectAlternativeNames(chain.get(0)) + " (" + chain.get(0)
                            .getSubjectX500Principal().getName() + "), not for '" + endpoint.serverName() + "'",
                    endpoint.name()));
        }
        boolean structural = structure(chain, where, endpoint.name(), true, endpoint.selfSignedExpected(), findings);
        boolean otherwiseFine = findings.subList(before, findings.size()).stream()
                .noneMatch((finding) -> finding.status() == Status.DOWN);
        if (structural && otherwiseFine && !(endpoint.selfSignedExpected() && chain.size() == 1
                && CertificateFacts.selfSigned(chain.get(0)))) {
            String untrusted = untrusted(chain, now);
            if (untrusted != null) {
                findings.add(new Finding(Status.DOWN, "tls.untrusted", where + " presents a chain the trust store"
                        + " does not accept: " + untrusted, endpoint.name()));
            }
        }
        return detail;
    }

    /** Reports expired, not yet valid and expiring certificates; returns the fewest days left. */
    private double dates(List<X509Certificate> chain, Instant now, String where, String name,
            List<Finding> findings) {
        double least = Double.NaN;
        for (X509Certificate certificate : chain) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant notBefore = certificate.getNotBefore().toInstant();
            double days = Duration.between(now, notAfter).toSeconds() / 86_400.0;
            least = min(least, days);
            String subject = certificate.getSubjectX500Principal().getName();
            if (now.isAfter(notAfter)) {
                findings.add(new Finding(Status.DOWN, "tls.expired", where + ": certificate '" + subject
                        + "' expired " + wholeDays(-days) + " ago (" + notAfter + ")", name));
            }
            else if (now.isBefore(notBefore)) {
                findings.add(new Finding(Status.DOWN, "tls.not-yet-valid", where + ": certificate '" + subject
                        + "' is not valid before " + notBefore, name));
            }
            else if (Duration.between(now, notAfter).compareTo(this.config.expiryWarning()) < 0) {
                findings.add(new Finding(Status.DEGRADED, "tls.expiring", where + ": certificate '" + subject
                        + "' expires in " + wholeDays(days) + " (" + notAfter + ")", name));
            }
        }
        return least;
    }

    /** Reports a broken or incomplete chain and unexpected self-signed certificates; false when it found any. */
    private boolean structure(List<X509Certificate> chain, String where, String name, boolean remote,
            boolean selfSignedExpected, List<Finding> findings) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!CertificateFacts.issuedBy(chain.get(i), chain.get(i + 1))) {
                findings.add(new Finding(Status.DOWN, "tls.chain-incomplete", where + ": certificate '"
                        + chain.get(i).getSubjectX500Principal().getName() + "' is not issued by the next one in the"
                        + " chain ('" + chain.get(i + 1).getSubjectX500Principal().getName() + "'): an intermediate"
                        + " is missing or the order is wrong", name));
                return false;
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (CertificateFacts.selfSigned(last)) {
            if (chain.size() == 1 && !selfSignedExpected && !(remote && trusts(last))) {
                findings.add(new Finding(remote ? Status.DOWN : Status.DEGRADED, "tls.self-signed", where
                        + ": certificate '" + last.getSubjectX500Principal().getName() + "' is self-signed", name));
                return false;
            }
            return true;
        }
        if (!anchorSubjects().contains(last.getIssuerX500Principal())) {
            findings.add(new Finding(Status.DOWN, "tls.chain-incomplete", where + ": the chain ends with '"
                    + last.getSubjectX500Principal().getName() + "', issued by '"
                    + last.getIssuerX500Principal().getName() + "', which is neither in the chain nor in the trust"
                    + " store: the intermediate certificate is not sent", name));
            return false;
        }
        return true;
    }

    /** Why PKIX validation against the trust store fails, or {@code null} when it passes. */
    private String untrusted(List<X509Certificate> chain, Instant now) {
        try {
            List<X509Certificate> path = new ArrayList<>(chain);
            X509Certificate last = path.get(path.size() - 1);
            if (path.size() > 1 && CertificateFacts.selfSigned(last) && trusts(last)) {
                path.remove(path.size() - 1);
            }
            PKIXParameters parameters = new PKIXParameters(anchors());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return null;
        }
        catch (CertPathValidatorException ex) {
            return (ex.getReason() != null) ? ex.getReason() + ": " + Redaction.describe(ex) : Redaction.describe(ex);
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            return Redaction.describe(ex);
        }
    }

    private boolean trusts(X509Certificate certificate) {
        for (TrustAnchor anchor : anchors()) {
            if (certificate.equals(anchor.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }

    private Set<X500Principal> anchorSubjects() {
        Set<X500Principal> subjects = new HashSet<>();
        for (TrustAnchor anchor : anchors()) {
            subjects.add(anchor.getTrustedCert().getSubjectX500Principal());
        }
        return subjects;
    }

    private Set<TrustAnchor> anchors() {
        Set<TrustAnchor> anchors = this.anchors;
        if (anchors == null) {
            anchors = new HashSet<>();
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(this.config.trustStore());
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                            anchors.add(new TrustAnchor(issuer, null));
                        }
                    }
                }
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("The trust store cannot be read: " + Redaction.describe(ex), ex);
            }
            this.anchors = anchors;
        }
        return anchors;
    }

    private Handshake handshake(TlsEndpoint endpoint) {
        long started = this.time.nanoTime();
        long timeout = this.config.handshakeTimeout().toNanos();
        Socket socket = new Socket();
        TimeSource.Cancellable watchdog = this.time.schedule(this.config.handshakeTimeout(), () -> close(socket));
        try {
            InetAddress address = this.resolver.resolve(endpoint.target().host()).get(timeout, TimeUnit.NANOSECONDS)[0];
            int remaining = remainingMillis(started, timeout);
            socket.connect(new InetSocketAddress(address, endpoint.target().port()), remaining);
            socket.setSoTimeout(remainingMillis(started, timeout));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { READ_ONLY }, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                    endpoint.serverName(), endpoint.target().port(), true)) {
                if (!HostResolver.isLiteral(endpoint.serverName())) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(endpoint.serverName())));
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (java.security.cert.Certificate certificate : tls.getSession().getPeerCertificates()) {
                    if (certificate instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
                return new Handshake(chain, tls.getSession().getProtocol(), this.time.nanoTime() - started, null,
                        null);
            }
        }
        catch (TimeoutException ex) {
            return Handshake.failed("DNS did not answer within " + this.config.handshakeTimeout().toMillis() + " ms",
                    ex);
        }
        catch (ExecutionException ex) {
            return (ex.getCause() instanceof UnknownHostException) ? Handshake.failed("the host name does not resolve",
                    ex.getCause()) : Handshake.failed(Redaction.describe(ex.getCause()), ex.getCause());
        }
        catch (ConnectException ex) {
            return Handshake.failed("connection refused: nothing listens there", ex);
        }
        catch (SocketTimeoutException ex) {
            return Handshake.failed("no answer within " + this.config.handshakeTimeout().toMillis() + " ms", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Handshake.failed("interrupted", ex);
        }
        catch (IOException | GeneralSecurityException | RuntimeException ex) {
            boolean timedOut = this.time.nanoTime() - started >= timeout;
            return Handshake.failed(timedOut ? "no handshake within " + this.config.handshakeTimeout().toMillis()
                    + " ms" : Redaction.describe(ex), ex);
        }
        finally {
            watchdog.cancel();
            close(socket);
        }
    }

    private int remainingMillis(long started, long timeout) throws SocketTimeoutException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(timeout - (this.time.nanoTime() - started));
        if (remaining <= 0) {
            throw new SocketTimeoutException("no time left");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }

    private void record(String name, double days) {
        if (Double.isNaN(days)) {
            this.daysLeft.remove(name);
        }
        else {
            this.daysLeft.put(name, days);
        }
    }

    private static Map<String, Object> chainDetail(String alias, List<X509Certificate> chain, Instant now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (alias != null) {
            detail.put("alias", alias);
        }
        X509Certificate leaf = chain.get(0);
        detail.put("subject", leaf.getSubjectX500Principal().getName());
        detail.put("issuer", leaf.getIssuerX500Principal().getName());
        detail.put("chainLength", chain.size());
        X509Certificate first = chain.stream().min(Comparator.comparing(X509Certificate::getNotAfter)).orElse(leaf);
        detail.put("notAfter", first.getNotAfter().toInstant());
        detail.put("daysLeft", Math.floor(Duration.between(now, first.getNotAfter().toInstant()).toSeconds()
                / 86_400.0));
        if (first != leaf) {
            detail.put("firstToExpire", first.getSubjectX500Principal().getName());
        }
        return detail;
    }

    private static String wholeDays(double days) {
        long whole = (long) Math.floor(days);
        return (whole == 1) ? "1 day" : (whole < 1) ? "less than a day" : whole + " days";
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ex) {
            // Closing a socket that is being torn down anyway.
        }
    }

    private String remedy(Finding finding) {
        String name = finding.name();
        return switch (finding.code()) {
            case "tls.expired" -> "Renew the certificate and deploy it now; clients reject it until then. If renewal is"
                    + " automated (cert-manager, ACME), read the renewal job's logs.";
            case "tls.not-yet-valid" -> "Check this host's clock (timedatectl, NTP) against the certificate's start"
                    + " date; a certificate issued with a future start date is rejected until then.";
            case "tls.expiring" -> "Renew the certificate before it expires; if renewal is automated (cert-manager,"
                    + " ACME), find out why it has not happened yet.";
            case "tls.hostname-mismatch" -> "Reach the endpoint by a name the certificate carries, or reissue the"
                    + " certificate with this name in its subject alternative names; if another name is expected, set"
                    + " the endpoint's server-name for '" + name + "'.";
            case "tls.chain-incomplete" -> "Configure the server to send the full chain, leaf first then the"
                    + " intermediates (fullchain.pem, not cert.pem); clients that do not already hold the intermediate"
                    + " fail with 'PKIX path building failed'.";
            case "tls.self-signed" -> "Use a certificate issued by a CA the clients trust; if this self-signed"
                    + " certificate is intended (development, a pinned internal service), mark '" + name
                    + "' as self-signed-expected.";
            case "tls.untrusted" -> "The chain does not lead to a CA in the trust store: add the issuing CA to the"
                    + " trust store the check uses, or fix the server's chain ('openssl s_client -showcerts').";
            case "tls.unreachable" -> "The endpoint could not be reached: check that it runs and the network path"
                    + " ('openssl s_client -connect host:port' from this host); a 'tcp' target for it says more.";
            case "tls.handshake-failed" -> "The server did not complete a TLS handshake: check that the port speaks"
                    + " TLS and which protocol versions and ciphers it accepts ('openssl s_client -connect"
                    + " host:port').";
            default -> "Check the path, the file's permissions, and the store's type and password configured for '"
                    + name + "'.";
        };
    }

    @Override
    public void close() {
        this.handshakes.shutdownNow();
        this.resolver.close();
    }

    private record Finding(Status status, String code, String text, String name) {
    }

    private record Handshake(List<X509Certificate> chain, String protocol, long nanos, String problem,
            Throwable failure) {

        static Handshake failed(String problem, Throwable failure) {
            return new Handshake(null, null, 0, problem, failure);
        }
    }

    /**
     * Accepts any chain, so the handshake completes and the chain can be read and judged by the check. Used only for
     * the inspection connection, which carries no data and is closed at once.
     */
    private static final class ChainReader extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("The inspection connection is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("The inspection connection is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("The inspection connection is a client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Read only: the chain is judged by the check after the handshake.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Read only: the chain is judged by the check after the handshake.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Read only: the chain is judged by the check after the handshake.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
