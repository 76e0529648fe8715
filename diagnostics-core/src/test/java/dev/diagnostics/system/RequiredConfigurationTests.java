package dev.diagnostics.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.diagnostics.CheckResult;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.Status;

class RequiredConfigurationTests {

    private static final String CANARY = "Canary-secret-value-5b0e";

    private final Map<String, String> values = new HashMap<>();

    private final Function<String, String> lookup = (name) -> {
        if (name.equals("UNRESOLVABLE")) {
            throw new IllegalArgumentException("Could not resolve placeholder 'X' in value \"${X}-" + CANARY + "\"");
        }
        return this.values.get(name);
    };

    private final RequiredConfiguration required = RequiredConfiguration.builder()
            .require("DATABASE_URL", "DATABASE_PASSWORD", "REDIS_URL", "JWT_SECRET", "API_KEY", "UNRESOLVABLE",
                    "app.token")
            .build();

    @Test
    void everyProblemIsListedAtOnceAndNoValueIsEverShown() {
        this.values.put("DATABASE_URL", "jdbc:postgresql://db:5432/app?password=" + CANARY);
        this.values.put("DATABASE_PASSWORD", "   ");
        this.values.put("JWT_SECRET", "NEW_SECURE_SECRET");
        this.values.put("API_KEY", "changeme");
        this.values.put("app.token", CANARY);

        RequiredConfigurationException failure = catchThrowableOfType(RequiredConfigurationException.class,
                () -> this.required.verify(this.lookup));

        assertThat(failure.problems()).containsExactly(
                new ConfigurationProblem("DATABASE_PASSWORD", ConfigurationProblem.Kind.BLANK),
                new ConfigurationProblem("REDIS_URL", ConfigurationProblem.Kind.MISSING),
                new ConfigurationProblem("JWT_SECRET", ConfigurationProblem.Kind.PLACEHOLDER),
                new ConfigurationProblem("API_KEY", ConfigurationProblem.Kind.PLACEHOLDER),
                new ConfigurationProblem("UNRESOLVABLE", ConfigurationProblem.Kind.UNRESOLVABLE));
        assertThat(failure.getMessage()).startsWith("5 required settings are not usable:")
                .contains("DATABASE_PASSWORD is blank", "REDIS_URL is not set", "JWT_SECRET holds a placeholder",
                        "API_KEY holds a placeholder", "UNRESOLVABLE refers to a setting that is not defined")
                .doesNotContain("DATABASE_URL", "app.token", CANARY, "NEW_SECURE_SECRET", "changeme");
        assertThat(failure.remedy()).doesNotContain(CANARY);
    }

    @Test
    void theCheckReportsTheSameFactsWithoutValues() throws Exception {
        this.values.put("DATABASE_URL", CANARY);
        this.values.put("DATABASE_PASSWORD", CANARY);
        this.values.put("REDIS_URL", CANARY);
        this.values.put("JWT_SECRET", CANARY);
        this.values.put("API_KEY", "<value>");
        this.values.put("app.token", CANARY);

        CheckResult result = this.required.check(this.lookup).check();

        assertThat(result.status()).isEqualTo(Status.DOWN);
        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("config.missing");
        assertThat(result.diagnosis().orElseThrow().cause()).startsWith("2 of 7 required settings are not usable")
                .contains("API_KEY holds a placeholder", "UNRESOLVABLE refers to a setting that is not defined");
        assertThat(result.details()).containsEntry("problems",
                List.of("API_KEY holds a placeholder left from a template, not a real value",
                        "UNRESOLVABLE refers to a setting that is not defined"));
        assertThat(ResultText.of(result)).doesNotContain(CANARY);
        assertThat(this.required.toString()).doesNotContain(CANARY);
    }

    @Test
    void onlyPlaceholdersHaveTheirOwnCode() throws Exception {
        RequiredConfiguration jwt = RequiredConfiguration.builder().require("JWT_SECRET").build();

        CheckResult result = jwt.check((name) -> "your-secret-here").check();

        assertThat(result.diagnosis().orElseThrow().code()).isEqualTo("config.placeholder");
    }

    @Test
    void realValuesAreUp() throws Exception {
        RequiredConfiguration jwt = RequiredConfiguration.builder().require("JWT_SECRET", "DATABASE_URL").build();
        Function<String, String> real = Map.of("JWT_SECRET", "k9$Jx2!pQ7", "DATABASE_URL",
                "jdbc:postgresql://db:5432/app")::get;

        assertThatNoException().isThrownBy(() -> jwt.verify(real));
        assertThat(jwt.check(real).check().status()).isEqualTo(Status.UP);
    }

    @ParameterizedTest
    @ValueSource(strings = { "changeme", "CHANGE_ME", "change-me-please", "changeit", "TODO", "tbd", "FIXME", "xxx",
        "XXXXXXXX", "<value>", "<your-api-key>", "${DB_PASSWORD}", "{{ secret }}", "NEW_SECURE_SECRET",
        "your-secret-here", "YOUR_API_KEY_HERE", "replace-me", "placeholder", "dummy", "null", "***", "secret",
        "password", "  changeme  " })
    void placeholdersAreRecognised(String value) {
        assertThat(problemOf(value)).isEqualTo(ConfigurationProblem.Kind.PLACEHOLDER);
    }

    @ParameterizedTest
    @ValueSource(strings = { "exchange-messages", "postgres://db:5432/app", "s3cr3t-Vx91", "todo-service:8080",
        "xx", "true", "0", "mysecretary" })
    void realValuesAreNotMistakenForPlaceholders(String value) {
        assertThat(problemOf(value)).isNull();
    }

    @Test
    void placeholdersCanBeExtended() {
        RequiredConfiguration custom = RequiredConfiguration.builder().require("TOKEN")
                .addPlaceholders(List.of("dev-.*")).build();

        assertThat(custom.problems((name) -> "dev-token")).extracting(ConfigurationProblem::kind)
                .containsExactly(ConfigurationProblem.Kind.PLACEHOLDER);
    }

    @Test
    void badSettingsAreRejectedByProperty() {
        assertThat(catchThrowableOfType(InvalidConfigurationException.class,
                () -> RequiredConfiguration.builder().require("HAS SPACE")))
                .hasMessageStartingWith("Invalid configuration 'diagnostics.config.required'");
        assertThat(catchThrowableOfType(InvalidConfigurationException.class,
                () -> RequiredConfiguration.builder().propertyPrefix("quarkus.diagnostics.config")
                        .placeholders(List.of("(unclosed"))))
                .hasMessageStartingWith("Invalid configuration 'quarkus.diagnostics.config.placeholders'");
    }

    private static ConfigurationProblem.Kind problemOf(String value) {
        List<ConfigurationProblem> problems = RequiredConfiguration.builder().require("X").build()
                .problems((name) -> value);
        return problems.isEmpty() ? null : problems.get(0).kind();
    }
}
