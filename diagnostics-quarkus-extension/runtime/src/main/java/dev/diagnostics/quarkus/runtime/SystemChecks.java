package dev.diagnostics.quarkus.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.diagnostics.CheckRegistration;
import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.system.CertificateSource;
import dev.diagnostics.system.DiskSpaceCheck;
import dev.diagnostics.system.DiskSpaceConfig;
import dev.diagnostics.system.HotThreadsCheck;
import dev.diagnostics.system.HotThreadsConfig;
import dev.diagnostics.system.RequiredConfiguration;
import dev.diagnostics.system.RequiredFile;
import dev.diagnostics.system.RequiredFilesCheck;
import dev.diagnostics.system.SystemMetrics;
import dev.diagnostics.system.TcpCheck;
import dev.diagnostics.system.TcpCheckConfig;
import dev.diagnostics.system.TcpTarget;
import dev.diagnostics.system.TlsCheck;
import dev.diagnostics.system.TlsCheckConfig;
import dev.diagnostics.system.TlsEndpoint;
import dev.diagnostics.time.TimeSource;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The system checks, built at startup from {@code quarkus.diagnostics.config|files|disk-space|tls|tcp|cpu.*}:
 * {@code config}, {@code files}, {@code tls} and {@code tcp} when configured, {@code diskSpace} and {@code cpu} by
 * default. The engine registers them beside the application's own checks (an application check of the same name
 * takes the place of one), so {@code quarkus.diagnostics.checks."<name>".*} applies to each. Every value is validated
 * by the core builders, so a bad one fails startup naming its property. Closed on shutdown.
 */
@Singleton
public class SystemChecks {

    private final List<CheckRegistration> registrations = new ArrayList<>();

