package dev.diagnostics.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for the tests by the JDK's own {@code keytool} (run as a process, no third-party library): a root
 * CA, an intermediate CA it signs, and leaf certificates the intermediate signs, all relative to the current time.
 * Made once per JVM.
 */
final class TestCertificates {

    static final String PASSWORD = "Canary-keystore-pass-6d1e";

    private static TestCertificates instance;

    final Path directory;

    final X509Certificate root;

    final X509Certificate intermediate;

    final PrivateKey leafKey;

    /** For localhost and 127.0.0.1, valid for a year. */
    final X509Certificate valid;

    /** Expired 29 days ago. */
    final X509Certificate expired;

    /** Expires in (just under) 10 days. */
    final X509Certificate tenDays;

    /** For other.example only. */
    final X509Certificate wrongHost;

    /** A self-signed key entry, in a PKCS12 file protected by {@link #PASSWORD}. */
    final Path selfSignedKeyStore;

    private TestCertificates(Path directory) throws Exception {
        this.directory = directory;
        keytool("-genkeypair", "-alias", "root", "-dname", "CN=Test Root", "-ext", "bc:c", "-validity", "3650",
                "-keystore", "root.p12");
        keytool("-genkeypair", "-alias", "inter", "-dname", "CN=Test Intermediate", "-keystore", "inter.p12");
        keytool("-certreq", "-alias", "inter", "-keystore", "inter.p12", "-file", "inter.csr");
        keytool("-gencert", "-alias", "root", "-keystore", "root.p12", "-infile", "inter.csr", "-outfile",
                "inter.pem", "-rfc", "-ext", "bc:c=ca:true,pathlen:0", "-validity", "3000");
        keytool("-exportcert", "-rfc", "-alias", "root", "-keystore", "root.p12", "-file", "root.pem");
        keytool("-genkeypair", "-alias", "leaf", "-dname", "CN=localhost", "-keystore", "leaf.p12");
        keytool("-certreq", "-alias", "leaf", "-keystore", "leaf.p12", "-file", "leaf.csr");
        leaf("valid.pem", "san=dns:localhost,ip:127.0.0.1", "-validity", "365");
        leaf("expired.pem", "san=dns:localhost,ip:127.0.0.1", "-startdate", "-30d", "-validity", "1");
        leaf("ten-days.pem", "san=dns:localhost,ip:127.0.0.1", "-validity", "10");
        leaf("wrong-host.pem", "san=dns:other.example", "-validity", "365");
        keytool("-genkeypair", "-alias", "dev", "-dname", "CN=dev.local", "-ext", "san=dns:dev.local", "-validity",
                "365", "-keystore", "self-signed.p12");
        this.root = pem("root.pem");
        this.intermediate = pem("inter.pem");
        this.valid = pem("valid.pem");
        this.expired = pem("expired.pem");
        this.tenDays = pem("ten-days.pem");
        this.wrongHost = pem("wrong-host.pem");
        KeyStore leafStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve("leaf.p12"))) {
            leafStore.load(in, PASSWORD.toCharArray());
        }
        this.leafKey = (PrivateKey) leafStore.getKey("leaf", PASSWORD.toCharArray());
        this.selfSignedKeyStore = directory.resolve("self-signed.p12");
    }

    static synchronized TestCertificates get() throws Exception {
        if (instance == null) {
            Path directory = Files.createTempDirectory("diagnostics-certs");
            directory.toFile().deleteOnExit();
            instance = new TestCertificates(directory);
        }
        return instance;
    }

    /** The leaf with the intermediate and the root after it, as a server should send it. */
    List<X509Certificate> fullChain(X509Certificate leaf) {
        return List.of(leaf, this.intermediate, this.root);
    }

    /** A key store holding the leaf's key with the given chain. */
    KeyStore keyStore(List<X509Certificate> chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", this.leafKey, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
        return store;
    }

    /** A trust store holding the test root. */
    KeyStore trustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("test-root", this.root);
        return store;
    }

    /** Writes a key store file protected by {@link #PASSWORD}. */
    Path write(String fileName, KeyStore store) throws Exception {
        Path file = this.directory.resolve(fileName);
        try (var out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** Writes certificates as PEM. */
    Path writePem(String fileName, List<X509Certificate> certificates) throws Exception {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            text.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Path file = this.directory.resolve(fileName);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    private void leaf(String out, String san, String... validity) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-gencert", "-alias", "inter", "-keystore", "inter.p12",
                "-infile", "leaf.csr", "-outfile", out, "-rfc", "-ext", san));
        arguments.addAll(List.of(validity));
        keytool(arguments.toArray(new String[0]));
    }

    private X509Certificate pem(String file) throws Exception {
        return CertificateSource.parsePem(Files.readString(this.directory.resolve(file), StandardCharsets.US_ASCII))
                .get(0);
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        if (command.contains("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1"));
        }
        Process process = new ProcessBuilder(command).directory(this.directory.toFile()).redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }
}
