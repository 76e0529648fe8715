package dev.diagnostics;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a non-UP result means and what to do about it: a stable machine-readable code, the probable cause in one
 * line, and the next thing an on-call engineer should do.
 *
 * @param code stable identifier such as {@code pool.exhausted}: lowercase words separated by dots or dashes
 * @param cause one line naming the probable cause, with the facts that matter (never a secret)
 * @param remedy the next thing to do
 */
public record Diagnosis(String code, String cause, String remedy) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(remedy, "remedy");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "Diagnosis code must be lowercase words separated by '.' or '-', was '" + code + "'");
        }
        cause = Redaction.redact(cause);
        remedy = Redaction.redact(remedy);
    }

    public static Diagnosis of(String code, String cause, String remedy) {
        return new Diagnosis(code, cause, remedy);
    }
}
