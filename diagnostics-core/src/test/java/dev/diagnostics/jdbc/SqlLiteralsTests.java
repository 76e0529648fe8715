package dev.diagnostics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlLiteralsTests {

    @Test
    void stringsBecomePlaceholders() {
        assertThat(SqlLiterals.mask("SELECT * FROM users WHERE email = 'a@b.c' AND name='O''Brien'"))
                .isEqualTo("SELECT * FROM users WHERE email = ? AND name=?");
    }

    @Test
    void prefixedStringsLoseTheirPrefix() {
        assertThat(SqlLiterals.mask("SELECT E'it\\'s', N'x', X'DEADBEEF', U&'data', b'101' FROM t"))
                .isEqualTo("SELECT ?, ?, ?, ?, ? FROM t");
    }

    @Test
    void aBackslashInAPlainStringRemovesTheRestOfTheStatement() {
        assertThat(SqlLiterals.mask("UPDATE u SET p = 'a\\' , note = 'hunter2' WHERE id = 3"))
                .isEqualTo("UPDATE u SET p = ?").doesNotContain("hunter2");
    }

    @Test
    void dollarQuotedLiteralsBecomePlaceholdersAndPositionalParametersStay() {
        assertThat(SqlLiterals.mask("SELECT $$secret text$$, $tag$more $$ secret$tag$ WHERE a = $1 AND b = $2"))
                .isEqualTo("SELECT ?, ? WHERE a = $1 AND b = $2");
    }

    @Test
    void numbersAndHexBecomePlaceholdersButNamesKeepTheirDigits() {
        assertThat(SqlLiterals.mask("SELECT t1.col_2, 42, -3.5e10, .5, 0xFF FROM t1 WHERE x>=7"))
                .isEqualTo("SELECT t1.col_2, ?, -?, ?, ? FROM t1 WHERE x>=?");
    }

    @Test
    void commentsAreRemovedAndWhiteSpaceFolded() {
        assertThat(SqlLiterals.mask("SELECT a -- user=bob\n  FROM t /* token=abc */\r\n WHERE\tb = ?"))
                .isEqualTo("SELECT a FROM t WHERE b = ?");
    }

    @Test
    void inListsCollapse() {
        assertThat(SqlLiterals.mask("SELECT * FROM t WHERE id IN (1, 2, 3, 4) AND k in ('a','b') AND z IN (?, ?)"))
                .isEqualTo("SELECT * FROM t WHERE id IN (?) AND k IN (?) AND z IN (?)");
    }

    @Test
    void quotedIdentifiersStay() {
        assertThat(SqlLiterals.mask("SELECT \"Order 1\", `col 2` FROM \"t\" WHERE a = 'x'"))
                .isEqualTo("SELECT \"Order 1\", `col 2` FROM \"t\" WHERE a = ?");
    }

    @Test
    void unclosedLiteralsRemoveTheRest() {
        assertThat(SqlLiterals.mask("SELECT 'never closed secret")).isEqualTo("SELECT ?");
        assertThat(SqlLiterals.mask("SELECT $x$ never closed secret")).isEqualTo("SELECT ?");
    }

    @Test
    void longStatementsAreCut() {
        String masked = SqlLiterals.mask("SELECT " + "a, ".repeat(2000) + "b FROM t");
        assertThat(masked).hasSizeLessThanOrEqualTo(SqlLiterals.MAX_LENGTH + 3).endsWith("...");
        assertThat(SqlLiterals.mask(null)).isEmpty();
    }
}
