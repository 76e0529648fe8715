package dev.diagnostics.spring;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.diagnostics.HealthEngine;
import dev.diagnostics.Status;
import dev.diagnostics.system.RequiredConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real Spring Boot startup with required settings missing, blank and set to placeholders: it fails before any bean
 * is created, with Spring Boot's own failure report listing every setting at once and never a value.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredConfigurationStartupTests {

    private static final String CANARY = "Canary-spring-config-8e2f";

    @Test
    void startupFailsListingEveryUnusableSettingAndNoValue(CapturedOutput output) {
        SpringApplication application = application(Map.of(
                "diagnostics.config.required", "DATABASE_URL,JWT_SECRET,REDIS_PASSWORD,API_TOKEN,app.mail.password",
                "DATABASE_URL", "jdbc:postgresql://db:5432/app?password=" + CANARY,
                "JWT_SECRET", "NEW_SECURE_SECRET",
                "REDIS_PASSWORD", "  ",
                "app.mail.password", "${MAIL_PASSWORD}"));

        RequiredConfigurationException failure = catchThrowableOfType(RequiredConfigurationException.class,
                application::run);

        assertThat(failure.problems()).extracting((problem) -> problem.name() + ":" + problem.kind())
                .containsExactly("JWT_SECRET:PLACEHOLDER", "REDIS_PASSWORD:BLANK", "API_TOKEN:MISSING",
                        "app.mail.password:UNRESOLVABLE");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START", "Description:",
                "4 required settings are not usable:", "JWT_SECRET holds a placeholder", "REDIS_PASSWORD is blank",
                "API_TOKEN is not set", "app.mail.password refers to a setting that is not defined", "Action:",
                "diagnostics.config.required").doesNotContain(CANARY).doesNotContain("NEW_SECURE_SECRET");
    }

    @Test
    void withFailOnStartupOffTheApplicationStartsAndTheCheckSaysWhatIsMissing(CapturedOutput output) {
        SpringApplication application = application(Map.of(
                "diagnostics.config.required", "JWT_SECRET,DATABASE_URL",
                "diagnostics.config.fail-on-startup", "false",
                "JWT_SECRET", CANARY,
                "DATABASE_URL", "changeme"));

        try (ConfigurableApplicationContext context = application.run()) {
            var config = context.getBean(HealthEngine.class).evaluateCheck("config");
            assertThat(config.status()).isEqualTo(Status.DOWN);
            assertThat(config.result().diagnosis().orElseThrow().cause()).contains("DATABASE_URL holds a placeholder")
                    .doesNotContain("JWT_SECRET").doesNotContain(CANARY);
        }
        assertThat(output.getOut() + output.getErr()).doesNotContain(CANARY);
    }

    @Test
    void settingsThatAreSetStartNormally() {
        SpringApplication application = application(Map.of("diagnostics.config.required", "JWT_SECRET",
                "JWT_SECRET", CANARY));

        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getBean(HealthEngine.class).evaluateCheck("config").status()).isEqualTo(Status.UP);
        }
    }

    private static SpringApplication application(Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(PlainApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // Default properties are in the environment before environment post-processors run, as config files are.
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("spring.main.banner-mode", "off");
        all.put("spring.autoconfigure.exclude",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration");
        application.setDefaultProperties(all);
        return application;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PlainApplication {
    }
}