    private final List<MeterBinder> meterBinders = new ArrayList<>();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    SystemChecks(DiagnosticsConfig config, TimeSource time) {
        try {
            build(config, time);
        }
        catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** The settings of {@code quarkus.diagnostics.config}, or {@code null} when none are required. */
    static RequiredConfiguration requiredConfiguration(DiagnosticsConfig.Config config) {
        List<String> required = config.required().orElse(List.of());
        if (required.isEmpty()) {
            return null;
        }
        return RequiredConfiguration.builder().propertyPrefix(DiagnosticsConfig.CONFIG_PREFIX).require(required)
                .addPlaceholders(config.additionalPlaceholders().orElse(List.of())).build();
    }

    /** Reads a setting from MicroProfile Config, which includes environment variables and system properties. */
    static Function<String, String> lookup() {
        return (name) -> ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(null);
    }

    /** The checks to register. */
    public List<CheckRegistration> registrations() {
        return this.registrations;
    }

    /** The meters to bind when the application has a {@link io.micrometer.core.instrument.MeterRegistry}. */
    public List<MeterBinder> meterBinders() {
        return this.meterBinders;
    }

    private void build(DiagnosticsConfig config, TimeSource time) {
        String prefix = DiagnosticsConfig.PREFIX;
        RequiredConfiguration required = requiredConfiguration(config.config());
        if (required != null) {
            this.registrations.add(RequiredConfiguration.registration(required.check(lookup())).build());
        }
        if (!config.files().required().isEmpty()) {
            RequiredFilesCheck files = files(config.files(), prefix + ".files.required.");
            this.closeables.add(files);
            this.registrations.add(RequiredFilesCheck.registration(files).build());
        }
        if (config.diskSpace().enabled()) {
            DiskSpaceCheck disk = new DiskSpaceCheck(diskSpace(config.diskSpace()));
            this.registrations.add(DiskSpaceCheck.registration(disk).build());
            this.meterBinders.add(SystemMetrics.diskSpace(disk));
        }
        DiagnosticsConfig.Tls tls = config.tls();
        if (tls.enabled() && !(tls.keystores().isEmpty() && tls.pem().isEmpty() && tls.endpoints().isEmpty())) {
            TlsCheck check = new TlsCheck(tls(tls, prefix + ".tls"), time);
            this.closeables.add(check);
            this.registrations.add(TlsCheck.registration(check).build());
            this.meterBinders.add(SystemMetrics.tls(check));
        }
        if (!config.tcp().targets().isEmpty()) {
            TcpCheckConfig.Builder tcp = TcpCheckConfig.builder().propertyPrefix(prefix + ".tcp")
                    .deadline(config.tcp().deadline());
            config.tcp().targets().forEach((name, address) -> tcp.target(TcpTarget.parse(name, address,
                    prefix + ".tcp.targets.\"" + name + "\"")));
            TcpCheck check = new TcpCheck(tcp.build(), time);
            this.closeables.add(check);
            this.registrations.add(TcpCheck.registration(check).build());
            this.meterBinders.add(SystemMetrics.tcp(check));
        }
        if (config.cpu().enabled()) {
            HotThreadsCheck cpu = new HotThreadsCheck(HotThreadsConfig.builder().propertyPrefix(prefix + ".cpu")
                    .interval(config.cpu().interval())
                    .loadWarning(config.cpu().loadWarning())
                    .threadWarning(config.cpu().threadWarning())
                    .threadsShown(config.cpu().threadsShown())
                    .build(), time);
            this.registrations.add(HotThreadsCheck.registration(cpu).build());
            this.meterBinders.add(SystemMetrics.cpu(cpu));
        }
    }

    private static RequiredFilesCheck files(DiagnosticsConfig.Files files, String prefix) {
        RequiredFilesCheck.Builder check = RequiredFilesCheck.builder();
        files.required().forEach((name, file) -> {
            String property = prefix + "\"" + name + "\"";
            RequiredFile.Builder required = RequiredFile.builder(name, file.path().map(Path::of).orElse(null),
                    property).sha256(file.sha256().orElse(null));
            file.minSize().ifPresent((size) -> required.minSize(size.asLongValue()));
            file.maxSize().ifPresent((size) -> required.maxSize(size.asLongValue()));
            check.file(required.build());
        });
        return check.build();
    }

    private static DiskSpaceConfig diskSpace(DiagnosticsConfig.DiskSpace disk) {
        DiskSpaceConfig.Builder config = DiskSpaceConfig.builder()
                .propertyPrefix(DiagnosticsConfig.PREFIX + ".disk-space")
                .warningFree(disk.warningFree().asLongValue())
                .warningFreePercent(disk.warningFreePercent())
                .criticalFree(disk.criticalFree().asLongValue())
                .criticalFreePercent(disk.criticalFreePercent());
        disk.paths().ifPresent((paths) -> config.paths(paths.stream().map(Path::of).toList()));
        return config.build();
    }

    private static TlsCheckConfig tls(DiagnosticsConfig.Tls tls, String prefix) {
        TlsCheckConfig.Builder config = TlsCheckConfig.builder().propertyPrefix(prefix)
                .expiryWarning(tls.expiryWarning())
                .handshakeTimeout(tls.handshakeTimeout());
        for (Map.Entry<String, DiagnosticsConfig.KeyStoreFile> entry : tls.keystores().entrySet()) {
            DiagnosticsConfig.KeyStoreFile store = entry.getValue();
            Path path = Path.of(store.path().orElseThrow(() -> new InvalidConfigurationException(
                    prefix + ".keystores.\"" + entry.getKey() + "\".path", "must be set")));
            config.source(CertificateSource.keyStore(entry.getKey(), path, store.type().orElse(null),
                    store.password().map(String::toCharArray).orElse(null))
                    .selfSignedExpected(store.selfSignedExpected()));
        }
        for (Map.Entry<String, DiagnosticsConfig.PemFile> entry : tls.pem().entrySet()) {
            Path path = Path.of(entry.getValue().path().orElseThrow(() -> new InvalidConfigurationException(
                    prefix + ".pem.\"" + entry.getKey() + "\".path", "must be set")));
            config.source(CertificateSource.pem(entry.getKey(), path)
                    .selfSignedExpected(entry.getValue().selfSignedExpected()));
        }
        for (Map.Entry<String, DiagnosticsConfig.Endpoint> entry : tls.endpoints().entrySet()) {
            DiagnosticsConfig.Endpoint endpoint = entry.getValue();
            String property = prefix + ".endpoints.\"" + entry.getKey() + "\".address";
            config.endpoint(TlsEndpoint.parse(entry.getKey(), endpoint.address().orElse(null), property)
                    .withServerName(endpoint.serverName().orElse(null))
                    .withSelfSignedExpected(endpoint.selfSignedExpected()));
        }
        DiagnosticsConfig.TrustStoreFile trustStore = tls.trustStore();
        if (trustStore.path().isPresent()) {
            config.trustStoreFile(Path.of(trustStore.path().get()), trustStore.type().orElse(null),
                    trustStore.password().map(String::toCharArray).orElse(null));
        }
        return config.build();
    }

    @PreDestroy
    void close() {
        for (AutoCloseable closeable : this.closeables) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                // Closing the checks' own threads; nothing else to do.
            }
        }
        this.closeables.clear();
    }
}
