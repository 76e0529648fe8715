package dev.diagnostics.quarkus.deployment;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

/** Everything a captured log record could show: its formatted message, its raw parameters and its stack trace. */
final class LogText {

    private LogText() {
    }

    static String of(LogRecord record) {
        StringBuilder text = new StringBuilder();
        text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        if (record.getParameters() != null) {
            text.append(' ').append(Arrays.deepToString(record.getParameters()));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        return text.toString();
    }
}
