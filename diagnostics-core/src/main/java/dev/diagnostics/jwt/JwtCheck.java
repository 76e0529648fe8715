package dev.diagnostics.jwt;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.auth0.jwt.interfaces.Verification;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Redaction;
import dev.diagnostics.Status;
import dev.diagnostics.time.TimeSource;

/**
 * The {@code jwt} check: would this instance accept the tokens its peers issue, and the other way round?
 *
 * <ul>
 * <li><b>Key present and strong</b> ({@link KeyStrength}): a missing or weak key is DOWN ({@code jwt.key-missing},
 * {@code jwt.key-too-short}, {@code jwt.key-placeholder}, ...), or a startup error in strict mode.</li>
 * <li><b>Self-test</b> at build time: a short-lived token signed with the key and the configured issuer and audience
 * must pass the application's verifier (or one built from the same settings); {@code jwt.self-test-failed} names
 * the reason, such as an audience the verifier does not expect.</li>
 * <li><b>Same key on every instance</b>: each instance publishes {@link KeyAnnouncement}s to a
 * {@link KeyFingerprintRegistry} every {@code publish-interval} (on the time source's timer, so a cached check result
 * never delays it) and every check reads its live peers; instances that disagree are DOWN ({@code jwt.key-mismatch})
 * with the groups named. An {@code expected-fingerprint} pins the key without a registry ({@code jwt.key-unexpected}).
 * </li>
 * <li><b>Clock skew</b> against a {@link ReferenceClock} (Redis {@code TIME}) beyond the leeway (at least 1 s) is
 * DEGRADED ({@code jwt.clock-skew}): tokens from peers would be "not yet valid" or expire early here.</li>
 * <li><b>Tokens signed with another secret</b>: a burst of bad signatures seen by the {@link #classifier()} within
 * the window is DEGRADED ({@code jwt.foreign-signatures}).</li>
 * </ul>
 *
 * <p>No output contains the key: results show its fingerprint, algorithm, size and where it comes from. Thread-safe.
 * {@link #start()} begins publishing; {@link #close()} stops it.
 */
public final class JwtCheck implements HealthCheck, AutoCloseable {

    /** The check's default name. */
    public static final String NAME = "jwt";

    private static final Logger logger = LoggerFactory.getLogger(JwtCheck.class);

    private static final Duration MIN_SKEW_REPORTED = Duration.ofSeconds(1);

    private final TimeSource time;

    private final JwtCheckConfig config;

    private final KeySource source;

    private final String algorithmName;

    private final Integer keyBits;

    private final String fingerprint;

    private final List<KeyStrength.Problem> keyProblems;

    private final boolean keyMissing;

    private final String selfTest;

    private final JwtFailure selfTestFailure;

    private final KeyFingerprintRegistry registry;

    private final ReferenceClock referenceClock;

    private final JwtFailureCounts counts;

    private final JwtFailureClassifier classifier;

    private volatile Duration clockSkew;

    private volatile long lastPublishNanos = Long.MIN_VALUE;

    private volatile String lastPublishError;

    private volatile boolean started;

    private volatile boolean closed;

    private TimeSource.Cancellable nextPublish;

