package dev.diagnostics.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;

import dev.diagnostics.time.ManualTimeSource;

class JwtFailureClassifierTests {

    private final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-03-01T12:00:00Z"));

    private final String secret = TestKeys.randomSecret(32);

    private final Algorithm hs256 = Algorithm.HMAC256(this.secret);

    private final String ourKid = JwtKeyFingerprint.of(JwtKey.hmac(JwtAlgorithm.HS256, this.secret,
            JwtKey.SecretEncoding.TEXT));

    private JwtFailureClassifier classifier(Algorithm algorithm, String name) {
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withAudience("orders")
                .acceptLeeway(5)).build(new TimeSourceClock(this.time));
        return JwtFailureClassifier.builder(verifier, name, this.time).ourKeyIds(java.util.Set.of(this.ourKid))
                .leeway(Duration.ofSeconds(5)).clockSkew(() -> Duration.ofSeconds(-120), "Redis TIME at test").build();
    }

    private String token(Algorithm algorithm, String kid, Instant issuedAt, Instant expiresAt) {
        var builder = JWT.create().withAudience("orders").withSubject("alice@example.com").withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt);
        if (kid != null) {
            builder.withKeyId(kid);
        }
        return builder.sign(algorithm);
    }

    private JwtFailure failure(String token) {
        return classifier(this.hs256, "HS256").classify(token).orElseThrow();
    }

    @Test
    void validTokenHasNoFailure() {
        String token = token(this.hs256, this.ourKid, this.time.now(), this.time.now().plusSeconds(60));
        assertThat(classifier(this.hs256, "HS256").classify(token)).isEmpty();
    }

    @Test
    void expiredSaysSinceWhen() {
        Instant expiry = this.time.now().minusSeconds(90);
        JwtFailure failure = failure(token(this.hs256, this.ourKid, expiry.minusSeconds(60), expiry));
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.EXPIRED);
        assertThat(failure.details()).containsEntry("expiredAt", expiry).containsEntry("expiredForMs", 90_000L);
        assertThat(failure.description()).contains("2026-03-01T11:58:30Z").contains("90 s ago");
    }

    @Test
    void notYetValidReportsTheClockSkewAgainstTheLeeway() {
        Instant future = this.time.now().plusSeconds(120);
        JwtFailure failure = failure(token(this.hs256, this.ourKid, future, future.plusSeconds(600)));
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.NOT_YET_VALID);
        assertThat(failure.details()).containsEntry("claim", "iat").containsEntry("clockSkewMs", -120_000L);
        assertThat(failure.description()).contains("120 s ahead of Redis TIME at test").contains("more than the leeway");
    }

    @Test
    void badSignatureWithAForeignKidSaysTheKeyIsNotOurs() {
        Algorithm other = Algorithm.HMAC256(TestKeys.randomSecret(32));
        JwtFailure failure = failure(token(other, "c3d4e5f6a7b8c9d0", this.time.now(), this.time.now().plusSeconds(60)));
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.BAD_SIGNATURE);
        assertThat(failure.description()).contains("signed with a key this instance does not have")
                .contains("c3d4e5f6a7b8c9d0").contains(this.ourKid);
    }

    @Test
    void badSignatureUnderOurKidIsAlteredOrAReusedKid() {
        Algorithm other = Algorithm.HMAC256(TestKeys.randomSecret(32));
        JwtFailure failure = failure(token(other, this.ourKid, this.time.now(), this.time.now().plusSeconds(60)));
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.BAD_SIGNATURE);
        assertThat(failure.description()).contains("names this instance's key");
    }

    @Test
    void algNoneIsNamed() {
        String token = token(Algorithm.none(), null, this.time.now(), this.time.now().plusSeconds(60));
        JwtFailure failure = failure(token);
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.ALG_NONE);
    }

    @Test
    void hmacTokenSignedWithTheRsaPublicKeyAgainstAnRsaVerifierIsAlgorithmConfusion() {
        KeyPair rsa = TestKeys.rsa(2048);
        Algorithm rs256 = Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate());
        Algorithm forged = Algorithm.HMAC256(rsa.getPublic().getEncoded());
        String token = token(forged, null, this.time.now(), this.time.now().plusSeconds(60));

        JwtFailure failure = classifier(rs256, "RS256").classify(token).orElseThrow();
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.ALGORITHM_MISMATCH);
        assertThat(failure.description()).contains("algorithm-confusion");
        assertThat(failure.details()).containsEntry("tokenAlg", "HS256").containsEntry("expectedAlg", "RS256");
    }

    @Test
    void truncatedAndBadBase64AreMalformedWithoutQuotingTheToken() {
        String token = token(this.hs256, this.ourKid, this.time.now(), this.time.now().plusSeconds(60));
        String truncated = token.substring(0, token.indexOf('.') + 10);
        JwtFailure cut = failure(truncated);
        assertThat(cut.reason()).isEqualTo(JwtFailureReason.MALFORMED);
        assertThat(cut.description()).contains("2 dot-separated parts");

        String payloadCut = token.substring(0, token.lastIndexOf('.') - 7) + token.substring(token.lastIndexOf('.'));
        assertThat(failure(payloadCut).reason()).isEqualTo(JwtFailureReason.MALFORMED);

        String badBase64 = "eyJhbGciOiJIUzI1NiJ9.%%%not*base64%%%." + token.substring(token.lastIndexOf('.') + 1);
        JwtFailure bad = failure(badBase64);
        assertThat(bad.reason()).isEqualTo(JwtFailureReason.MALFORMED);
        assertThat(bad.description()).contains("payload is not valid base64url").doesNotContain("not*base64");

        String notJson = base64("{\"alg\":\"HS256\"}") + "." + base64("alice@example.com") + ".c2ln";
        JwtFailure json = failure(notJson);
        assertThat(json.reason()).isEqualTo(JwtFailureReason.MALFORMED);
        assertThat(json.description()).doesNotContain("alice");
    }

    @Test
    void oneMegabyteTokenIsRejectedBeforeDecoding() {
        String huge = "eyJhbGciOiJIUzI1NiJ9." + "A".repeat(1 << 20) + ".sig";
        JwtFailure failure = failure(huge);
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.OVERSIZED);
        assertThat(failure.details()).containsEntry("maxLength", JwtCheckConfig.DEFAULT_MAX_TOKEN_LENGTH);
    }

    @Test
    void missingAndWrongClaimsNameTheClaimOnly() {
        String noAudience = JWT.create().withSubject("alice@example.com").sign(this.hs256);
        JwtFailure missing = failure(noAudience);
        assertThat(missing.reason()).isEqualTo(JwtFailureReason.MISSING_CLAIM);
        assertThat(missing.details()).containsEntry("claim", "aud");

        String otherAudience = JWT.create().withAudience("billing").withSubject("alice@example.com").sign(this.hs256);
        JwtFailure wrong = failure(otherAudience);
        assertThat(wrong.reason()).isEqualTo(JwtFailureReason.WRONG_CLAIM);
        assertThat(wrong.toString() + wrong.details()).doesNotContain("billing").doesNotContain("alice");
    }

    @Test
    void failuresTheApplicationCaughtAreClassifiedWithoutVerifyingAgain() {
        JWTVerifier verifier = (JWTVerifier) JWT.require(this.hs256).build();
        String forged = token(Algorithm.HMAC256(TestKeys.randomSecret(32)), "ffff0000ffff0000", this.time.now(),
                this.time.now().plusSeconds(60));
        JwtFailureClassifier classifier = classifier(this.hs256, "HS256");
        try {
            verifier.verify(forged);
        }
        catch (JWTVerificationException ex) {
            assertThat(classifier.classify(forged, ex).reason()).isEqualTo(JwtFailureReason.BAD_SIGNATURE);
        }
        assertThat(classifier.counts().total(JwtFailureReason.BAD_SIGNATURE)).isEqualTo(1);
        assertThat(classifier.counts().lastForeignKid()).isEqualTo("ffff0000ffff0000");
    }

    @Test
    void hostileKidIsNotEchoed() {
        String kid = "<script>alert(1)</script>";
        String token = token(Algorithm.HMAC256(TestKeys.randomSecret(32)), kid, this.time.now(),
                this.time.now().plusSeconds(60));
        JwtFailure failure = failure(token);
        assertThat(failure.description()).doesNotContain("<script>").contains("unprintable");
    }

    @Test
    void noOutputContainsTheSecretOrTheToken() {
        String token = token(Algorithm.HMAC256(TestKeys.randomSecret(32)), "k1", this.time.now(),
                this.time.now().plusSeconds(60));
        JwtFailure failure = failure(token);
        String everything = failure.toString() + failure.description() + failure.details();
        assertThat(everything).doesNotContain(this.secret).doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
