package dev.diagnostics.spring.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;

import dev.diagnostics.jwt.JwtAlgorithm;
import dev.diagnostics.jwt.JwtCheck;
import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureReason;
import dev.diagnostics.jwt.JwtKey;
import dev.diagnostics.jwt.KeySource;
import dev.diagnostics.time.ManualTimeSource;

class JwtFailureEntryPointTests {

    @Test
    void classifiesTheBearerTokenThenDelegates() throws Exception {
        JwtCheck check = JwtCheck.builder(new ManualTimeSource()).secret(JwtAlgorithm.HS256, secret(),
                JwtKey.SecretEncoding.BASE64, KeySource.property("app.jwt.secret")).build();
        AtomicBoolean delegated = new AtomicBoolean();
        JwtFailureEntryPoint entryPoint = new JwtFailureEntryPoint(check.classifier(), (request, response, ex) -> {
            delegated.set(true);
            response.sendError(401);
        });
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer " + JWT.create().withKeyId("abcdabcdabcdabcd")
                .sign(Algorithm.HMAC256(secret())));
        MockHttpServletResponse response = new MockHttpServletResponse();

        entryPoint.commence(request, response, new BadCredentialsException("bad token"));

        assertThat(delegated).isTrue();
        assertThat(response.getStatus()).isEqualTo(401);
        JwtFailure failure = (JwtFailure) request.getAttribute(JwtFailureEntryPoint.FAILURE_ATTRIBUTE);
        assertThat(failure.reason()).isEqualTo(JwtFailureReason.BAD_SIGNATURE);
        assertThat(check.counts().total(JwtFailureReason.BAD_SIGNATURE)).isEqualTo(1);
    }

    @Test
    void requestsWithoutABearerTokenAreOnlyDelegated() throws Exception {
        AtomicBoolean delegated = new AtomicBoolean();
        JwtFailureEntryPoint entryPoint = new JwtFailureEntryPoint(() -> null, (request, response, ex) -> delegated
                .set(true));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Basic dXNlcjpwdw==");
        entryPoint.commence(request, new MockHttpServletResponse(), new BadCredentialsException("no"));
        assertThat(delegated).isTrue();
        assertThat(request.getAttribute(JwtFailureEntryPoint.FAILURE_ATTRIBUTE)).isNull();
        assertThat(BearerTokens.of("bearer abc")).isEqualTo("abc");
        assertThat(BearerTokens.of("Bearer ")).isNull();
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
