package dev.diagnostics.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.StatefulConnection;

/** The application's own connection: shared, never closed by the check. */
final class ApplicationRedisConnector implements RedisConnector {

    private final StatefulConnection<?, ?> connection;

    ApplicationRedisConnector(StatefulConnection<?, ?> connection) {
        this.connection = connection;
    }

    @Override
    public CompletionStage<? extends StatefulConnection<?, ?>> connect() {
        return CompletableFuture.completedFuture(this.connection);
    }
}
