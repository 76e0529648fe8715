package dev.diagnostics.sample.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureClassifier;

/**
 * A toy login: {@code POST /auth/login?user=alice} mints a 15-minute token signed with {@code app.jwt.secret} and
 * carrying the key's fingerprint as {@code kid}; {@code GET /auth/me} verifies the bearer token through the starter's
 * classifier, which answers why a token is rejected (and counts it in {@code diagnostics.jwt.failures}). No
 * password: this is a sample, never do this in a real service.
 */
@RestController
@RequestMapping("/auth")
class AuthController {

    private final Algorithm algorithm;

    private final JwtCheck jwtCheck;

    private final JwtFailureClassifier classifier;

    private final String issuer;

    private final String audience;

    AuthController(@Value("${app.jwt.secret}") String secret, @Value("${diagnostics.jwt.issuer}") String issuer,
            @Value("${diagnostics.jwt.audience}") String audience, JwtCheck jwtCheck, JwtFailureClassifier classifier) {
        this.algorithm = Algorithm.HMAC256(Base64.getDecoder().decode(secret));
        this.issuer = issuer;
        this.audience = audience;
        this.jwtCheck = jwtCheck;
        this.classifier = classifier;
    }

    @PostMapping("/login")
    Map<String, Object> login(@RequestParam(defaultValue = "alice") String user) {
        Instant now = Instant.now();
        String token = JWT.create().withKeyId(this.jwtCheck.kid()).withIssuer(this.issuer).withAudience(this.audience)
                .withSubject(user).withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(15)))
                .sign(this.algorithm);
        return Map.of("token", token, "kid", this.jwtCheck.kid(), "expiresIn", 900);
    }

    @GetMapping("/me")
    ResponseEntity<Map<String, Object>> me(@RequestHeader(name = "Authorization", required = false) String header) {
        String token = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).strip()
                : "";
        Optional<JwtFailure> failure = this.classifier.classify(token);
        if (failure.isPresent()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_token",
                    "reason", failure.get().reason().tag(), "description", failure.get().description()));
        }
        DecodedJWT decoded = JWT.decode(token);
        return ResponseEntity.ok(Map.of("user", decoded.getSubject(), "kid", decoded.getKeyId()));
    }
}
