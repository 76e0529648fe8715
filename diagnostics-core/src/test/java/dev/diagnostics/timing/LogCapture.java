package dev.diagnostics.timing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** What slf4j-simple (the core tests' binding, writing to System.err) logs while open. */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public LogCapture() {
        System.setErr(new PrintStream(this.bytes, true, StandardCharsets.UTF_8));
    }

    public String text() {
        return this.bytes.toString(StandardCharsets.UTF_8);
    }

    public List<String> lines(String containing) {
        return Arrays.stream(text().split("\n")).filter((line) -> line.contains(containing)).toList();
    }

    @Override
    public void close() {
        System.setErr(this.original);
    }
}
