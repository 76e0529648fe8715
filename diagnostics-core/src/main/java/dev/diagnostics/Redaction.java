package dev.diagnostics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it leaves the library (health JSON, log lines, exception messages).
 *
 * <p>It masks the password in URIs ({@code redis://user:pw@host}), values of password-like keys
 * ({@code password=...}, {@code "secret": "..."}), bearer credentials, and anything shaped like a JWT. A probe that
 * knows the exact secret it uses should also pass it to {@link #redact(String, Iterable)}, which removes it
 * wherever it appears.
 *
 * <p>Thread-safe and stateless.
 */
public final class Redaction {

    /** What a removed secret is replaced with. */
    public static final String MASK = "******";

    private static final int MAX_ERROR_LENGTH = 500;

    private static final Pattern URI_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:\\s]*):([^@/\\s]*)@");

    private static final Pattern SECRET_KEY_VALUE = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[-_]?key|access[-_]?key|credentials?|auth)"
                    + "[a-z0-9_.-]*\\s*[\"']?\\s*[=:]\\s*[\"']?)([^\"'&;,\\s}]+)");

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

    private Redaction() {
    }

    /**
     * Masks secrets in the text.
     *
     * @param text any text, may be {@code null}
     * @return the text with secrets masked, or {@code null} when the text was {@code null}
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = URI_USER_INFO.matcher(text).replaceAll("$1$2:" + MASK + "@");
        // Credentials after a scheme word go first: "Authorization: Bearer x" must lose x, not the word "Bearer".
        result = BEARER.matcher(result).replaceAll("$1 " + Matcher.quoteReplacement(MASK));
        result = SECRET_KEY_VALUE.matcher(result).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        result = JWT.matcher(result).replaceAll(Matcher.quoteReplacement("[JWT " + MASK + "]"));
        return result;
    }

    /**
     * Masks secrets in the text, including every occurrence of the given known secret values.
     *
     * @param text any text, may be {@code null}
     * @param knownSecrets exact secret values to remove; {@code null} and empty values are ignored
     * @return the redacted text
     */
    public static String redact(String text, Iterable<String> knownSecrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (knownSecrets != null) {
            for (String secret : knownSecrets) {
                if (secret != null && !secret.isEmpty()) {
                    result = result.replace(secret, MASK);
                }
            }
        }
        return redact(result);
    }

    /**
     * Describes a failure in one line: the exception's simple class name and message, then its causes, masked and
     * truncated to 500 characters. Stack traces are never included.
     *
     * @param failure the failure
     * @return a one-line description safe to show
     */
    public static String describe(Throwable failure) {
        StringBuilder description = new StringBuilder();
        Throwable current = failure;
        int depth = 0;
        while (current != null && depth < 4) {
            if (depth > 0) {
                description.append("; caused by ");
            }
            description.append(current.getClass().getSimpleName());
            String message = current.getMessage();
            if (message != null && !message.isBlank()) {
                description.append(": ").append(message.strip());
            }
            Throwable cause = current.getCause();
            current = (cause == current) ? null : cause;
            depth++;
        }
        String redacted = redact(description.toString().replaceAll("\\s+", " "));
        return (redacted.length() <= MAX_ERROR_LENGTH) ? redacted : redacted.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }
}
