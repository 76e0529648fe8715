package dev.diagnostics.system;

import java.util.List;
import java.util.Objects;

/**
 * Required settings are missing, blank or placeholders: thrown at startup with every problem listed at once, so one
 * restart fixes them all. The message names the settings and what is wrong with each, never a value.
 */
public class RequiredConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigurationProblem> problems;

    private final String remedy;

    public RequiredConfigurationException(List<ConfigurationProblem> problems, String remedy) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    /** Every problem found, in the order the settings were listed. */
    public List<ConfigurationProblem> problems() {
        return this.problems;
    }

    /** What to do about it, in one paragraph. */
    public String remedy() {
        return this.remedy;
    }

    private static String message(List<ConfigurationProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a RequiredConfigurationException needs at least one problem");
        }
        StringBuilder message = new StringBuilder();
        message.append(problems.size())
                .append((problems.size() == 1) ? " required setting is" : " required settings are")
                .append(" not usable:");
        for (ConfigurationProblem problem : problems) {
            message.append(System.lineSeparator()).append("    - ").append(problem.describe());
        }
        return message.toString();
    }
}
