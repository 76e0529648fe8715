package dev.diagnostics.system;

import java.util.Objects;

/**
 * Why one required setting is not usable. Carries the setting's name and the kind of problem, never its value.
 *
 * @param name the setting's name, as the user listed it (an environment variable or a framework property)
 * @param kind what is wrong with it
 */
public record ConfigurationProblem(String name, Kind kind) {

    public ConfigurationProblem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** What is wrong with a required setting. */
    public enum Kind {

        /** The setting is not defined anywhere the application looks. */
        MISSING("is not set"),

        /** The setting is defined but empty or only whitespace. */
        BLANK("is blank"),

        /** The setting holds a template placeholder such as {@code changeme} or {@code <value>}, not a real value. */
        PLACEHOLDER("holds a placeholder left from a template, not a real value"),

        /** The setting could not be read: it refers to another setting that is not defined ({@code ${OTHER}}). */
        UNRESOLVABLE("refers to a setting that is not defined");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** A few words for messages, for example {@code is not set}. */
        public String description() {
            return this.description;
        }
    }

    /** One line for messages, for example {@code DATABASE_URL is not set}. Never contains the value. */
    public String describe() {
        return this.name + " " + this.kind.description();
    }
}
