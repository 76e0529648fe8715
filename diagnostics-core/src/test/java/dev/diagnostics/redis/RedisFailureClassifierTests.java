package dev.diagnostics.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

class RedisFailureClassifierTests {

    @Test
    void serverErrorPrefixesAreClassified() {
        assertThat(classifyReply("NOAUTH Authentication required.")).isEqualTo(RedisFailure.AUTHENTICATION_FAILED);
        assertThat(classifyReply("WRONGPASS invalid username-password pair or user is disabled."))
                .isEqualTo(RedisFailure.AUTHENTICATION_FAILED);
        assertThat(classifyReply("LOADING Redis is loading the dataset in memory")).isEqualTo(RedisFailure.LOADING);
        assertThat(classifyReply("MISCONF Redis is configured to save RDB snapshots, but it's currently unable to"
                + " persist to disk.")).isEqualTo(RedisFailure.PERSISTENCE_FAILING);
        assertThat(classifyReply("OOM command not allowed when used memory > 'maxmemory'."))
                .isEqualTo(RedisFailure.OOM);
        assertThat(classifyReply("READONLY You can't write against a read only replica."))
                .isEqualTo(RedisFailure.READONLY);
        assertThat(classifyReply("ERR unknown command")).isEqualTo(RedisFailure.OTHER);
    }

    @Test
    void connectionFailuresAreClassifiedThroughTheCauseChain() {
        assertThat(RedisFailureClassifier.classify(new RedisConnectionException("Unable to connect to 127.0.0.1:1",
                new ConnectException("Connection refused")))).isEqualTo(RedisFailure.CONNECTION_REFUSED);
        assertThat(RedisFailureClassifier.classify(new RedisConnectionException("Unable to connect",
                new UnknownHostException("no-such-redis.invalid")))).isEqualTo(RedisFailure.UNKNOWN_HOST);
        assertThat(RedisFailureClassifier.classify(new RedisConnectionException("Unable to connect",
                new ConnectException("connection timed out after 10000 ms")))).isEqualTo(RedisFailure.TIMEOUT);
        assertThat(RedisFailureClassifier.classify(new RedisCommandTimeoutException("Command timed out")))
                .isEqualTo(RedisFailure.TIMEOUT);
        assertThat(RedisFailureClassifier.classify(new RedisConnectionException("Unable to connect",
                new RedisCommandExecutionException("WRONGPASS invalid username-password pair"))))
                .isEqualTo(RedisFailure.AUTHENTICATION_FAILED);
        assertThat(RedisFailureClassifier.classify(new RedisException("Connection closed")))
                .isEqualTo(RedisFailure.CONNECTION_LOST);
    }

    @Test
    void diagnosisNamesTheTargetAndHasARemedy() {
        var diagnosis = RedisFailureClassifier.diagnose(RedisFailure.AUTHENTICATION_FAILED, "10.0.0.5:6379");

        assertThat(diagnosis.code()).isEqualTo("redis.authentication-failed");
        assertThat(diagnosis.cause()).contains("10.0.0.5:6379").contains("NOAUTH or WRONGPASS");
        assertThat(diagnosis.remedy()).isNotBlank();
        for (RedisFailure kind : RedisFailure.values()) {
            assertThat(RedisFailureClassifier.diagnose(kind, "h:1").code()).isEqualTo(kind.code());
        }
    }

    private static RedisFailure classifyReply(String message) {
        return RedisFailureClassifier.classify(new RedisCommandExecutionException(message));
    }

    private static final class RedisException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RedisException(String message) {
            super(message);
        }
    }
}
