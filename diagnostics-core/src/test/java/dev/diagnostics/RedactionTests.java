package dev.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RedactionTests {

    private static final String CANARY = "Canary-7f3e9b2a";

    @Test
    void uriPasswordsAreMaskedAndTheRestKept() {
        assertThat(Redaction.redact("redis://default:" + CANARY + "@127.0.0.1:6379/0"))
                .isEqualTo("redis://default:" + Redaction.MASK + "@127.0.0.1:6379/0");
        assertThat(Redaction.redact("postgresql://app:" + CANARY + "@db:5432/orders?sslmode=require"))
                .doesNotContain(CANARY).contains("db:5432/orders");
    }

    @Test
    void passwordLikeKeyValuesAreMasked() {
        String jdbc = "jdbc:postgresql://127.0.0.1:5432/app?user=app&password=" + CANARY + "&ssl=false";
        assertThat(Redaction.redact(jdbc)).doesNotContain(CANARY).contains("user=app").contains("ssl=false");
        assertThat(Redaction.redact("jdbc:sqlserver://h;user=a;password=" + CANARY + ";db=x")).doesNotContain(CANARY);
        assertThat(Redaction.redact("{\"jwtSecret\": \"" + CANARY + "\"}")).doesNotContain(CANARY);
        assertThat(Redaction.redact("api_key=" + CANARY)).doesNotContain(CANARY);
    }

    @Test
    void bearerCredentialsAndTokensAreMasked() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assertThat(Redaction.redact("Authorization: Bearer " + CANARY)).doesNotContain(CANARY);
        assertThat(Redaction.redact("token was " + jwt)).doesNotContain("dozjg").doesNotContain("eyJzdWIi");
    }

    @Test
    void knownSecretsAreRemovedWhereverTheyAppear() {
        assertThat(Redaction.redact("auth failed, tried " + CANARY + " as the key", List.of(CANARY)))
                .doesNotContain(CANARY);
    }

    @Test
    void describeGivesOneMaskedLineWithCausesAndNoStack() {
        Exception failure = new RuntimeException("pool failed",
                new IllegalStateException("FATAL: password authentication failed; password=" + CANARY));

        String description = Redaction.describe(failure);

        assertThat(description).startsWith("RuntimeException: pool failed; caused by IllegalStateException")
                .doesNotContain(CANARY).doesNotContain("\n").doesNotContain("at dev.");
        assertThat(Redaction.describe(new RuntimeException("x".repeat(2000)))).hasSize(500).endsWith("...");
    }

    @Test
    void plainTextIsLeftAlone() {
        String text = "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct.";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.redact(null)).isNull();
    }
}
