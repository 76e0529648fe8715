package dev.diagnostics.spring.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.ssl.SslBundles;

import dev.diagnostics.InvalidConfigurationException;
import dev.diagnostics.system.CertificateSource;
import dev.diagnostics.system.DiskSpaceConfig;
import dev.diagnostics.system.HotThreadsConfig;
import dev.diagnostics.system.RequiredConfiguration;
import dev.diagnostics.system.RequiredFile;
import dev.diagnostics.system.RequiredFilesCheck;
import dev.diagnostics.system.TcpCheckConfig;
import dev.diagnostics.system.TlsCheckConfig;
import dev.diagnostics.system.TlsEndpoint;

/** Translates {@link SystemDiagnosticsProperties} into the core's configuration values, naming the properties. */
final class SystemChecks {

    static final String CONFIG_PREFIX = "diagnostics.config";

    private SystemChecks() {
    }

    static RequiredConfiguration requiredConfiguration(SystemDiagnosticsProperties.Config config) {
        return RequiredConfiguration.builder()
                .propertyPrefix(CONFIG_PREFIX)
                .require(config.getRequired())
                .addPlaceholders(config.getAdditionalPlaceholders())
                .build();
    }

    static RequiredFilesCheck files(SystemDiagnosticsProperties.Files files) {
        RequiredFilesCheck.Builder check = RequiredFilesCheck.builder();
        files.getRequired().forEach((name, file) -> {
            String prefix = "diagnostics.files.required." + name;
            RequiredFile.Builder required = RequiredFile.builder(name, file.getPath(), prefix)
                    .sha256(file.getSha256());
            if (file.getMinSize() != null) {
                required.minSize(file.getMinSize().toBytes());
            }
            if (file.getMaxSize() != null) {
                required.maxSize(file.getMaxSize().toBytes());
            }
            check.file(required.build());
        });
        return check.build();
    }

    static DiskSpaceConfig diskSpace(SystemDiagnosticsProperties.DiskSpace disk) {
        DiskSpaceConfig.Builder config = DiskSpaceConfig.builder().propertyPrefix("diagnostics.disk-space")
                .warningFree(disk.getWarningFree().toBytes())
                .warningFreePercent(disk.getWarningFreePercent())
                .criticalFree(disk.getCriticalFree().toBytes())
                .criticalFreePercent(disk.getCriticalFreePercent());
        if (!disk.getPaths().isEmpty()) {
            config.paths(disk.getPaths());
        }
        return config.build();
    }

    static TlsCheckConfig tls(SystemDiagnosticsProperties.Tls tls, SslBundles bundles) {
        String prefix = "diagnostics.tls";
        TlsCheckConfig.Builder config = TlsCheckConfig.builder().propertyPrefix(prefix)
                .expiryWarning(tls.getExpiryWarning())
                .handshakeTimeout(tls.getHandshakeTimeout());
        if (bundles != null && tls.isBundles()) {
            for (String bundle : bundles.getBundleNames()) {
                config.source(CertificateSource.keyStore(bundle, "bundle",
                        () -> bundles.getBundle(bundle).getStores().getKeyStore()));
            }
        }
        tls.getKeystores().forEach((name, store) -> config.source(CertificateSource.keyStore(name,
                path(store.getPath(), prefix + ".keystores." + name + ".path"), store.getType(),
                password(store.getPassword())).selfSignedExpected(store.isSelfSignedExpected())));
        tls.getPem().forEach((name, pem) -> config.source(CertificateSource
                .pem(name, path(pem.getPath(), prefix + ".pem." + name + ".path"))
                .selfSignedExpected(pem.isSelfSignedExpected())));
        for (Map.Entry<String, SystemDiagnosticsProperties.Endpoint> entry : tls.getEndpoints().entrySet()) {
            SystemDiagnosticsProperties.Endpoint endpoint = entry.getValue();
            config.endpoint(TlsEndpoint.parse(entry.getKey(), endpoint.getAddress(),
                    prefix + ".endpoints." + entry.getKey() + ".address")
                    .withServerName(endpoint.getServerName())
                    .withSelfSignedExpected(endpoint.isSelfSignedExpected()));
        }
        SystemDiagnosticsProperties.TrustStoreFile trustStore = tls.getTrustStore();
        if (trustStore != null) {
            config.trustStoreFile(trustStore.getPath(), trustStore.getType(), password(trustStore.getPassword()));
        }
        return config.build();
    }

    static TcpCheckConfig tcp(SystemDiagnosticsProperties.Tcp tcp) {
        TcpCheckConfig.Builder config = TcpCheckConfig.builder().propertyPrefix("diagnostics.tcp")
                .deadline(tcp.getDeadline());
        tcp.getTargets().forEach(config::target);
        return config.build();
    }

    static HotThreadsConfig cpu(SystemDiagnosticsProperties.Cpu cpu) {
        return HotThreadsConfig.builder().propertyPrefix("diagnostics.cpu")
                .interval(cpu.getInterval())
                .loadWarning(cpu.getLoadWarning())
                .threadWarning(cpu.getThreadWarning())
                .threadsShown(cpu.getThreadsShown())
                .build();
    }

    private static Path path(Path path, String property) {
        if (path == null) {
            throw new InvalidConfigurationException(property, "must be set");
        }
        return path;
    }

    private static char[] password(String password) {
        return (password != null) ? password.toCharArray() : null;
    }
}
