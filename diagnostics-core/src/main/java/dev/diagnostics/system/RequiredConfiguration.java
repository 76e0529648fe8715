package dev.diagnostics.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.CheckResult;
import dev.diagnostics.HealthCheck;
import dev.diagnostics.HealthGroups;
import dev.diagnostics.InvalidConfigurationException;

/**
 * The settings an application cannot run without (environment variables and/or framework properties such as
 * {@code DATABASE_URL}, {@code JWT_SECRET}), and what counts as "not really set".
 *
 * <p>{@link #verify(Function)} looks every name up and throws one {@link RequiredConfigurationException} listing every
 * setting that is missing, blank, unresolvable or a placeholder ({@code changeme}, {@code TODO}, {@code <value>},
 * {@code NEW_SECURE_SECRET}, {@code xxx}, {@code your-secret-here}, {@code ${...}} ...), so one restart fixes them
 * all. {@link #check(Function)} gives the same facts as the {@value #NAME} health check. Neither ever shows a value:
 * only names and the kind of problem.
 *
 * <p>Where values come from is the caller's choice: a lookup function from name to value ({@code null} when not
 * set). {@link #environment()} reads environment variables, then system properties; the Spring Boot starter passes
 * its {@code Environment} and the Quarkus extension MicroProfile Config (both include environment variables).
 *
 * <p>Immutable and thread-safe. Built by {@link #builder()}, which rejects a bad name or pattern at once, naming the
 * property.
 */
public final class RequiredConfiguration {

    /** The check's name. */
    public static final String NAME = "config";

    /**
     * The default placeholder patterns, matched case-insensitively against the whole trimmed value: values left from
     * a template or an example file rather than set for real.
     */
    public static final List<String> DEFAULT_PLACEHOLDERS = List.of(
            "(please[-_ ]?)?change[-_ ]?(me|it)([-_ ]?(please|now))?\\d*", "todo", "tbd", "fixme", "replace[-_ ]?me",
            "placeholder", "dummy", "null", "undefined", "x{3,}", "\\*{3,}", "<[^>]*>", "\\$\\{[^}]*\\}",
            "\\{\\{.*\\}\\}",
            "new[-_]secure[-_]secret", "your[-_ ].*[-_ ]here", "(my|some|a)[-_]?secret", "secret", "password");

    private final List<String> names;

    private final List<Pattern> placeholders;

    private final List<String> placeholderSources;

