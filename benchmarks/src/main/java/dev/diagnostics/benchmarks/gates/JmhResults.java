package dev.diagnostics.benchmarks.gates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The results of one JMH run, read from its JSON output ({@code -rf json}), keyed by the benchmark's short name
 * ({@code Class.method}, package removed). Scores are converted to nanoseconds per operation (or milliseconds for
 * {@link #maxSampleMillis}) so benchmarks reported in different units can be compared.
 */
public final class JmhResults {

    private final Map<String, Result> results;

    private JmhResults(Map<String, Result> results) {
        this.results = Collections.unmodifiableMap(results);
    }

    /** Reads a JMH JSON result file; fails with the file's name if it is not one. */
    public static JmhResults read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result (expected an array of benchmark results)");
        }
        return parse(root, file.toString());
    }

    static JmhResults parse(JsonNode root, String source) {
        Map<String, Result> results = new LinkedHashMap<>();
        for (JsonNode entry : root) {
            String benchmark = entry.path("benchmark").asText("");
            JsonNode primary = entry.path("primaryMetric");
            if (benchmark.isEmpty() || !primary.isObject()) {
                throw new IllegalArgumentException(source + ": an entry without 'benchmark' or 'primaryMetric'");
            }
            String unit = primary.path("scoreUnit").asText("");
            double toNanos = nanosPer(unit, source, benchmark);
            List<Double> raw = new ArrayList<>();
            for (JsonNode fork : primary.path("rawData")) {
                for (JsonNode value : fork) {
                    raw.add(value.asDouble() * toNanos);
                }
            }
            JsonNode alloc = entry.path("secondaryMetrics").path("gc.alloc.rate.norm");
            Double allocated = alloc.isObject() ? number(alloc.path("score")) : null;
            String name = shortName(benchmark);
            results.put(name, new Result(name, entry.path("mode").asText(""), number(primary.path("score")) * toNanos,
                    orZero(number(primary.path("scoreError"))) * toNanos, List.copyOf(raw), allocated));
        }
        return new JmhResults(results);
    }

    /** The result of one benchmark, by {@code Class.method}. */
    public Optional<Result> get(String name) {
        return Optional.ofNullable(this.results.get(name));
    }

    /** All results, in the order JMH wrote them. */
    public Map<String, Result> all() {
        return this.results;
    }

    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(type + 1);
    }

    private static double nanosPer(String unit, String source, String benchmark) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns/op" -> 1;
            case "us/op" -> 1_000;
            case "ms/op" -> 1_000_000;
            case "s/op" -> 1_000_000_000;
            default -> throw new IllegalArgumentException(source + ": benchmark " + benchmark + " reports '" + unit
                    + "'; gates compare time per operation (ns/op, us/op, ms/op, s/op: modes avgt, sample, ss)");
        };
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        // JMH writes "NaN" as a string when there are too few iterations for an error.
        return node.isTextual() ? Double.valueOf(Double.NaN) : null;
    }

    private static double orZero(Double value) {
        return value == null ? Double.NaN : value;
    }

    /**
     * One benchmark's figures.
     *
     * @param name {@code Class.method}
     * @param mode JMH's mode ({@code avgt}, {@code ss}, ...)
     * @param nanos the score in nanoseconds per operation
     * @param errorNanos JMH's 99.9% confidence half-width in nanoseconds; NaN when the run was too short to have one
     * @param rawNanos every measured iteration (or single shot) of every fork, in nanoseconds
     * @param allocatedBytes {@code gc.alloc.rate.norm} (bytes per operation) when run with {@code -prof gc}, else null
     */
    public record Result(String name, String mode, double nanos, double errorNanos, List<Double> rawNanos,
            Double allocatedBytes) {

        /** The relative error of the score, NaN when unknown. */
        public double relativeError() {
            return this.errorNanos / this.nanos;
        }
    }
}