    private JwtCheck(Builder builder, Algorithm algorithm, JwtKey key) {
        this.time = builder.time;
        this.config = builder.config;
        this.source = builder.source;
        this.registry = builder.registry;
        this.referenceClock = builder.referenceClock;
        this.keyMissing = builder.missing != null;
        this.counts = new JwtFailureCounts(this.time, this.config.badSignatureWindow());
        if (this.keyMissing) {
            this.algorithmName = (builder.jwtAlgorithm != null) ? builder.jwtAlgorithm.name() : null;
            this.keyBits = null;
            this.fingerprint = null;
            this.keyProblems = List.of(new KeyStrength.Problem("jwt.key-missing", "No JWT key: "
                    + builder.source.description() + " " + builder.missing));
            this.selfTest = "not run: no key";
            this.selfTestFailure = null;
            this.classifier = null;
            return;
        }
        this.algorithmName = algorithm.getName();
        this.keyBits = (key != null && key.isSecret()) ? key.secretBits() : null;
        this.keyProblems = (key != null) ? KeyStrength.assess(key) : List.of();
        this.fingerprint = fingerprint(key, algorithm);
        JWTVerifier verifier = (builder.verifier != null) ? builder.verifier : ownVerifier(algorithm);
        this.classifier = JwtFailureClassifier.builder(verifier, this.algorithmName, this.time)
                .ourKeyIds((this.fingerprint != null) ? Set.of(this.fingerprint) : Set.of())
                .leeway(this.config.leeway())
                .maxTokenLength(this.config.maxTokenLength())
                .counts(this.counts)
                .clockSkew(() -> this.clockSkew, (this.referenceClock != null) ? this.referenceClock.describe()
                        : "the reference clock")
                .build();
        boolean canSign = (key != null) ? key.canSign() : true;
        if (canSign) {
            this.selfTestFailure = selfTest(algorithm, verifier);
            this.selfTest = (this.selfTestFailure == null) ? "passed" : "failed: " + this.selfTestFailure.reason().tag();
        }
        else {
            this.selfTestFailure = null;
            this.selfTest = "not run: verify-only key (no private key)";
        }
    }

    /** Starts a check; see {@link Builder}. */
    public static Builder builder(TimeSource time) {
        return new Builder(time);
    }

    /** A registration in the readiness group: a key mismatch means this instance answers 401 to its peers' users. */
    public static CheckRegistration.Builder registration(String name, JwtCheck check) {
        return CheckRegistration.builder(name, check).groups(HealthGroups.READINESS);
    }

    /** The key's fingerprint: the {@code kid} to put in the tokens this instance issues; {@code null} if unknown. */
    public String kid() {
        return this.fingerprint;
    }

    /** The classifier to call where the application verifies tokens; {@code null} when there is no key. */
    public JwtFailureClassifier classifier() {
        return this.classifier;
    }

    /** The failure counts the classifier records, for {@link JwtMetrics}. */
    public JwtFailureCounts counts() {
        return this.counts;
    }

    /** This instance's id in the registry. */
    public String instanceId() {
        return this.config.instanceId();
    }

    /** The last measured offset of the reference clock from this one (positive: this clock is behind), or null. */
    public Duration clockSkew() {
        return this.clockSkew;
    }

    @Override
    public boolean external() {
        return this.registry != null || this.referenceClock != null;
    }

    /** Publishes now and then every {@code publish-interval} on the time source's timer. Idempotent. */
    public synchronized JwtCheck start() {
        if (this.started || this.closed || this.registry == null || this.fingerprint == null) {
            return this;
        }
        this.started = true;
        publishAndReschedule();
        return this;
    }

    private synchronized void publishAndReschedule() {
        if (this.closed) {
            return;
        }
        publish();
        this.nextPublish = this.time.schedule(this.config.publishInterval(), this::publishAndReschedule);
    }

