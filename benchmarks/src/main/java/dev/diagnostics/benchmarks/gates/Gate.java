package dev.diagnostics.benchmarks.gates;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.diagnostics.benchmarks.gates.JmhResults.Result;

/**
 * One performance claim checked against a JMH run: a measured benchmark against a baseline measured in the same run
 * (or, for {@link Kind#MAX_SAMPLE_MILLIS}, against a fixed bound). Time gates are judged on the point estimate with
 * the propagated error shown; allocation gates are strict.
 *
 * @param id a stable name for the gate, used in the report
 * @param claim the claim in words, as DESIGN.md states it
 * @param kind what is compared
 * @param measured the measured benchmark, {@code Class.method}
 * @param baseline the baseline benchmark, {@code Class.method}; null for kinds that need none
 * @param limit the target: a ratio, nanoseconds, bytes per operation or milliseconds, depending on the kind
 */
public record Gate(String id, String claim, Kind kind, String measured, String baseline, double limit) {

    /** Allocation figures within this many bytes per operation of the limit pass: JMH's figure carries ~0.01 B. */
    static final double ALLOCATION_SLACK_BYTES = 0.5;

    public Gate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(measured, "measured");
        if (kind.needsBaseline() && baseline == null) {
            throw new IllegalArgumentException("gate " + id + ": kind " + kind + " needs a baseline");
        }
    }

    /** What a gate compares. */
    public enum Kind {
        /** measured time / baseline time <= limit. */
        TIME_RATIO(true, true),
        /** measured time - baseline time <= limit nanoseconds. */
        TIME_EXTRA_NANOS(true, true),
        /** the slowest single shot or iteration of measured <= limit milliseconds. */
        MAX_SAMPLE_MILLIS(true, false),
        /** measured bytes per operation - baseline bytes per operation <= limit. */
        ALLOCATION_EXTRA_BYTES(false, true),
        /** measured bytes per operation <= limit. */
        ALLOCATION_BYTES(false, false);

        private final boolean timing;

        private final boolean needsBaseline;

        Kind(boolean timing, boolean needsBaseline) {
            this.timing = timing;
            this.needsBaseline = needsBaseline;
        }

        /** Whether the gate judges time (and so depends on a quiet machine) rather than allocation. */
        public boolean timing() {
            return this.timing;
        }

        boolean needsBaseline() {
            return this.needsBaseline;
        }
    }

    /** The verdict on one gate. */
    public enum Verdict {
        PASS, FAIL,
        /** Measured, but the run cannot support a timing verdict (noisy rulers, no error estimate). */
        INCONCLUSIVE,
        /** A benchmark (or its allocation figure) is not in the run. */
        MISSING
    }

    /**
     * The outcome of a gate on one run.
     *
     * @param verdict the verdict
     * @param value what was measured, in words with its error ({@code "1.006x ± 0.003"}); empty when missing
     * @param note why the verdict is what it is, when that is not obvious; empty otherwise
     */
    public record Outcome(Gate gate, Verdict verdict, String value, String note) {
    }

    /**
     * Judges this gate on a run.
     *
     * @param noise why timing verdicts from this run cannot be trusted, or empty when the rulers were quiet
     */
    public Outcome evaluate(JmhResults run, Optional<String> noise) {
        Optional<Result> m = run.get(this.measured);
        Optional<Result> b = this.kind.needsBaseline() ? run.get(this.baseline) : Optional.empty();
        if (m.isEmpty()) {
            return new Outcome(this, Verdict.MISSING, "", this.measured + " is not in this run");
        }
        if (this.kind.needsBaseline() && b.isEmpty()) {
            return new Outcome(this, Verdict.MISSING, "", this.baseline + " is not in this run");
        }
        return switch (this.kind) {
            case TIME_RATIO -> timeRatio(m.get(), b.get(), noise);
            case TIME_EXTRA_NANOS -> timeExtra(m.get(), b.get(), noise);
            case MAX_SAMPLE_MILLIS -> maxSample(m.get(), noise);
            case ALLOCATION_EXTRA_BYTES -> allocationExtra(m.get(), b.get());
            case ALLOCATION_BYTES -> allocation(m.get());
        };
    }

    private Outcome timeRatio(Result m, Result b, Optional<String> noise) {
        double ratio = m.nanos() / b.nanos();
        double error = ratio * Math.hypot(m.relativeError(), b.relativeError());
        String value = format("%.3fx ± %s", ratio, errorText(error, "%.3f"));
        return timing(ratio, error, value, noise, m, b);
    }

    private Outcome timeExtra(Result m, Result b, Optional<String> noise) {
        double extra = m.nanos() - b.nanos();
        double error = Math.hypot(m.errorNanos(), b.errorNanos());
        String value = format("%+.1f ns ± %s", extra, errorText(error, "%.1f"));
        return timing(extra, error, value, noise, m, b);
    }

    private Outcome maxSample(Result m, Optional<String> noise) {
        if (m.rawNanos().isEmpty()) {
            return new Outcome(this, Verdict.MISSING, "", this.measured + " has no raw samples in this run");
        }
        double max = m.rawNanos().stream().mapToDouble(Double::doubleValue).max().orElseThrow() / 1_000_000;
        String value = format("max %.1f ms over %d samples", max, m.rawNanos().size());
        Verdict verdict = max <= this.limit ? Verdict.PASS : Verdict.FAIL;
        if (noise.isPresent()) {
            return new Outcome(this, Verdict.INCONCLUSIVE, value, "would be " + verdict + "; " + noise.get());
        }
        return new Outcome(this, verdict, value, "");
    }

    private Outcome timing(double figure, double error, String value, Optional<String> noise, Result m, Result b) {
        Verdict verdict = figure <= this.limit ? Verdict.PASS : Verdict.FAIL;
        if (noise.isPresent()) {
            return new Outcome(this, Verdict.INCONCLUSIVE, value, "would be " + verdict + "; " + noise.get());
        }
        if (Double.isNaN(error)) {
            return new Outcome(this, Verdict.INCONCLUSIVE, value,
                    "would be " + verdict + "; no error estimate (too few iterations for " + m.name() + " or "
                            + b.name() + ")");
        }
        boolean straddles = Math.abs(figure - this.limit) <= error;
        return new Outcome(this, verdict, value, straddles ? "the target lies within the error" : "");
    }

    private Outcome allocationExtra(Result m, Result b) {
        if (m.allocatedBytes() == null || b.allocatedBytes() == null) {
            return new Outcome(this, Verdict.MISSING, "", "no allocation figures: run with -prof gc");
        }
        double extra = m.allocatedBytes() - b.allocatedBytes();
        String value = format("%+.3f B/op (%.3f vs %.3f)", extra, m.allocatedBytes(), b.allocatedBytes());
        return new Outcome(this, extra <= this.limit + ALLOCATION_SLACK_BYTES ? Verdict.PASS : Verdict.FAIL, value,
                "");
    }

    private Outcome allocation(Result m) {
        if (m.allocatedBytes() == null) {
            return new Outcome(this, Verdict.MISSING, "", "no allocation figures: run with -prof gc");
        }
        String value = format("%.3f B/op", m.allocatedBytes());
        return new Outcome(this, m.allocatedBytes() <= this.limit + ALLOCATION_SLACK_BYTES ? Verdict.PASS
                : Verdict.FAIL, value, "");
    }

    /** The target in words, for the report. */
    public String target() {
        return switch (this.kind) {
            case TIME_RATIO -> format("<= %.2fx %s", this.limit, this.baseline);
            case TIME_EXTRA_NANOS -> format("<= %+.0f ns over %s", this.limit, this.baseline);
            case MAX_SAMPLE_MILLIS -> format("every sample <= %.0f ms", this.limit);
            case ALLOCATION_EXTRA_BYTES -> format("<= %+.0f B/op over %s", this.limit, this.baseline);
            case ALLOCATION_BYTES -> format("<= %.0f B/op", this.limit);
        };
    }

    private static String errorText(double error, String pattern) {
        return Double.isNaN(error) ? "?" : format(pattern, error);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
