package dev.diagnostics.jdbc;

import java.util.regex.Pattern;

/**
 * SQL text with every literal value removed, safe to log: literals carry personal data and secrets
 * ({@code WHERE email = 'a@b.c'}, {@code SET password = '...'}); the statement's shape is what a slow-query log needs.
 *
 * <ul>
 * <li>string literals ({@code '...'} with {@code ''} inside, and the prefixed {@code E'...'}, {@code N'...'},
 * {@code X'...'}, {@code B'...'}, {@code U&'...'}) become {@code ?};</li>
 * <li>PostgreSQL dollar-quoted literals ({@code $$...$$}, {@code $tag$...$tag$}) become {@code ?}; positional
 * parameters ({@code $1}) stay;</li>
 * <li>numbers (integers, decimals, exponents) and hexadecimal ({@code 0x1F}) become {@code ?}; digits inside names
 * ({@code t1}, {@code col_2}) stay;</li>
 * <li>comments ({@code -- ...}, {@code /* ... *}{@code /}) are removed, since they can carry values too;</li>
 * <li>{@code IN (?, ?, ?)} becomes {@code IN (?)}, so the same statement with other list sizes reads the same;</li>
 * <li>runs of white space, line breaks included, become one space (one log line, no forged lines).</li>
 * </ul>
 *
 * <p>Where the dialect is ambiguous it errs on the side of removing more: a plain string literal containing a
 * backslash (an escape in MySQL, a character in standard SQL) removes everything from it to the end of the
 * statement, and so does a literal that never closes. Quoted identifiers ({@code "name"}, {@code `name`}) are kept.
 * The result is cut at {@value #MAX_LENGTH} characters. Thread-safe (stateless).
 */
public final class SqlLiterals {

    /** The longest masked text returned; longer is cut and ends with {@code ...}. */
    public static final int MAX_LENGTH = 2000;

    private static final Pattern IN_LIST = Pattern.compile("(?i)\\bIN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");

    private SqlLiterals() {
    }

    /** The statement with its literals replaced by {@code ?}; an empty string for {@code null}. */
    public static String mask(String sql) {
        if (sql == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH + 16));
        int length = sql.length();
        int i = 0;
        while (i < length && out.length() <= MAX_LENGTH) {
            char c = sql.charAt(i);
            if (c == '\'') {
                boolean escapes = dropPrefix(out);
                int end = stringEnd(sql, i + 1, escapes);
                out.append('?');
                if (end < 0) {
                    return finish(out);
                }
                i = end;
            }
            else if (c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                end = (end < 0) ? length : end + 1;
                out.append(sql, i, end);
                i = end;
            }
            else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                space(out);
                i = (end < 0) ? length : end + 1;
            }
            else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                space(out);
                i = (end < 0) ? length : end + 2;
            }
            else if (c == '$' && !identifierBefore(out)) {
                int tagEnd = dollarTagEnd(sql, i);
                if (tagEnd < 0) {
                    out.append(c);
                    i++;
                }
                else {
                    String tag = sql.substring(i, tagEnd);
                    int close = sql.indexOf(tag, tagEnd);
                    out.append('?');
                    if (close < 0) {
                        return finish(out);
                    }
                    i = close + tag.length();
                }
            }
            else if ((isDigit(c) || (c == '.' && i + 1 < length && isDigit(sql.charAt(i + 1))))
                    && !identifierBefore(out)) {
                i = numberEnd(sql, i);
                out.append('?');
            }
            else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space(out);
                i++;
            }
            else {
                out.append(c);
                i++;
            }
        }
        if (i < length) {
            out.setLength(Math.min(out.length(), MAX_LENGTH));
            out.append("...");
        }
        return finish(out);
    }

    private static String finish(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        String text = out.toString();
        return (text.indexOf('?') >= 0) ? IN_LIST.matcher(text).replaceAll("IN (?)") : text;
    }

    /**
     * Removes a string prefix (E, N, X, B, U&) just written, when it stands alone.
     *
     * @return whether backslashes escape inside this literal (PostgreSQL's E'...')
     */
    private static boolean dropPrefix(StringBuilder out) {
        int n = out.length();
        if (n >= 2 && out.charAt(n - 1) == '&' && (out.charAt(n - 2) == 'U' || out.charAt(n - 2) == 'u')
                && (n == 2 || !isIdentifierPart(out.charAt(n - 3)))) {
            out.setLength(n - 2);
            return false;
        }
        if (n >= 1 && "EeNnXxBb".indexOf(out.charAt(n - 1)) >= 0 && (n == 1 || !isIdentifierPart(out.charAt(n - 2)))) {
            boolean escapes = out.charAt(n - 1) == 'E' || out.charAt(n - 1) == 'e';
            out.setLength(n - 1);
            return escapes;
        }
        return false;
    }

    /** Index after the closing quote, or -1 when the rest of the statement must go (unclosed, ambiguous). */
    private static int stringEnd(String sql, int from, boolean backslashEscapes) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                if (!backslashEscapes) {
                    return -1;
                }
                i += 2;
            }
            else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                }
                else {
                    return i + 1;
                }
            }
            else {
                i++;
            }
        }
        return -1;
    }

    /** The index after a dollar-quote tag ({@code $$} or {@code $tag$}) starting at {@code i}, or -1 if none. */
    private static int dollarTagEnd(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && sql.charAt(j) == '$') {
            return j + 1;
        }
        if (j >= sql.length() || !(Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_')) {
            return -1;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return (j < sql.length() && sql.charAt(j) == '$') ? j + 1 : -1;
    }

    private static int numberEnd(String sql, int i) {
        int length = sql.length();
        if (sql.charAt(i) == '0' && i + 1 < length && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
            int j = i + 2;
            while (j < length && Character.digit(sql.charAt(j), 16) >= 0) {
                j++;
            }
            return j;
        }
        int j = i;
        while (j < length && (isDigit(sql.charAt(j)) || sql.charAt(j) == '.' || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < length && (sql.charAt(j) == 'e' || sql.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < length && (sql.charAt(k) == '+' || sql.charAt(k) == '-')) {
                k++;
            }
            if (k < length && isDigit(sql.charAt(k))) {
                j = k;
                while (j < length && isDigit(sql.charAt(j))) {
                    j++;
                }
            }
        }
        return j;
    }

    private static boolean identifierBefore(StringBuilder out) {
        return out.length() > 0 && isIdentifierPart(out.charAt(out.length() - 1));
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '`';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void space(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }
}
