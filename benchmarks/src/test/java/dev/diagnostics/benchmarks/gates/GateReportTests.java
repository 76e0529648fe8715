package dev.diagnostics.benchmarks.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.diagnostics.benchmarks.gates.Gate.Kind;
import dev.diagnostics.benchmarks.gates.Gate.Outcome;
import dev.diagnostics.benchmarks.gates.Gate.Verdict;

class GateReportTests {

    private static final String PACKAGE = "dev.diagnostics.benchmarks.";

    @TempDir
    Path dir;

    private final List<String> entries = new ArrayList<>();

    @Test
    void everyGateNamesBenchmarkMethodsThatExistInThisModule() throws Exception {
        for (Gate gate : Gates.all()) {
            assertBenchmarkExists(gate.measured());
            if (gate.baseline() != null) {
                assertBenchmarkExists(gate.baseline());
            }
        }
        assertBenchmarkExists(Gates.NANO_TIME);
        assertBenchmarkExists(Gates.EMPTY_METHOD);
    }

    @Test
    void aRatioWithinTheTargetPassesAndShowsItsPropagatedError() {
        quietRulers();
        result("A.measured", "ms/op", 101, 1.01, null);
        result("A.baseline", "ms/op", 100, 1.0, null);
        Outcome outcome = gate(Kind.TIME_RATIO, "A.measured", "A.baseline", 1.3);
        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        // 1.01 x sqrt(0.01^2 + 0.01^2) = 0.0143
        assertThat(outcome.value()).isEqualTo("1.010x ± 0.014");
        assertThat(outcome.note()).isEmpty();
    }

