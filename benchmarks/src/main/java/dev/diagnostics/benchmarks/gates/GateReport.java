package dev.diagnostics.benchmarks.gates;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.diagnostics.benchmarks.gates.Gate.Outcome;
import dev.diagnostics.benchmarks.gates.Gate.Verdict;

/**
 * Prints one line per gate for a JMH JSON result and exits non-zero when a gate fails.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.diagnostics.benchmarks.gates.GateReport [--check-names] result.json
 * </pre>
 *
 * <p>Exit status: 0 when no gate failed (INCONCLUSIVE and MISSING do not fail); 1 when one did; 2 on bad arguments or
 * an unreadable file. With {@code --check-names} no verdict is given: the report only checks that every benchmark a
 * gate names is in the run, and exits 1 when one is not. CI uses that on its smoke run (whose timings mean nothing),
 * so a renamed or deleted benchmark cannot silently retire its gate.
 */
public final class GateReport {

    private GateReport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean checkNames = false;
        Path file = null;
        for (String arg : args) {
            if (arg.equals("--check-names")) {
                checkNames = true;
            }
            else if (arg.startsWith("-") || file != null) {
                err.println("usage: GateReport [--check-names] <jmh-result.json> (unexpected argument '" + arg + "')");
                return 2;
            }
            else {
                file = Path.of(arg);
            }
        }
        if (file == null || !Files.isReadable(file)) {
            err.println("usage: GateReport [--check-names] <jmh-result.json>"
                    + (file == null ? "" : " (cannot read " + file + ")"));
            return 2;
        }
        JmhResults run;
        try {
            run = JmhResults.read(file);
        }
        catch (IOException | IllegalArgumentException ex) {
            err.println("cannot read " + file + ": " + ex.getMessage());
            return 2;
        }
        if (checkNames) {
            return checkNames(run, Gates.all(), out);
        }
        List<Outcome> outcomes = evaluate(run, Gates.all());
        print(outcomes, Gates.noise(run), out);
        return exitStatus(outcomes);
    }

    static int checkNames(JmhResults run, List<Gate> gates, PrintStream out) {
        List<String> missing = new ArrayList<>();
        for (Gate gate : gates) {
            for (String name : new String[] { gate.measured(), gate.baseline() }) {
                if (name != null && run.get(name).isEmpty() && !missing.contains(name)) {
                    missing.add(name);
                }
            }
        }
        for (String ruler : List.of(Gates.NANO_TIME, Gates.EMPTY_METHOD)) {
            if (run.get(ruler).isEmpty() && !missing.contains(ruler)) {
                missing.add(ruler);
            }
        }
        if (missing.isEmpty()) {
            out.println(gates.size() + " gates: every benchmark they compare is in the run");
            return 0;
        }
        out.println(gates.size() + " gates: benchmarks named by a gate but not in the run: " + String.join(", ", missing));
        return 1;
    }

    static List<Outcome> evaluate(JmhResults run, List<Gate> gates) {
        Optional<String> noise = Gates.noise(run);
        List<Outcome> outcomes = new ArrayList<>();
        for (Gate gate : gates) {
            outcomes.add(gate.evaluate(run, noise));
        }
        return outcomes;
    }

    static int exitStatus(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome.verdict() == Verdict.FAIL) {
                return 1;
            }
        }
        return 0;
    }

    static void print(List<Outcome> outcomes, Optional<String> noise, PrintStream out) {
        out.println("rulers: " + noise.map((why) -> "NOISY, timing gates are inconclusive: " + why).orElse("quiet"));
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Outcome outcome : outcomes) {
            Gate gate = outcome.gate();
            counts.merge(outcome.verdict(), 1, Integer::sum);
            String line = String.format(Locale.ROOT, "%-12s %-30s %-36s target %s", outcome.verdict(), gate.id(),
                    outcome.value().isEmpty() ? "-" : outcome.value(), gate.target());
            out.println(outcome.note().isEmpty() ? line : line + "  (" + outcome.note() + ")");
        }
        StringBuilder summary = new StringBuilder().append(outcomes.size()).append(" gates:");
        for (Verdict verdict : Verdict.values()) {
            summary.append(' ').append(counts.getOrDefault(verdict, 0)).append(' ')
                    .append(verdict.name().toLowerCase(Locale.ROOT)).append(',');
        }
        summary.setLength(summary.length() - 1);
        out.println(summary);
    }
}
