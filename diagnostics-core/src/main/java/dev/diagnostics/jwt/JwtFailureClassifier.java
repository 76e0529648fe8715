package dev.diagnostics.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;

import dev.diagnostics.time.TimeSource;

/**
 * Tells why a token fails verification, counts the reasons, and lets the {@code jwt} check see a burst of tokens signed
 * with another secret. The application calls it where it verifies tokens (we add no servlet filter):
 *
 * <pre>{@code
 * Optional<JwtFailure> failure = classifier.classify(token);   // verifies with the application's verifier
 * // or, when the application already verified and caught the exception:
 * JwtFailure failure = classifier.classify(token, exception);
 * }</pre>
 *
 * <p>A token longer than the maximum length is rejected before anything decodes it. {@link #classify(String)}
 * decodes the token once and verifies that decoded token, so it costs what {@code JWTVerifier.verify} costs plus the
 * classification (see the JMH benchmark). Descriptions and details never contain the token, its signature or claim
 * values: only the {@code kid} and {@code alg} header values (sanitised), claim names, and times.
 *
 * <p>Thread-safe when the verifier is (java-jwt's is).
 */
public final class JwtFailureClassifier {

    private static final int MAX_KID = 64;

    private final JWTVerifier verifier;

    private final String expectedAlgorithm;

    private final Set<String> ourKeyIds;

    private final TimeSource time;

    private final Duration leeway;

    private final int maxTokenLength;

    private final JwtFailureCounts counts;

    private final Supplier<Duration> clockSkew;

    private final String skewSource;

    private JwtFailureClassifier(Builder builder) {
        this.verifier = builder.verifier;
        this.expectedAlgorithm = builder.expectedAlgorithm;
        this.ourKeyIds = Set.copyOf(builder.ourKeyIds);
        this.time = builder.time;
        this.leeway = builder.leeway;
        this.maxTokenLength = builder.maxTokenLength;
        this.counts = (builder.counts != null) ? builder.counts
                : new JwtFailureCounts(builder.time, Duration.ofMinutes(1));
        this.clockSkew = builder.clockSkew;
        this.skewSource = builder.skewSource;
    }

    /**
     * @param verifier the verifier the application uses (its algorithm, issuer, audience and leeway)
     * @param expectedAlgorithm the verifier's algorithm name ({@code HS256}), to explain mismatches
     * @param time the clock for the bad-signature window and "expired since"
     */
    public static Builder builder(JWTVerifier verifier, String expectedAlgorithm, TimeSource time) {
        return new Builder(verifier, expectedAlgorithm, time);
    }

    /** The counts this classifier records into. */
    public JwtFailureCounts counts() {
        return this.counts;
    }

