package dev.diagnostics.quarkus.runtime.agroal;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jboss.logging.Logger;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.jdbc.DataSourceDiagnostics;
import dev.diagnostics.quarkus.runtime.DataSourceChecks;
import dev.diagnostics.quarkus.runtime.DataSourceDiagnosticsSettings;
import dev.diagnostics.quarkus.runtime.DiagnosticsConfig;
import dev.diagnostics.time.TimeSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.datasource.common.runtime.DataSourceUtil;

/**
 * The database diagnostics of every active Agroal datasource: one {@link DataSourceDiagnostics} each, built on the
 * engine's clock when the engine is built (at startup). The default datasource's checks are {@code db}, {@code pool}
 * and {@code postgres}; a datasource named {@code orders} gets {@code db-orders}, {@code pool-orders} and
 * {@code postgres-orders}. Building attaches to the pool (see {@code dev.diagnostics.pool.agroal.AgroalPools}): it
 * enables Agroal's metrics if they are off and adds an interceptor beside the application's. Closing stops the
 * exhaustion detectors.
 *
 * <p>Added by the deployment module only when the {@code io.quarkus.agroal} capability is present.
 */
@Singleton
public class AgroalDataSourceChecks implements DataSourceChecks {

    private static final Logger logger = Logger.getLogger(AgroalDataSourceChecks.class);

    private final List<DataSourceDiagnostics> diagnostics = new ArrayList<>();

    AgroalDataSourceChecks(DiagnosticsConfig config, TimeSource time,
            @Any InjectableInstance<AgroalDataSource> dataSources) {
        if (!config.db().enabled()) {
            logger.debug("quarkus.diagnostics.db.enabled=false: no database diagnostics for the datasources");
            return;
        }
        List<String> names = activeDataSourceNames(dataSources);
        try {
            for (String name : names) {
                Optional<AgroalDataSource> dataSource = AgroalDataSourceUtil.dataSourceIfActive(name);
                if (dataSource.isPresent()) {
                    DataSourceDiagnostics.Builder builder = DataSourceDiagnostics
                            .builder(ClientProxy.unwrap(dataSource.get()), time)
                            .name(DataSourceUtil.isDefault(name) ? null : name);
                    this.diagnostics.add(DataSourceDiagnosticsSettings.apply(config, builder).build());
                }
            }
        }
        catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /**
     * The names of the active datasources Quarkus configured, default first. ({@code
     * AgroalDataSourceUtil.activeDataSourceNames()} looks up {@code @Default} beans only, so it misses named ones.)
     * Application beans of the type with other qualifiers are not Quarkus datasources and are left alone.
     */
    private static List<String> activeDataSourceNames(InjectableInstance<AgroalDataSource> dataSources) {
        Set<String> names = new TreeSet<>(Comparator.comparing((String name) -> !DataSourceUtil.isDefault(name))
                .thenComparing(Comparator.naturalOrder()));
        for (InstanceHandle<AgroalDataSource> handle : dataSources.handles()) {
            InjectableBean<AgroalDataSource> bean = handle.getBean();
            if (bean != null && bean.isActive()) {
                for (Annotation qualifier : bean.getQualifiers()) {
                    if (qualifier instanceof DataSource named) {
                        names.add(named.value());
                    }
                    else if (qualifier instanceof Default) {
                        names.add(DataSourceUtil.DEFAULT_DATASOURCE_NAME);
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public List<CheckRegistration> registrations() {
        List<CheckRegistration> registrations = new ArrayList<>();
        this.diagnostics.forEach((each) -> registrations.addAll(each.registrations()));
        return registrations;
    }

    @Override
    public List<MeterBinder> meterBinders() {
        List<MeterBinder> binders = new ArrayList<>();
        this.diagnostics.forEach((each) -> binders.addAll(each.meterBinders()));
        return binders;
    }

    @PreDestroy
    void close() {
        this.diagnostics.forEach(DataSourceDiagnostics::close);
    }
}