    private RequiredConfiguration(Builder builder) {
        this.names = List.copyOf(builder.names);
        this.placeholderSources = List.copyOf(builder.placeholders);
        List<Pattern> compiled = new ArrayList<>(builder.placeholders.size());
        for (String source : builder.placeholders) {
            compiled.add(Pattern.compile(source, Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
        }
        this.placeholders = Collections.unmodifiableList(compiled);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Environment variables first, then system properties; {@code null} when neither defines the name. */
    public static Function<String, String> environment() {
        return (name) -> {
            String value = System.getenv(name);
            return (value != null) ? value : System.getProperty(name);
        };
    }

    /** The required names, in the order given. */
    public List<String> names() {
        return this.names;
    }

    /** The placeholder patterns, as given. */
    public List<String> placeholders() {
        return this.placeholderSources;
    }

    /**
     * Looks every required name up and says what is wrong with each. A lookup that throws (a value referring to an
     * undefined setting, for example) counts as {@link ConfigurationProblem.Kind#UNRESOLVABLE}; its message is not
     * kept, since it may quote the value.
     *
     * @param lookup name to value, {@code null} when not set
     * @return the problems, in the order of {@link #names()}; empty when every setting is usable
     */
    public List<ConfigurationProblem> problems(Function<String, String> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (String name : this.names) {
            ConfigurationProblem.Kind kind = inspect(lookup, name);
            if (kind != null) {
                problems.add(new ConfigurationProblem(name, kind));
            }
        }
        return problems;
    }

    /**
     * Fails when any required setting is not usable, listing all of them.
     *
     * @throws RequiredConfigurationException naming every problem, never a value
     */
    public void verify(Function<String, String> lookup) {
        List<ConfigurationProblem> problems = problems(lookup);
        if (!problems.isEmpty()) {
            throw new RequiredConfigurationException(problems, remedy(problems));
        }
    }

    /** The {@value #NAME} check: DOWN while any required setting is not usable. */
    public HealthCheck check(Function<String, String> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return () -> result(problems(lookup));
    }

    /** A registration named {@value #NAME}, in the readiness group: an instance without its settings cannot serve. */
    public static CheckRegistration.Builder registration(HealthCheck check) {
        return CheckRegistration.builder(NAME, check).groups(HealthGroups.READINESS);
    }

    private CheckResult result(List<ConfigurationProblem> problems) {
        if (problems.isEmpty()) {
            return CheckResult.up().detail("required", this.names.size()).build();
        }
        List<String> lines = new ArrayList<>(problems.size());
        boolean onlyPlaceholders = true;
        for (ConfigurationProblem problem : problems) {
            lines.add(problem.describe());
            onlyPlaceholders &= problem.kind() == ConfigurationProblem.Kind.PLACEHOLDER;
        }
        return CheckResult.down()
                .detail("required", this.names.size())
                .detail("problems", lines)
                .diagnosis(onlyPlaceholders ? "config.placeholder" : "config.missing",
                        problems.size() + " of " + this.names.size() + " required settings are not usable: "
                                + String.join("; ", lines),
                        remedy(problems))
                .build();
    }

    private static String remedy(List<ConfigurationProblem> problems) {
        return "Set " + ((problems.size() == 1) ? "it" : "each of them") + " to its real value where the deployment"
                + " defines settings (environment variables, secrets store, application properties), then restart;"
                + " values are never shown here, so compare them at the source.";
    }

    private ConfigurationProblem.Kind inspect(Function<String, String> lookup, String name) {
        String value;
        try {
            value = lookup.apply(name);
        }
        catch (RuntimeException ex) {
            return ConfigurationProblem.Kind.UNRESOLVABLE;
        }
        if (value == null) {
            return ConfigurationProblem.Kind.MISSING;
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            return ConfigurationProblem.Kind.BLANK;
        }
        for (Pattern placeholder : this.placeholders) {
            if (placeholder.matcher(trimmed).matches()) {
                return ConfigurationProblem.Kind.PLACEHOLDER;
            }
        }
        return null;
    }

    /** Lists names only: no value is ever held. */
    @Override
    public String toString() {
        return "RequiredConfiguration" + this.names;
    }

    /** Builds a {@link RequiredConfiguration}. Not thread-safe. */
    public static final class Builder {

        private static final Pattern VALID_NAME = Pattern.compile("[^\\s\\p{Cntrl}]{1,256}");

        private final Set<String> names = new LinkedHashSet<>();

        private final List<String> placeholders = new ArrayList<>(DEFAULT_PLACEHOLDERS);

        private String propertyPrefix = "diagnostics.config";

        private Builder() {
        }

        /** Names properties in error messages after this prefix. Default {@code diagnostics.config}. */
        public Builder propertyPrefix(String propertyPrefix) {
            this.propertyPrefix = Objects.requireNonNull(propertyPrefix, "propertyPrefix");
            return this;
        }

        /** Adds required names: environment variables or properties, 1 to 256 characters without whitespace. */
        public Builder require(String... names) {
            return require(java.util.Arrays.asList(names));
        }

        /** Adds required names; duplicates are kept once. */
        public Builder require(Collection<String> names) {
            for (String name : names) {
                if (name == null || !VALID_NAME.matcher(name).matches()) {
                    throw new InvalidConfigurationException(this.propertyPrefix + ".required",
                            "names are 1 to 256 characters without whitespace; was '" + name + "'");
                }
                this.names.add(name);
            }
            return this;
        }

        /**
         * Replaces the placeholder patterns: regular expressions matched case-insensitively against the whole trimmed
         * value. Default {@link #DEFAULT_PLACEHOLDERS}.
         */
        public Builder placeholders(Collection<String> patterns) {
            List<String> checked = new ArrayList<>(patterns.size());
            for (String pattern : patterns) {
                checked.add(checkPattern(pattern));
            }
            this.placeholders.clear();
            this.placeholders.addAll(checked);
            return this;
        }

        /** Adds placeholder patterns to the current ones. */
        public Builder addPlaceholders(Collection<String> patterns) {
            for (String pattern : patterns) {
                this.placeholders.add(checkPattern(pattern));
            }
            return this;
        }

        public RequiredConfiguration build() {
            return new RequiredConfiguration(this);
        }

        private String checkPattern(String pattern) {
            String property = this.propertyPrefix + ".placeholders";
            if (pattern == null || pattern.isBlank()) {
                throw new InvalidConfigurationException(property, "a pattern must not be blank");
            }
            try {
                Pattern.compile(pattern);
            }
            catch (PatternSyntaxException ex) {
                throw new InvalidConfigurationException(property, "'" + pattern + "' is not a regular expression: "
                        + ex.getDescription());
            }
            return pattern;
        }
    }
}