    /**
     * Verifies the token and, when it fails, says why and counts it.
     *
     * @param token the compact JWS, without the {@code Bearer } prefix
     * @return empty when the token is valid
     */
    public Optional<JwtFailure> classify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(record(malformed("No token: the credential is empty")));
        }
        if (token.length() > this.maxTokenLength) {
            return Optional.of(record(oversized(token.length())));
        }
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        }
        catch (JWTDecodeException ex) {
            return Optional.of(record(malformed(describeMalformed(token))));
        }
        try {
            this.verifier.verify(decoded);
            return Optional.empty();
        }
        catch (JWTVerificationException ex) {
            return Optional.of(record(classify(decoded, ex)));
        }
    }

    /**
     * Classifies a failure the application already caught from its own {@code verify} call, and counts it. Decodes
     * the token's header (bounded by the maximum length) only when the reason needs it.
     */
    public JwtFailure classify(String token, JWTVerificationException failure) {
        Objects.requireNonNull(failure, "failure");
        if (token == null || token.isEmpty()) {
            return record(malformed("No token: the credential is empty"));
        }
        if (token.length() > this.maxTokenLength) {
            return record(oversized(token.length()));
        }
        if (failure instanceof JWTDecodeException) {
            return record(malformed(describeMalformed(token)));
        }
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        }
        catch (JWTDecodeException ex) {
            return record(malformed(describeMalformed(token)));
        }
        return record(classify(decoded, failure));
    }

    private JwtFailure record(JwtFailure failure) {
        Object kid = failure.details().get("tokenKid");
        this.counts.record(failure.reason(),
                (failure.reason() == JwtFailureReason.BAD_SIGNATURE && kid instanceof String tokenKid
                        && !this.ourKeyIds.contains(tokenKid)) ? tokenKid : null);
        return failure;
    }

    private JwtFailure classify(DecodedJWT token, JWTVerificationException failure) {
        Map<String, Object> details = new LinkedHashMap<>();
        String tokenAlg = safe(token.getAlgorithm());
        String kid = safe(token.getKeyId());
        if (kid != null) {
            details.put("tokenKid", kid);
        }
        if (failure instanceof TokenExpiredException expired) {
            Instant expiredAt = expired.getExpiredOn();
            details.put("expiredAt", expiredAt);
            if (expiredAt == null) {
                return new JwtFailure(JwtFailureReason.EXPIRED, "The token has expired", details);
            }
            Duration ago = Duration.between(expiredAt, this.time.now());
            details.put("expiredForMs", ago.toMillis());
            return new JwtFailure(JwtFailureReason.EXPIRED, "The token expired at " + expiredAt + ", "
                    + seconds(ago) + " ago (leeway " + seconds(this.leeway) + "): the client must refresh it"
                    + skewNote(ago), details);
        }
        if (failure instanceof SignatureVerificationException) {
            return badSignature(kid, details);
        }
        if (failure instanceof AlgorithmMismatchException) {
            details.put("tokenAlg", tokenAlg);
            details.put("expectedAlg", this.expectedAlgorithm);
            if (tokenAlg == null || "none".equalsIgnoreCase(tokenAlg)) {
                return new JwtFailure(JwtFailureReason.ALG_NONE, "An unsigned token (alg 'none') was rejected:"
                        + " someone tries to get past signature checks", details);
            }
            boolean confusion = tokenAlg.startsWith("HS") && this.expectedAlgorithm != null
                    && !this.expectedAlgorithm.startsWith("HS");
            return new JwtFailure(JwtFailureReason.ALGORITHM_MISMATCH, "The token is signed with " + tokenAlg
                    + " but this verifier accepts " + this.expectedAlgorithm
                    + (confusion ? ": an HMAC token against a public-key verifier is an algorithm-confusion attack"
                            + " (the public key used as an HMAC secret)" : ": issuer and verifier disagree on the"
                                    + " algorithm"), details);
        }
        if (failure instanceof MissingClaimException missing) {
            details.put("claim", safe(missing.getClaimName()));
            details.put("claimNames", new TreeSet<>(token.getClaims().keySet()).stream().map(JwtFailureClassifier::safe)
                    .toList());
            return new JwtFailure(JwtFailureReason.MISSING_CLAIM, "The token has no '" + safe(missing.getClaimName())
                    + "' claim, which the verifier requires", details);
        }
        if (failure instanceof IncorrectClaimException incorrect) {
            String claim = safe(incorrect.getClaimName());
            details.put("claim", claim);
            if ("nbf".equals(claim) || "iat".equals(claim)) {
                return notYetValid(claim, incorrect.getClaimValue(), details);
            }
            return new JwtFailure(JwtFailureReason.WRONG_CLAIM, "The token's '" + claim + "' claim has a value"
                    + " this verifier does not accept" + ("aud".equals(claim) ? ": the audience the issuer sets"
                            + " differs from the one the verifier expects" : "iss".equals(claim)
                                    ? ": the token comes from another issuer than the verifier expects" : ""),
                    details);
        }
        return new JwtFailure(JwtFailureReason.OTHER, "The token failed verification ("
                + failure.getClass().getSimpleName() + ")", details);
    }

    private JwtFailure badSignature(String kid, Map<String, Object> details) {
        if (!this.ourKeyIds.isEmpty()) {
            details.put("ourKid", String.join(",", new TreeSet<>(this.ourKeyIds)));
        }
        if (kid != null && !this.ourKeyIds.isEmpty() && !this.ourKeyIds.contains(kid)) {
            return new JwtFailure(JwtFailureReason.BAD_SIGNATURE, "The token was signed with a key this instance"
                    + " does not have (token kid '" + kid + "', ours '" + details.get("ourKid") + "'): another"
                    + " instance or issuer uses another secret", details);
        }
        if (kid != null && this.ourKeyIds.contains(kid)) {
            return new JwtFailure(JwtFailureReason.BAD_SIGNATURE, "The token names this instance's key (kid '" + kid
                    + "') but its signature does not match: it was altered, or another secret was deployed under"
                    + " the same kid", details);
        }
        return new JwtFailure(JwtFailureReason.BAD_SIGNATURE, "The signature does not match this instance's key:"
                + " the token was signed with another secret, or altered", details);
    }

    private JwtFailure notYetValid(String claim, Claim value, Map<String, Object> details) {
        Instant from = (value != null) ? value.asInstant() : null;
        details.put("notBefore", from);
        StringBuilder description = new StringBuilder("The token is not valid yet ('").append(claim).append("'");
        if (from != null) {
            Duration ahead = Duration.between(this.time.now(), from);
            details.put("aheadMs", ahead.toMillis());
            description.append(" is ").append(from).append(", ").append(seconds(ahead))
                    .append(" ahead of this instance's clock");
        }
        description.append("; leeway ").append(seconds(this.leeway)).append(")");
        Duration skew = (this.clockSkew != null) ? this.clockSkew.get() : null;
        if (skew != null) {
            details.put("clockSkewMs", skew.toMillis());
            boolean beyond = skew.abs().compareTo(this.leeway) > 0;
            description.append(": this instance's clock is ").append(seconds(skew.abs()))
                    .append(skew.isNegative() ? " ahead of " : " behind ").append(this.skewSource)
                    .append(beyond ? ", more than the leeway: fix the clock (NTP) or raise the leeway"
                            : ", within the leeway: the issuer's clock is ahead, or it set the time in the future");
        }
        else {
            description.append(": clock skew between the issuer and this instance, or a token dated in the future");
        }
        return new JwtFailure(JwtFailureReason.NOT_YET_VALID, description.toString(), details);
    }

    private String skewNote(Duration ago) {
        Duration skew = (this.clockSkew != null) ? this.clockSkew.get() : null;
        if (skew != null && skew.isNegative() && skew.abs().compareTo(this.leeway) > 0
                && ago.compareTo(skew.abs()) <= 0) {
            return "; this instance's clock is " + seconds(skew.abs()) + " ahead of " + this.skewSource
                    + ", which is enough to explain it";
        }
        return "";
    }

    private static JwtFailure malformed(String description) {
        return new JwtFailure(JwtFailureReason.MALFORMED, description, Map.of());
    }

    private JwtFailure oversized(int length) {
        return new JwtFailure(JwtFailureReason.OVERSIZED, "The token is " + length + " characters long, over the "
                + this.maxTokenLength + " allowed: rejected without decoding it",
                Map.of("length", length, "maxLength", this.maxTokenLength));
    }

    /** What is wrong with a token java-jwt cannot decode, in our words: its messages quote the decoded text. */
    static String describeMalformed(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots != 2) {
            return "Not a JWT: " + (dots + 1) + " dot-separated parts instead of 3 (truncated or not a JWS)";
        }
        String[] parts = token.split("\\.", -1);
        String[] names = { "header", "payload" };
        for (int i = 0; i < 2; i++) {
            byte[] bytes;
            try {
                bytes = Base64.getUrlDecoder().decode(parts[i]);
            }
            catch (IllegalArgumentException ex) {
                return "Not a JWT: its " + names[i] + " is not valid base64url";
            }
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!text.startsWith("{") || !text.endsWith("}")) {
                return "Not a JWT: its " + names[i] + " is not a JSON object (truncated?)";
            }
        }
        return "Not a JWT: its header or payload is not valid JSON, or a registered claim has the wrong type";
    }

    /** A header value fit to show: at most 64 characters of letters, digits and {@code ._:-}; else a placeholder. */
    static String safe(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_KID) {
            return "(" + value.length() + " characters)";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != ':' && c != '-') {
                return "(unprintable, " + value.length() + " characters)";
            }
        }
        return value;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        long tenths = Math.abs(millis) / 100;
        return (Math.abs(millis) % 1000 == 0) ? (millis / 1000) + " s"
                : ((millis < 0) ? "-" : "") + (tenths / 10) + "." + (tenths % 10) + " s";
    }

    /** Builds a {@link JwtFailureClassifier}. Not thread-safe. */
    public static final class Builder {

        private final JWTVerifier verifier;

        private final String expectedAlgorithm;

        private final TimeSource time;

        private Set<String> ourKeyIds = Set.of();

        private Duration leeway = Duration.ZERO;

        private int maxTokenLength = JwtCheckConfig.DEFAULT_MAX_TOKEN_LENGTH;

        private JwtFailureCounts counts;

        private Supplier<Duration> clockSkew;

        private String skewSource = "the reference clock";

        private Builder(JWTVerifier verifier, String expectedAlgorithm, TimeSource time) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            this.expectedAlgorithm = expectedAlgorithm;
            this.time = Objects.requireNonNull(time, "time");
        }

        /** The {@code kid}s of this instance's keys: a token naming another one was signed elsewhere. */
        public Builder ourKeyIds(Set<String> ourKeyIds) {
            this.ourKeyIds = Set.copyOf(ourKeyIds);
            return this;
        }

        /** The verifier's leeway, for the descriptions. */
        public Builder leeway(Duration leeway) {
            this.leeway = Objects.requireNonNull(leeway, "leeway");
            return this;
        }

        public Builder maxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        /** Where to count failures; the {@code jwt} check reads the same counts. */
        public Builder counts(JwtFailureCounts counts) {
            this.counts = counts;
            return this;
        }

        /**
         * The last measured offset of the reference clock from this instance's clock (positive: this clock is
         * behind), or {@code null} when unknown.
         */
        public Builder clockSkew(Supplier<Duration> clockSkew, String source) {
            this.clockSkew = clockSkew;
            this.skewSource = Objects.requireNonNull(source, "source");
            return this;
        }

        public JwtFailureClassifier build() {
            return new JwtFailureClassifier(this);
        }
    }
}
