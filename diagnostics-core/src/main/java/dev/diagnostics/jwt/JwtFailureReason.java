package dev.diagnostics.jwt;

import java.util.Locale;

/** Why a token was rejected; the {@code reason} tag of {@code diagnostics.jwt.failures}. */
public enum JwtFailureReason {

    /** Its {@code exp} has passed (beyond the leeway). */
    EXPIRED,

    /** Its {@code nbf} or {@code iat} is still in the future (beyond the leeway): often clock skew. */
    NOT_YET_VALID,

    /** The signature does not match this instance's key: signed with another secret, or altered. */
    BAD_SIGNATURE,

    /** Its {@code alg} is not the verifier's (an HMAC token against an RSA verifier is an algorithm-confusion try). */
    ALGORITHM_MISMATCH,

    /** An unsigned token ({@code alg: none}). */
    ALG_NONE,

    /** Not a JWT: wrong number of parts, bad base64url, not JSON. */
    MALFORMED,

    /** Longer than the configured maximum: rejected before decoding. */
    OVERSIZED,

    /** A claim the verifier requires is absent. */
    MISSING_CLAIM,

    /** A claim has a value the verifier does not accept (issuer, audience, ...). */
    WRONG_CLAIM,

    /** Any other verification failure. */
    OTHER;

    private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The lowercase metric tag and detail key, such as {@code bad-signature}. */
    public String tag() {
        return this.tag;
    }
}
