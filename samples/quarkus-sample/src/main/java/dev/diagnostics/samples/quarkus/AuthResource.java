package dev.diagnostics.samples.quarkus;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureClassifier;
import dev.diagnostics.quarkus.runtime.JwtChecks;

/**
 * A toy login: {@code POST /auth/login?user=alice} mints a 15-minute token signed with {@code app.jwt.secret} and
 * carrying the key's fingerprint as {@code kid}; {@code GET /auth/me} verifies the bearer token through the extension's
 * classifier, which answers why a token is rejected (and counts it in {@code diagnostics.jwt.failures}). No password:
 * this is a sample, never do this in a real service.
 */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final Algorithm algorithm;

    private final JwtChecks jwtChecks;

    private final JwtFailureClassifier classifier;

    private final String issuer;

    private final String audience;

    AuthResource(@ConfigProperty(name = EphemeralJwtSecret.PROPERTY) String secret,
            @ConfigProperty(name = "quarkus.diagnostics.jwt.issuer") String issuer,
            @ConfigProperty(name = "quarkus.diagnostics.jwt.audience") String audience, JwtChecks jwtChecks,
            JwtFailureClassifier classifier) {
        this.algorithm = Algorithm.HMAC256(Base64.getDecoder().decode(secret));
        this.issuer = issuer;
        this.audience = audience;
        this.jwtChecks = jwtChecks;
        this.classifier = classifier;
    }

    @POST
    @Path("/login")
    public Map<String, Object> login(@QueryParam("user") @DefaultValue("alice") String user) {
        Instant now = Instant.now();
        JWTCreator.Builder token = JWT.create().withIssuer(this.issuer).withAudience(this.audience).withSubject(user)
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(15)));
        Optional<String> kid = this.jwtChecks.kid();
        kid.ifPresent(token::withKeyId);
        return Map.of("token", token.sign(this.algorithm), "kid", kid.orElse(""), "expiresIn", 900);
    }

    @GET
    @Path("/me")
    public Response me(@HeaderParam("Authorization") String header) {
        String token = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).strip()
                : "";
        if (this.classifier == null) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity(Map.of("error", "no usable JWT key: see the 'jwt' check")).build();
        }
        Optional<JwtFailure> failure = this.classifier.classify(token);
        if (failure.isPresent()) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(Map.of("error", "invalid_token", "reason",
                    failure.get().reason().tag(), "description", failure.get().description())).build();
        }
        DecodedJWT decoded = JWT.decode(token);
        return Response.ok(Map.of("user", decoded.getSubject(), "kid", String.valueOf(decoded.getKeyId()))).build();
    }
}
