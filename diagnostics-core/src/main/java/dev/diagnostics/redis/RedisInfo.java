package dev.diagnostics.redis;

import java.util.HashMap;
import java.util.Map;

/** The {@code field:value} lines of an INFO (or CLUSTER INFO) reply. Immutable. */
final class RedisInfo {

    private final Map<String, String> fields;

    private RedisInfo(Map<String, String> fields) {
        this.fields = fields;
    }

    static RedisInfo parse(String text) {
        Map<String, String> fields = new HashMap<>();
        if (text != null) {
            for (String line : text.split("\r?\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        }
        return new RedisInfo(Map.copyOf(fields));
    }

    String text(String field) {
        return this.fields.get(field);
    }

    /** The field as a number, or -1 when absent or not a number. */
    long number(String field) {
        String value = this.fields.get(field);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** The {@code count} of an errorstats line such as {@code errorstat_OOM:count=3}, or 0. */
    long errorCount(String prefix) {
        String value = this.fields.get("errorstat_" + prefix);
        if (value == null || !value.startsWith("count=")) {
            return 0;
        }
        try {
            int comma = value.indexOf(',');
            return Long.parseLong(value.substring(6, (comma > 0) ? comma : value.length()));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    boolean isEmpty() {
        return this.fields.isEmpty();
    }
}
