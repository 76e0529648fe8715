package dev.diagnostics.pool.agroal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.AgroalSecurityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.diagnostics.Redaction;
import dev.diagnostics.pool.ConnectionSettings;
import dev.diagnostics.pool.PoolAdapter;
import dev.diagnostics.pool.PoolView;
import dev.diagnostics.time.TimeSource;

/**
 * {@link PoolAdapter} for Agroal (the pool behind Quarkus datasources); loaded by class name only when Agroal is
 * present. See {@link AgroalPools} for what attaching changes on the pool.
 */
public final class AgroalPoolAdapter implements PoolAdapter {

    private static final Logger logger = LoggerFactory.getLogger(AgroalPoolAdapter.class);

    @Override
    public PoolView attach(DataSource dataSource, String name, TimeSource time) {
        AgroalDataSource agroal = unwrap(dataSource);
        return (agroal != null) ? AgroalPools.attach(agroal, name, time) : null;
    }

    /**
     * The connection factory's URL, and the user, password and driver properties it connects with: its JDBC
     * properties plus what its security providers make of its principal and credentials, the way Agroal itself does
     * (so a Quarkus credentials provider is asked here, once). {@code null} when the pool has no URL (a
     * DataSource-class provider configured by properties) or its credentials cannot be read.
     */
    @Override
    public ConnectionSettings connectionSettings(DataSource dataSource) {
        AgroalDataSource agroal = unwrap(dataSource);
        if (agroal == null) {
            return null;
        }
        AgroalConnectionFactoryConfiguration factory = agroal.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        String url = factory.jdbcUrl();
        if (url == null || url.isBlank()) {
            return null;
        }
        Properties properties = new Properties();
        if (factory.jdbcProperties() != null) {
            properties.putAll(factory.jdbcProperties());
        }
        try {
            addSecurityProperties(properties, factory, factory.principal());
            if (factory.credentials() != null) {
                for (Object credential : factory.credentials()) {
                    addSecurityProperties(properties, factory, credential);
                }
            }
        }
        catch (RuntimeException ex) {
            // The exception could quote a credential: name its type only.
            logger.warn("Cannot read the credentials of the pool at {} ({}): the 'db' check will not verify the"
                    + " server with a direct connection when the pool is exhausted", Redaction.redact(url),
                    ex.getClass().getName());
            return null;
        }
        Object user = properties.remove("user");
        Object password = properties.remove("password");
        Class<?> provider = factory.connectionProviderClass();
        String driverClassName = (provider != null && Driver.class.isAssignableFrom(provider)) ? provider.getName()
                : null;
        return new ConnectionSettings(url, (user != null) ? user.toString() : null,
                (password != null) ? password.toString() : null, properties, driverClassName);
    }

    /** The first security provider that understands the object gives its properties, as in Agroal's factory. */
    private static void addSecurityProperties(Properties properties, AgroalConnectionFactoryConfiguration factory,
            Object securityObject) {
        if (securityObject == null || factory.securityProviders() == null) {
            return;
        }
        for (AgroalSecurityProvider provider : factory.securityProviders()) {
            Properties provided = provider.getSecurityProperties(securityObject);
            if (provided != null) {
                properties.putAll(provided);
                return;
            }
        }
    }

    private static AgroalDataSource unwrap(DataSource dataSource) {
        if (dataSource instanceof AgroalDataSource agroal) {
            return agroal;
        }
        try {
            return dataSource.isWrapperFor(AgroalDataSource.class) ? dataSource.unwrap(AgroalDataSource.class) : null;
        }
        catch (SQLException ex) {
            return null;
        }
    }
}