    /** Publishes this instance's announcement now, without waiting for the registry. */
    public java.util.concurrent.CompletionStage<Void> publish() {
        if (this.registry == null || this.fingerprint == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        this.lastPublishNanos = this.time.nanoTime();
        try {
            return this.registry.publish(announcement(), this.config.instanceTtl()).whenComplete((ignored, failure) -> {
                this.lastPublishError = (failure != null) ? Redaction.describe(failure) : null;
            });
        }
        catch (RuntimeException ex) {
            this.lastPublishError = Redaction.describe(ex);
            return java.util.concurrent.CompletableFuture.failedFuture(ex);
        }
    }

    private KeyAnnouncement announcement() {
        return new KeyAnnouncement(this.config.instanceId(), this.fingerprint, this.algorithmName, this.time.now());
    }

    @Override
    public CheckResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("algorithm", this.algorithmName);
        details.put("keySource", this.source.description());
        if (this.keyBits != null) {
            details.put("keyBits", this.keyBits);
        }
        details.put("fingerprint", this.fingerprint);
        details.put("selfTest", this.selfTest);
        if (!this.keyProblems.isEmpty()) {
            KeyStrength.Problem first = this.keyProblems.get(0);
            details.put("keyProblems", this.keyProblems.stream().map(KeyStrength.Problem::code).toList());
            return CheckResult.down().details(details).diagnosis(first.code(), causeOf(this.keyProblems),
                    keyRemedy()).build();
        }
        if (this.selfTestFailure != null) {
            details.put("selfTestReason", this.selfTestFailure.reason().tag());
            return CheckResult.down().details(details).diagnosis("jwt.self-test-failed",
                    "A token this instance signs with its own key is rejected by its verifier: "
                            + this.selfTestFailure.description(),
                    "Make the verifier's settings match how tokens are issued: algorithm " + this.algorithmName
                            + ", issuer " + quoted(this.config.issuer()) + ", audience " + this.config.audience()
                            + " (" + this.config.propertyPrefix() + ".issuer / .audience) and the key pair. Until then"
                            + " every login on this instance yields tokens it rejects (401).")
                    .build();
        }
        details.put("instanceId", this.config.instanceId());
        Finding finding = null;
        if (this.config.expectedFingerprint() != null && this.fingerprint != null) {
            details.put("expectedFingerprint", this.config.expectedFingerprint());
            if (!this.config.expectedFingerprint().equals(this.fingerprint)) {
                finding = new Finding(Status.DOWN, "jwt.key-unexpected", "This instance's JWT key has fingerprint "
                        + this.fingerprint + ", not the expected " + this.config.expectedFingerprint()
                        + ": it was given another key than the rest of the deployment",
                        "Set " + this.source.description() + " to the deployment's key and restart this instance; or,"
                                + " if the key was rotated on purpose, update " + this.config.propertyPrefix()
                                + ".expected-fingerprint.");
            }
        }
        if (this.registry != null && this.fingerprint != null) {
            Finding mismatch = compareWithPeers(details);
            if (finding == null) {
                finding = mismatch;
            }
        }
        else if (this.registry == null) {
            details.put("registry", "none: instances are not compared (needs a shared registry such as Redis)");
        }
        Finding skew = measureSkew(details);
        if (finding == null) {
            finding = skew;
        }
        Finding foreign = foreignSignatures(details);
        if (finding == null) {
            finding = foreign;
        }
        Map<String, Long> failures = this.counts.totals();
        if (!failures.isEmpty()) {
            details.put("failures", failures);
        }
        if (finding == null) {
            return CheckResult.up().details(details).build();
        }
        return CheckResult.status(finding.status()).details(details)
                .diagnosis(finding.code(), finding.cause(), finding.remedy()).build();
    }

    private Finding compareWithPeers(Map<String, Object> details) {
        details.put("registry", this.registry.describe());
        if (this.started && this.time.nanoTime() - this.lastPublishNanos >= this.config.publishInterval().toNanos()) {
            publish();
        }
        if (this.lastPublishError != null) {
            details.put("publishError", this.lastPublishError);
        }
        List<KeyAnnouncement> live;
        try {
            live = new ArrayList<>(this.registry.live(this.config.registryTimeout()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            details.put("registryError", "interrupted");
            return null;
        }
        catch (Exception ex) {
            details.put("registryError", Redaction.describe(ex));
            return null;
        }
        live.removeIf((announcement) -> announcement.instanceId().equals(this.config.instanceId()));
        live.add(announcement());
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (KeyAnnouncement announcement : live) {
            groups.computeIfAbsent(announcement.fingerprint() + " (" + announcement.algorithm() + ")",
                    (key) -> new ArrayList<>()).add(announcement.instanceId());
        }
        groups.values().forEach((ids) -> ids.sort(Comparator.naturalOrder()));
        List<Map.Entry<String, List<String>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.<Map.Entry<String, List<String>>>comparingInt((entry) -> -entry.getValue().size())
                .thenComparing(Map.Entry::getKey));
        details.put("instances", live.size());
        Map<String, Object> shown = new LinkedHashMap<>();
        ordered.forEach((entry) -> shown.put(entry.getKey(), entry.getValue()));
        details.put("keys", shown);
        if (groups.size() <= 1) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : ordered) {
            List<String> ids = entry.getValue().stream()
                    .map((id) -> id.equals(this.config.instanceId()) ? id + " (this instance)" : id).toList();
            String who = (ids.size() == 1) ? "instance " + ids.get(0) + " uses"
                    : ids.size() + " instances (" + String.join(", ", ids.subList(0, Math.min(3, ids.size())))
                            + ((ids.size() > 3) ? ", ..." : "") + ") use";
            parts.add(who + " key " + entry.getKey());
        }
        return new Finding(Status.DOWN, "jwt.key-mismatch", "Instances of this service use different JWT keys: "
                + String.join("; ", parts) + ". A token issued by one group is rejected (401) by the others",
                "Give every instance the same key (" + this.source.description() + ") and restart the ones that"
                        + " differ; the fingerprints show which. If a key rotation is under way, finish it on every"
                        + " instance.");
    }

