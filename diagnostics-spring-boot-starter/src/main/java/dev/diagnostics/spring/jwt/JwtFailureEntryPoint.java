package dev.diagnostics.spring.jwt;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.diagnostics.jwt.JwtFailure;
import dev.diagnostics.jwt.JwtFailureClassifier;

/**
 * Spring Security's hook for the {@code jwt} check: wraps the application's {@link AuthenticationEntryPoint} and,
 * when the rejected request carried a bearer token, classifies why it fails (counted in
 * {@code diagnostics.jwt.failures}, and seen by the check's bad-signature burst detection) before delegating. The
 * classification is stored as the request attribute {@value #FAILURE_ATTRIBUTE} for the delegate to use; the
 * response is the delegate's alone.
 *
 * <pre>{@code
 * http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(
 *         new JwtFailureEntryPoint(classifier, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))));
 * }</pre>
 */
public final class JwtFailureEntryPoint implements AuthenticationEntryPoint {

    /** The request attribute holding the {@link JwtFailure}. */
    public static final String FAILURE_ATTRIBUTE = "dev.diagnostics.jwt.failure";

    private final Supplier<JwtFailureClassifier> classifier;

    private final AuthenticationEntryPoint delegate;

    public JwtFailureEntryPoint(JwtFailureClassifier classifier, AuthenticationEntryPoint delegate) {
        this(() -> classifier, delegate);
    }

    /** With a classifier looked up on each failure (it is absent while the application has no key). */
    public JwtFailureEntryPoint(Supplier<JwtFailureClassifier> classifier, AuthenticationEntryPoint delegate) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException, ServletException {
        String token = BearerTokens.of(request.getHeader("Authorization"));
        JwtFailureClassifier current = this.classifier.get();
        if (token != null && current != null) {
            current.classify(token).ifPresent((failure) -> request.setAttribute(FAILURE_ATTRIBUTE, failure));
        }
        this.delegate.commence(request, response, authException);
    }
}
