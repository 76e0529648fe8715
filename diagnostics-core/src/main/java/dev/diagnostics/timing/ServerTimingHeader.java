package dev.diagnostics.timing;

/**
 * The W3C {@code Server-Timing} value of a request, so browser developer tools show where its time went:
 * <pre>{@code total;dur=812.4, app;dur=103.0, db;dur=701.2;desc="3 statements", redis;dur=8.2;desc="2 commands",
 * pricing;dur=640.5}</pre>
 * Durations are milliseconds with one decimal. {@code app} is what remains of {@code total} after {@code db} and
 * {@code redis} (never below 0), computed on the rounded values so that {@code app + db + redis == total} exactly
 * unless database and Redis work overlapped in parallel. Timed sections follow with their own names; they nest inside
 * the others (a timed service method includes its queries), so they are not part of the sum.
 */
public final class ServerTimingHeader {

    private ServerTimingHeader() {
    }

    /**
     * @param timing the request
     * @param nowNanos the present on the request's clock
     */
    public static String format(RequestTiming timing, long nowNanos) {
        long total = Decimals.tenthsOfMillis(Math.max(0, nowNanos - timing.startNanos()));
        long db = Decimals.tenthsOfMillis(timing.databaseNanos());
        long redis = Decimals.tenthsOfMillis(timing.redisNanos());
        long app = Math.max(0, total - db - redis);
        StringBuilder out = new StringBuilder(128);
        Decimals.appendTenths(out.append("total;dur="), total);
        Decimals.appendTenths(out.append(", app;dur="), app);
        Decimals.appendTenths(out.append(", db;dur="), db);
        calls(out, timing.databaseCalls(), " statement");
        Decimals.appendTenths(out.append(", redis;dur="), redis);
        calls(out, timing.redisCalls(), " command");
        int sections = timing.sections();
        for (int i = 0; i < sections; i++) {
            out.append(", ").append(timing.sectionName(i)).append(";dur=");
            Decimals.appendMillis(out, timing.sectionNanos(i));
        }
        return out.toString();
    }

    private static void calls(StringBuilder out, long calls, String noun) {
        out.append(";desc=\"").append(calls).append(noun);
        if (calls != 1) {
            out.append('s');
        }
        out.append('"');
    }
}
