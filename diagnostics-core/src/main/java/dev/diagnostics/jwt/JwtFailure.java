package dev.diagnostics.jwt;

import java.util.Map;
import java.util.Objects;

/**
 * Why one token was rejected, in words an on-call engineer can act on. It carries the token's header values that
 * identify keys ({@code kid}, {@code alg}), claim names and times, never the token, its signature or claim values.
 *
 * @param reason the classified reason
 * @param description one line: what is wrong and what it means
 * @param details JSON-safe facts: {@code tokenKid}, {@code ourKid}, {@code tokenAlg}, {@code expiredAt},
 * {@code notBefore}, {@code claim}, {@code clockSkewMs}, ...
 */
public record JwtFailure(JwtFailureReason reason, String description, Map<String, Object> details) {

    public JwtFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(description, "description");
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        details = java.util.Collections.unmodifiableMap(copy);
    }

    /** The reason and description only. */
    @Override
    public String toString() {
        return "JwtFailure[" + this.reason.tag() + ": " + this.description + "]";
    }
}
