package dev.diagnostics.quarkus.runtime.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jboss.logging.Logger;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.quarkus.runtime.DiagnosticsConfig;
import dev.diagnostics.quarkus.runtime.RedisChecks;
import dev.diagnostics.redis.RedisCheck;
import dev.diagnostics.redis.RedisCheckConfig;
import dev.diagnostics.redis.RedisConnector;
import dev.diagnostics.redis.RedisMetrics;
import dev.diagnostics.time.TimeSource;
import io.quarkus.arc.ClientProxy;

/**
 * The {@code redis} check, built at startup from the lettuce bean the application provides (Quarkus's own Redis client
 * is Vert.x-based and is not used). The first of these {@code @Default} beans found decides how the check connects;
 * in every case it keeps one connection, never one per probe:
 *
 * <ol>
 * <li>a {@link RedisClient} with a {@link RedisURI}: the check opens its own connection with them, so its
 * {@code PING} does not queue behind the application's commands (nor theirs behind it), and shows the URI's host and
 * port;</li>
 * <li>a {@link RedisClusterClient}: the check opens its own cluster connection;</li>
 * <li>a {@link StatefulConnection} (a {@code StatefulRedisConnection}, a cluster connection): the check shares the
 * application's connection and never closes it (the bean is created at startup; if that fails, a warning says so and
 * there is no check);</li>
 * <li>a {@link RedisClient} alone: lettuce keeps the client's default URI private and offers no asynchronous connect
 * without one, so the check calls {@link RedisClient#connect()} on one thread of its own, bounded by the client's
 * connect timeout; the response names no target.</li>
 * </ol>
 *
 * <p>Without any of them there is no {@code redis} check. Several beans of a type and no {@code @Default} one are not
 * guessed between: a warning says so and that type is skipped.
 *
 * <p>Added by the deployment module only when lettuce-core is on the class path.
 */
@Singleton
public class LettuceRedisChecks implements RedisChecks {

    private static final Logger logger = Logger.getLogger(LettuceRedisChecks.class);

    private RedisCheck check;

    private ExecutorService connectThread;

    LettuceRedisChecks(DiagnosticsConfig config, TimeSource time, Instance<RedisClient> clients,
            Instance<RedisURI> uris, Instance<RedisClusterClient> clusterClients,
            Instance<StatefulConnection<?, ?>> connections) {
        if (!config.redis().enabled()) {
            logger.debug("quarkus.diagnostics.redis.enabled=false: no redis check");
            return;
        }
        // Built first, so a bad value fails startup even before the application provides a lettuce bean.
        RedisCheckConfig checkConfig = RedisCheckConfig.builder()
                .propertyPrefix(DiagnosticsConfig.REDIS_PREFIX)
                .deadline(config.redis().deadline())
                .memoryWarning(config.redis().memoryWarning())
                .build();
        // Only the bean the check is built from is created here; the others are merely asked whether they exist.
        boolean hasClient = resolvable(clients, "io.lettuce.core.RedisClient");
        RedisCheck.Builder builder;
        if (hasClient && resolvable(uris, "io.lettuce.core.RedisURI")) {
            RedisClient client = ClientProxy.unwrap(clients.get());
            RedisURI uri = ClientProxy.unwrap(uris.get());
            builder = RedisCheck.builder(RedisConnector.of(client, uri), time).client(client)
                    .secrets(secretsOf(uri));
            String target = targetOf(uri);
            if (target != null) {
                builder.target(target);
            }
        }
        else if (resolvable(clusterClients, "io.lettuce.core.cluster.RedisClusterClient")) {
            RedisClusterClient clusterClient = ClientProxy.unwrap(clusterClients.get());
            builder = RedisCheck.builder(RedisConnector.of(clusterClient), time).client(clusterClient);
        }
        else if (resolvable(connections, "io.lettuce.core.api.StatefulConnection")) {
            // The check must hold the connection itself to know it is the application's (and never close it), so the
            // bean is created now, at startup. If that fails (its producer connects and Redis is down), the
            // application would fail the same way on first use; the check is left out rather than stop startup.
            StatefulConnection<?, ?> connection;
            try {
                connection = ClientProxy.unwrap(connections.get());
            }
            catch (RuntimeException ex) {
                logger.warnf("The application's lettuce StatefulConnection bean could not be created (%s): no redis"
                        + " check. Provide a RedisClient and a RedisURI bean instead, so the check connects itself.",
                        ex.getClass().getName());
                return;
            }
            builder = RedisCheck.builder(RedisConnector.of(connection), time);
        }
        else if (hasClient) {
            RedisClient client = ClientProxy.unwrap(clients.get());
            this.connectThread = Executors.newSingleThreadExecutor((task) -> {
                Thread thread = new Thread(task, "diagnostics-redis-connect");
                thread.setDaemon(true);
                return thread;
            });
            ExecutorService executor = this.connectThread;
            builder = RedisCheck.builder(() -> CompletableFuture.supplyAsync(client::connect, executor), time)
                    .client(client);
        }
        else {
            logger.debug("No lettuce RedisClient, RedisClusterClient or StatefulConnection bean: no redis check");
            return;
        }
        this.check = builder.config(checkConfig).build();
    }

    /** Whether there is one {@code @Default} bean of the type; several and no default one are not guessed between. */
    private static boolean resolvable(Instance<?> beans, String type) {
        if (beans.isAmbiguous()) {
            logger.warnf("Several %s beans and no @Default one: the redis check does not use any of them", type);
        }
        return beans.isResolvable();
    }

    /** The URI's password, when it is fixed, so the check can keep it out of everything it reports. */
    private static List<String> secretsOf(RedisURI uri) {
        List<String> secrets = new ArrayList<>();
        RedisCredentialsProvider provider = uri.getCredentialsProvider();
        if (provider instanceof RedisCredentialsProvider.ImmediateRedisCredentialsProvider immediate) {
            RedisCredentials credentials = immediate.resolveCredentialsNow();
            if (credentials != null && credentials.hasPassword()) {
                secrets.add(new String(credentials.getPassword()));
            }
        }
        return secrets;
    }

    /** {@code host:port}, or the Sentinel master's name; never the URI itself, which can carry the password. */
    private static String targetOf(RedisURI uri) {
        if (uri.getHost() != null) {
            return uri.getHost() + ":" + uri.getPort();
        }
        if (uri.getSentinelMasterId() != null) {
            return "sentinel master " + uri.getSentinelMasterId();
        }
        return null;
    }

    @Override
    public List<CheckRegistration> registrations() {
        return (this.check != null) ? List.of(RedisCheck.registration(RedisCheck.NAME, this.check).build())
                : List.of();
    }

    @Override
    public List<MeterBinder> meterBinders() {
        return (this.check != null) ? List.of(new RedisMetrics(this.check, RedisCheck.NAME)) : List.of();
    }

    /** Ends the check's own connection (never the application's) and its connect thread. */
    @PreDestroy
    void close() {
        if (this.check != null) {
            this.check.close();
        }
        if (this.connectThread != null) {
            this.connectThread.shutdownNow();
        }
    }
}
