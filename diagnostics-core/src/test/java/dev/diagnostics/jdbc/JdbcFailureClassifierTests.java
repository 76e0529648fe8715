package dev.diagnostics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import dev.diagnostics.Diagnosis;

/** Branches a real server here cannot produce (DNS, TLS, driver missing) and the SQLSTATE table. */
class JdbcFailureClassifierTests {

    private static final JdbcUrl URL = JdbcUrl.parse("jdbc:postgresql://db.internal:6432/orders?password=s3cr3t");

    private static SQLException sql(String message, String state) {
        return new SQLException(message, state);
    }

    @Test
    void sqlStatesMapToTheirFailures() {
        assertThat(JdbcFailureClassifier.classify(sql("password authentication failed", "28P01")))
                .isEqualTo(JdbcFailure.AUTHENTICATION_FAILED);
        assertThat(JdbcFailureClassifier.classify(sql("role \"x\" does not exist", "28000")))
                .isEqualTo(JdbcFailure.UNKNOWN_ROLE);
        assertThat(JdbcFailureClassifier.classify(sql("no pg_hba.conf entry for host", "28000")))
                .isEqualTo(JdbcFailure.AUTHENTICATION_FAILED);
        assertThat(JdbcFailureClassifier.classify(sql("database \"x\" does not exist", "3D000")))
                .isEqualTo(JdbcFailure.UNKNOWN_DATABASE);
        assertThat(JdbcFailureClassifier.classify(sql("sorry, too many clients already", "53300")))
                .isEqualTo(JdbcFailure.TOO_MANY_CONNECTIONS);
        assertThat(JdbcFailureClassifier.classify(sql("the database system is starting up", "57P03")))
                .isEqualTo(JdbcFailure.SERVER_STARTING);
        assertThat(JdbcFailureClassifier.classify(sql("terminating connection due to administrator command",
                "57P01"))).isEqualTo(JdbcFailure.SERVER_SHUTTING_DOWN);
        assertThat(JdbcFailureClassifier.classify(sql("canceling statement due to statement timeout", "57014")))
                .isEqualTo(JdbcFailure.TIMEOUT);
        assertThat(JdbcFailureClassifier.classify(sql("No suitable driver found for jdbc:x", "08001")))
                .isEqualTo(JdbcFailure.DRIVER_MISSING);
    }

    @Test
    void causesBeneathThePoolsOwnErrorDecide() {
        SQLException hikari = new SQLTransientConnectionException(
                "app-pool - Connection is not available, request timed out after 30000ms", "08001",
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));

        assertThat(JdbcFailureClassifier.classify(hikari)).isEqualTo(JdbcFailure.CONNECTION_REFUSED);
        assertThat(JdbcFailureClassifier.classify(new SQLException("x", "08001", new UnknownHostException("db.internal"))))
                .isEqualTo(JdbcFailure.UNKNOWN_HOST);
        assertThat(JdbcFailureClassifier.classify(new SQLException("x", "08001",
                new SSLHandshakeException("PKIX path building failed")))).isEqualTo(JdbcFailure.TLS_FAILED);
        assertThat(JdbcFailureClassifier.classify(new SQLException("x", "08006", new EOFException())))
                .isEqualTo(JdbcFailure.CONNECTION_LOST);
        assertThat(JdbcFailureClassifier.classify(new SQLException("x", new SocketTimeoutException("Read timed out"))))
                .isEqualTo(JdbcFailure.TIMEOUT);
        assertThat(JdbcFailureClassifier.classify(new ConnectException("connect timed out")))
                .isEqualTo(JdbcFailure.TIMEOUT);
        assertThat(JdbcFailureClassifier.classify(new IllegalStateException("who knows")))
                .isEqualTo(JdbcFailure.OTHER);
    }

    @Test
    void diagnosesNameTheServerAndNeverThePassword() {
        Diagnosis dns = JdbcFailureClassifier.diagnose(new UnknownHostException("db.internal"), URL);
        Diagnosis starting = JdbcFailureClassifier.diagnose(sql("the database system is shutting down", "57P03"),
                URL);
        Diagnosis perRole = JdbcFailureClassifier.diagnose(sql("too many connections for role \"app\"", "53300"),
                URL);

        assertThat(dns.code()).isEqualTo("db.unknown-host");
        assertThat(dns.cause()).contains("'db.internal'");
        assertThat(starting.code()).isEqualTo("db.server-shutting-down");
        assertThat(perRole.cause()).contains("role's connection limit").contains("db.internal:6432");
        assertThat(dns.toString() + starting + perRole).doesNotContain("s3cr3t");
    }

    @Test
    void aTimeoutOfAnEmbeddedDatabasePointsAtThisJvmNotTheNetwork() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");
        Diagnosis remote = JdbcFailureClassifier.diagnose(timeout, URL);
        Diagnosis embedded = JdbcFailureClassifier.diagnose(timeout, JdbcUrl.parse("jdbc:h2:mem:inventory"));

        assertThat(remote.code()).isEqualTo(embedded.code()).isEqualTo("db.timeout");
        assertThat(remote.cause()).contains("packets are dropped").contains("db.internal:6432");
        assertThat(embedded.cause()).contains("embedded database jdbc:h2:mem:inventory").contains("inside this JVM")
                .doesNotContain("firewall");
        assertThat(embedded.remedy()).contains("'memory' check").doesNotContain("nc -vz");
    }

    @Test
    void inProcessDatabasesAreToldFromServers() {
        assertThat(JdbcUrl.parse("jdbc:h2:mem:test").isInProcess()).isTrue();
        assertThat(JdbcUrl.parse("jdbc:h2:./data/orders").isInProcess()).isTrue();
        assertThat(JdbcUrl.parse("jdbc:hsqldb:mem:orders").isInProcess()).isTrue();
        assertThat(JdbcUrl.parse("jdbc:h2:tcp://db.internal:9092/orders").isInProcess()).isFalse();
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost/x").isInProcess()).isFalse();
        assertThat(URL.isInProcess()).isFalse();
    }

    @Test
    void jdbcUrlsAreParsedAndRedacted() {
        assertThat(URL.host()).isEqualTo("db.internal");
        assertThat(URL.port()).isEqualTo(6432);
        assertThat(URL.database()).isEqualTo("orders");
        assertThat(URL.redacted()).doesNotContain("s3cr3t");
        assertThat(JdbcUrl.parse("jdbc:postgresql://app:pw@10.0.0.5/x").redacted()).doesNotContain(":pw@");
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost/x").address()).isEqualTo("localhost:5432");
        assertThat(JdbcUrl.parse("jdbc:h2:mem:test").address()).isEqualTo("jdbc:h2:mem:test");
        assertThat(JdbcUrl.parse("jdbc:h2:mem:test").subprotocol()).isEqualTo("h2");
    }
}