    @Test
    void aRatioOverTheTargetFailsAndSaysWhenTheTargetIsWithinTheError() {
        quietRulers();
        result("A.measured", "ns/op", 140, 20, null);
        result("A.baseline", "ns/op", 100, 1, null);
        Outcome outcome = gate(Kind.TIME_RATIO, "A.measured", "A.baseline", 1.3);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.note()).contains("within the error");
    }

    @Test
    void benchmarksInDifferentUnitsAreComparedInNanoseconds() {
        quietRulers();
        result("A.measured", "us/op", 0.150, 0.001, null);
        result("A.baseline", "ns/op", 100, 1, null);
        Outcome outcome = gate(Kind.TIME_EXTRA_NANOS, "A.measured", "A.baseline", 100);
        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.value()).startsWith("+50.0 ns ± 1.4");
        assertThat(gate(Kind.TIME_EXTRA_NANOS, "A.measured", "A.baseline", 40).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void allocationGatesAreStrictButIgnoreJmhsFractionOfAByte() {
        quietRulers();
        result("A.tracked", "ns/op", 180, 5, 56.004);
        result("A.bare", "ns/op", 95, 5, 56.001);
        result("A.leaky", "ns/op", 180, 5, 80.0);
        result("A.free", "ns/op", 6, 0.1, 0.001);
        assertThat(gate(Kind.ALLOCATION_EXTRA_BYTES, "A.tracked", "A.bare", 0).verdict()).isEqualTo(Verdict.PASS);
        Outcome leaky = gate(Kind.ALLOCATION_EXTRA_BYTES, "A.leaky", "A.bare", 0);
        assertThat(leaky.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(leaky.value()).startsWith("+23.999 B/op");
        assertThat(gate(Kind.ALLOCATION_EXTRA_BYTES, "A.leaky", "A.bare", 64).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gate(Kind.ALLOCATION_BYTES, "A.free", null, 0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gate(Kind.ALLOCATION_BYTES, "A.leaky", null, 0).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void noisyRulersMakeTimingGatesInconclusiveButAllocationGatesStillCount() {
        result(Gates.NANO_TIME, "ns/op", 25, 8, 0.0);
        result(Gates.EMPTY_METHOD, "ns/op", 0.3, 0.01, 0.0);
        result("A.measured", "ns/op", 400, 1, 100.0);
        result("A.baseline", "ns/op", 100, 1, 0.0);
        JmhResults run = run();
        assertThat(Gates.noise(run)).hasValueSatisfying((why) -> assertThat(why).contains("32%"));
        Outcome time = new Gate("t", "claim", Kind.TIME_RATIO, "A.measured", "A.baseline", 1.3).evaluate(run,
                Gates.noise(run));
        assertThat(time.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(time.note()).startsWith("would be FAIL");
        Outcome alloc = new Gate("a", "claim", Kind.ALLOCATION_BYTES, "A.measured", null, 0).evaluate(run,
                Gates.noise(run));
        assertThat(alloc.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void rulersFarFromTheirRecordedValueOrAnExpensiveEmptyMethodMarkTheRunNoisy() {
        result(Gates.NANO_TIME, "ns/op", 60, 0.5, 0.0);
        result(Gates.EMPTY_METHOD, "ns/op", 0.3, 0.01, 0.0);
        assertThat(Gates.noise(run())).hasValueSatisfying((why) -> assertThat(why).contains("off its recorded"));
        this.entries.clear();
        result(Gates.NANO_TIME, "ns/op", 24, 0.5, 0.0);
        result(Gates.EMPTY_METHOD, "ns/op", 5, 0.01, 0.0);
        assertThat(Gates.noise(run())).hasValueSatisfying((why) -> assertThat(why).contains(Gates.EMPTY_METHOD));
        this.entries.clear();
        assertThat(Gates.noise(run())).hasValueSatisfying((why) -> assertThat(why).contains("not in this run"));
    }

    @Test
    void aRunTooShortForAnErrorIsInconclusiveForTiming() {
        quietRulers();
        result("A.measured", "ns/op", 100, Double.NaN, null);
        result("A.baseline", "ns/op", 100, Double.NaN, null);
        Outcome outcome = gate(Kind.TIME_RATIO, "A.measured", "A.baseline", 1.3);
        assertThat(outcome.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(outcome.value()).isEqualTo("1.000x ± ?");
    }

    @Test
    void theSlowestSampleIsJudgedAgainstAnAbsoluteBound() {
        quietRulers();
        this.entries.add(entry("A.detect", "ss", "ms/op", 120, 60, null, "[[0.7, 122.1, 247.1], [130.0]]"));
        Outcome outcome = gate(Kind.MAX_SAMPLE_MILLIS, "A.detect", null, 1000);
        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.value()).isEqualTo("max 247.1 ms over 4 samples");
        assertThat(gate(Kind.MAX_SAMPLE_MILLIS, "A.detect", null, 200).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aMissingBenchmarkOrAllocationFigureIsReportedAndFailsOnlyWhenCheckingNames() throws Exception {
        quietRulers();
        result("A.measured", "ns/op", 100, 1, null);
        assertThat(gate(Kind.TIME_RATIO, "A.measured", "A.gone", 2).verdict()).isEqualTo(Verdict.MISSING);
        Outcome noAlloc = gate(Kind.ALLOCATION_BYTES, "A.measured", null, 0);
        assertThat(noAlloc.verdict()).isEqualTo(Verdict.MISSING);
        assertThat(noAlloc.note()).contains("-prof gc");

        Path file = write();
        Output lenient = report(file.toString());
        assertThat(lenient.status).isZero();
        assertThat(lenient.out).contains("MISSING", Gates.all().size() + " gates:");
        Output names = report("--check-names", file.toString());
        assertThat(names.status).isEqualTo(1);
        assertThat(names.out).contains("SlowChecksBenchmark.engine").doesNotContain("MISSING", "A.measured");
    }

    @Test
    void checkingNamesPassesWhenEveryGatedBenchmarkRanWhateverItsTiming() throws Exception {
        for (Gate gate : Gates.all()) {
            for (String name : new String[] { gate.measured(), gate.baseline(), Gates.NANO_TIME, Gates.EMPTY_METHOD }) {
                boolean present = this.entries.stream().anyMatch((entry) -> entry.contains(PACKAGE + name + "\""));
                if (name != null && !present) {
                    // Cold smoke figures: absurd timings must not matter when only names are checked.
                    result(name, "ns/op", 1_000_000, Double.NaN, null);
                }
            }
        }
        Output names = report("--check-names", write().toString());
        assertThat(names.status).isZero();
        assertThat(names.out).contains("every benchmark they compare is in the run");
    }

    @Test
    void theReportPrintsOneLinePerGateAndFailsWhenOneFails() throws Exception {
        quietRulers();
        result("SlowChecksBenchmark.engine", "ms/op", 100.8, 0.25, null);
        result("SlowChecksBenchmark.slowestCheck", "ms/op", 100.2, 0.16, null);
        result("PoolSamplingBenchmark.poolView", "ns/op", 6.5, 0.2, 0.001);
        result("PoolSamplingBenchmark.mxBean", "ns/op", 5.6, 0.1, 0.0);
        Output passing = report(write().toString());
        assertThat(passing.status).isZero();
        assertThat(passing.out).contains("rulers: quiet");
        assertThat(passing.out.lines().filter((line) -> line.startsWith("PASS"))).hasSize(3);
        assertThat(passing.out.lines().filter((line) -> line.contains("engine.slow-checks")).findFirst())
                .hasValueSatisfying((line) -> assertThat(line).contains("1.006x ±"));

        this.entries.clear();
        quietRulers();
        result("PoolSamplingBenchmark.poolView", "ns/op", 20, 0.2, 0.001);
        result("PoolSamplingBenchmark.mxBean", "ns/op", 5.6, 0.1, 0.0);
        Output failing = report(write().toString());
        assertThat(failing.status).isEqualTo(1);
        assertThat(failing.out).containsPattern("(?m)^FAIL +pool\\.sampling\\.time +3\\.571x");
    }

    @Test
    void badArgumentsAndUnreadableFilesExitWithTwoAndSayWhy() throws Exception {
        assertThat(report().status).isEqualTo(2);
        assertThat(report("--fast", "x.json").err).contains("'--fast'");
        assertThat(report(this.dir.resolve("none.json").toString()).err).contains("cannot read");
        Path notJmh = this.dir.resolve("object.json");
        Files.writeString(notJmh, "{\"benchmark\": 1}");
        Output output = report(notJmh.toString());
        assertThat(output.status).isEqualTo(2);
        assertThat(output.err).contains("not a JMH JSON result");
        this.entries.add(entry("A.throughput", "thrpt", "ops/s", 1, 0.1, null, "[[1.0]]"));
        assertThatIllegalArgumentException().isThrownBy(this::run).withMessageContaining("A.throughput")
                .withMessageContaining("ops/s");
    }

    private void assertBenchmarkExists(String name) throws Exception {
        int dot = name.indexOf('.');
        Class<?> type = Class.forName(PACKAGE + name.substring(0, dot));
        Optional<Method> method = List.of(type.getMethods()).stream()
                .filter((candidate) -> candidate.getName().equals(name.substring(dot + 1)))
                .filter((candidate) -> candidate.isAnnotationPresent(Benchmark.class)).findFirst();
        assertThat(method).as("@Benchmark method " + name).isPresent();
    }

    private Outcome gate(Kind kind, String measured, String baseline, double limit) {
        JmhResults run = run();
        return new Gate("g", "claim", kind, measured, baseline, limit).evaluate(run, Gates.noise(run));
    }

    private void quietRulers() {
        result(Gates.NANO_TIME, "ns/op", 23.0, 0.2, 0.0);
        result(Gates.EMPTY_METHOD, "ns/op", 0.27, 0.005, 0.0);
    }

    private void result(String name, String unit, double score, double error, Double alloc) {
        this.entries.add(entry(name, "avgt", unit, score, error, alloc, "[[" + score + "]]"));
    }

    private static String entry(String name, String mode, String unit, double score, double error, Double alloc,
            String raw) {
        String secondary = alloc == null ? "{}"
                : "{\"gc.alloc.rate.norm\": {\"score\": " + alloc + ", \"scoreUnit\": \"B/op\"}}";
        String errorJson = Double.isNaN(error) ? "\"NaN\"" : String.valueOf(error);
        return String.format(Locale.ROOT, "{\"benchmark\": \"%s%s\", \"mode\": \"%s\", \"primaryMetric\": "
                + "{\"score\": %s, \"scoreError\": %s, \"scoreUnit\": \"%s\", \"rawData\": %s}, "
                + "\"secondaryMetrics\": %s}", PACKAGE, name, mode, score, errorJson, unit, raw, secondary);
    }

    private JmhResults run() {
        try {
            return JmhResults.parse(new ObjectMapper().readTree("[" + String.join(",", this.entries) + "]"), "test");
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Path write() throws Exception {
        Path file = Files.createTempFile(this.dir, "jmh", ".json");
        Files.writeString(file, "[" + String.join(",", this.entries) + "]");
        return file;
    }

    private static Output report(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GateReport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Output(int status, String out, String err) {
    }
}