    private Finding measureSkew(Map<String, Object> details) {
        if (this.referenceClock == null) {
            return null;
        }
        try {
            Instant before = this.time.now();
            Instant reference = this.referenceClock.now(this.config.registryTimeout());
            Instant after = this.time.now();
            Instant middle = before.plus(Duration.between(before, after).dividedBy(2));
            Duration skew = Duration.between(middle, reference);
            this.clockSkew = skew;
            details.put("clockSkewMs", skew.toMillis());
            Duration limit = this.config.leeway().compareTo(MIN_SKEW_REPORTED) > 0 ? this.config.leeway()
                    : MIN_SKEW_REPORTED;
            if (skew.abs().compareTo(limit) > 0) {
                String direction = skew.isNegative() ? "ahead of" : "behind";
                return new Finding(Status.DEGRADED, "jwt.clock-skew", "This instance's clock is "
                        + skew.abs().toMillis() + " ms " + direction + " " + this.referenceClock.describe()
                        + ", more than the leeway of " + this.config.leeway().toMillis() + " ms: tokens from"
                        + " instances with a correct clock look " + (skew.isNegative() ? "expired early"
                                : "'not yet valid'") + " here",
                        "Synchronise this host's clock (NTP, chrony); or raise " + this.config.propertyPrefix()
                                + ".leeway and the verifier's leeway to cover the skew.");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            details.put("clockError", Redaction.describe(ex));
        }
        return null;
    }

    private Finding foreignSignatures(Map<String, Object> details) {
        long[] window = this.counts.badSignaturesInWindow();
        details.put("badSignaturesInWindow", window[0]);
        if (window[0] < this.config.badSignatureThreshold()) {
            return null;
        }
        String kid = this.counts.lastForeignKid();
        return new Finding(Status.DEGRADED, "jwt.foreign-signatures", "Tokens signed with another secret: " + window[0]
                + " tokens within " + this.config.badSignatureWindow().toSeconds() + " s had a bad signature"
                + ((window[1] > 0) ? ", " + window[1] + " of them naming a key this instance does not have (last kid '"
                        + kid + "', ours '" + this.fingerprint + "')" : ""),
                "Users get 401 from this instance for tokens another instance or issuer signed. Compare the"
                        + " fingerprints of every instance (the 'jwt' check of each shows it) and give them all the"
                        + " same key (" + this.source.description() + "), then restart those that differ.");
    }

    private String keyRemedy() {
        if (this.keyMissing) {
            return "Set " + this.source.description() + " on every instance to the shared signing key (from your"
                    + " secret store), then restart. Every token is rejected until then.";
        }
        return "Generate a random key (HS256: 32 random bytes, for example 'openssl rand -base64 32'; RSA: 2048 bits"
                + " or more), put it in " + this.source.description() + " on every instance at once and restart;"
                + " existing tokens become invalid, so plan the rotation.";
    }

    private static String causeOf(List<KeyStrength.Problem> problems) {
        return String.join("; ", problems.stream().map(KeyStrength.Problem::message).toList());
    }

    private JwtFailure selfTest(Algorithm algorithm, JWTVerifier verifier) {
        Instant now = this.time.now();
        JWTCreator.Builder token = JWT.create().withSubject("diagnostics-self-test")
                .withJWTId(UUID.randomUUID().toString()).withIssuedAt(now).withNotBefore(now)
                .withExpiresAt(now.plusSeconds(60));
        if (this.fingerprint != null) {
            token.withKeyId(this.fingerprint);
        }
        if (this.config.issuer() != null) {
            token.withIssuer(this.config.issuer());
        }
        if (!this.config.audience().isEmpty()) {
            token.withAudience(this.config.audience().toArray(String[]::new));
        }
        String signed;
        try {
            signed = token.sign(algorithm);
        }
        catch (RuntimeException ex) {
            return new JwtFailure(JwtFailureReason.OTHER, "signing failed (" + Redaction.describe(ex) + ")", Map.of());
        }
        JwtFailureClassifier selfTestClassifier = JwtFailureClassifier.builder(verifier, this.algorithmName, this.time)
                .ourKeyIds((this.fingerprint != null) ? Set.of(this.fingerprint) : Set.of())
                .leeway(this.config.leeway()).build();
        Optional<JwtFailure> failure;
        try {
            failure = selfTestClassifier.classify(signed);
        }
        catch (RuntimeException ex) {
            failure = Optional.of(new JwtFailure(JwtFailureReason.OTHER, "verification threw "
                    + ex.getClass().getSimpleName(), Map.of()));
        }
        return failure.orElse(null);
    }

    private JWTVerifier ownVerifier(Algorithm algorithm) {
        Verification verification = JWT.require(algorithm);
        if (this.config.issuer() != null) {
            verification.withIssuer(this.config.issuer());
        }
        if (!this.config.audience().isEmpty()) {
            verification.withAudience(this.config.audience().toArray(String[]::new));
        }
        verification.acceptLeeway(this.config.leeway().toSeconds());
        return ((com.auth0.jwt.JWTVerifier.BaseVerification) verification).build(new TimeSourceClock(this.time));
    }

    private static String fingerprint(JwtKey key, Algorithm algorithm) {
        if (key != null) {
            return JwtKeyFingerprint.of(key);
        }
        if (algorithm.getName().startsWith("HS")) {
            return JwtKeyFingerprint.ofHmacOverLabel(algorithm.sign(JwtKeyFingerprint.LABEL_HEAD,
                    JwtKeyFingerprint.LABEL_TAIL));
        }
        return null;
    }

    private static String quoted(String value) {
        return (value != null) ? "'" + value + "'" : "(none)";
    }

    /** Stops publishing. The registry and the reference clock belong to whoever made them. */
    @Override
    public synchronized void close() {
        this.closed = true;
        if (this.nextPublish != null) {
            this.nextPublish.cancel();
        }
    }

    @Override
    public String toString() {
        return "JwtCheck[" + this.algorithmName + ", " + this.source.description() + ", fingerprint "
                + this.fingerprint + "]";
    }

    private record Finding(Status status, String code, String cause, String remedy) {
    }

    /**
     * Builds a {@link JwtCheck}: give it exactly one key, by {@link #key(JwtKey, KeySource)},
     * {@link #secret(JwtAlgorithm, String, JwtKey.SecretEncoding, KeySource)} or
     * {@link #algorithm(Algorithm, KeySource)}. Not thread-safe.
     */
    public static final class Builder {

        private final TimeSource time;

        private JwtCheckConfig config = JwtCheckConfig.defaults();

        private KeySource source;

        private JwtKey key;

        private Algorithm algorithm;

        private JwtAlgorithm jwtAlgorithm;

        private String missing;

        private JWTVerifier verifier;

        private KeyFingerprintRegistry registry;

        private ReferenceClock referenceClock;

        private Builder(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
        }

        public Builder config(JwtCheckConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The key, with where it comes from. */
        public Builder key(JwtKey key, KeySource source) {
            this.key = Objects.requireNonNull(key, "key");
            this.jwtAlgorithm = key.algorithm();
            this.source = Objects.requireNonNull(source, "source");
            this.missing = null;
            return this;
        }

        /**
         * An HMAC secret read from a setting: {@code null} or blank is a missing key, text that is not valid in its
         * encoding is reported as such (never shown).
         */
        public Builder secret(JwtAlgorithm algorithm, String value, JwtKey.SecretEncoding encoding, KeySource source) {
            this.source = Objects.requireNonNull(source, "source");
            this.jwtAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            if (value == null || value.isBlank()) {
                this.missing = (value == null) ? "is not set" : "is blank";
                return this;
            }
            try {
                this.key = JwtKey.hmac(algorithm, value, encoding);
                this.missing = null;
            }
            catch (IllegalArgumentException ex) {
                this.missing = "cannot be read: " + ex.getMessage();
            }
            return this;
        }

        /** No key at all, for example a setting that names nothing; the check is DOWN {@code jwt.key-missing}. */
        public Builder missingKey(KeySource source, String why) {
            this.source = Objects.requireNonNull(source, "source");
            this.missing = Objects.requireNonNull(why, "why");
            return this;
        }

        /**
         * The application's java-jwt {@code Algorithm}, when its key is not available otherwise. Its strength cannot be
         * assessed (java-jwt does not reveal it); an HMAC algorithm is still fingerprinted, by signing the label.
         */
        public Builder algorithm(Algorithm algorithm, KeySource source) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.source = Objects.requireNonNull(source, "source");
            this.missing = null;
            return this;
        }

        /** The application's own verifier: the self-test and the classifier use it. */
        public Builder verifier(JWTVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        public Builder registry(KeyFingerprintRegistry registry) {
            this.registry = registry;
            return this;
        }

        public Builder referenceClock(ReferenceClock referenceClock) {
            this.referenceClock = referenceClock;
            return this;
        }

        /**
         * Builds the check, assesses the key and runs the self-test.
         *
         * @throws InvalidConfigurationException in strict mode, when the key is missing or weak or the self-test fails,
         * naming the setting that holds the key (never its value)
         */
        public JwtCheck build() {
            if (this.source == null) {
                throw new InvalidConfigurationException(this.config.propertyPrefix(), "the jwt check has no key");
            }
            JwtCheck check;
            if (this.missing != null) {
                check = new JwtCheck(this, null, null);
            }
            else {
                Algorithm signing = (this.algorithm != null && this.key == null) ? this.algorithm : algorithmOf(this.key);
                check = new JwtCheck(this, signing, this.key);
            }
            List<String> problems = new ArrayList<>(check.keyProblems.stream().map(KeyStrength.Problem::message)
                    .toList());
            if (check.selfTestFailure != null) {
                problems.add("the self-test failed: " + check.selfTestFailure.description());
            }
            if (!problems.isEmpty()) {
                if (this.config.strict()) {
                    check.close();
                    throw new InvalidConfigurationException(this.source.setting(), "JWT key from "
                            + this.source.description() + ": " + String.join("; ", problems) + " ("
                            + this.config.propertyPrefix() + ".strict=true)");
                }
                logger.warn("JWT key from {}: {}; the '{}' check is DOWN until it is fixed", this.source.description(),
                        String.join("; ", problems), NAME);
            }
            return check;
        }

        private static Algorithm algorithmOf(JwtKey key) {
            byte[] secret = key.secret();
            try {
                return switch (key.algorithm()) {
                    case HS256 -> Algorithm.HMAC256(secret);
                    case HS384 -> Algorithm.HMAC384(secret);
                    case HS512 -> Algorithm.HMAC512(secret);
                    case RS256 -> Algorithm.RSA256((RSAPublicKey) key.publicKey(), (RSAPrivateKey) key.privateKey());
                    case RS384 -> Algorithm.RSA384((RSAPublicKey) key.publicKey(), (RSAPrivateKey) key.privateKey());
                    case RS512 -> Algorithm.RSA512((RSAPublicKey) key.publicKey(), (RSAPrivateKey) key.privateKey());
                    case ES256 -> Algorithm.ECDSA256((ECPublicKey) key.publicKey(), (ECPrivateKey) key.privateKey());
                    case ES384 -> Algorithm.ECDSA384((ECPublicKey) key.publicKey(), (ECPrivateKey) key.privateKey());
                    case ES512 -> Algorithm.ECDSA512((ECPublicKey) key.publicKey(), (ECPrivateKey) key.privateKey());
                };
            }
            finally {
                if (secret != null) {
                    Arrays.fill(secret, (byte) 0);
                }
            }
        }
    }
}
