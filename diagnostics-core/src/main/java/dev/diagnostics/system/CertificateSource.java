package dev.diagnostics.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Where the {@link TlsCheck} finds local certificates: a key store file (PKCS12 or JKS), a PEM file, or a
 * {@link KeyStore} the application already holds (a Spring Boot SSL bundle). Read again on every run of the check, so a
 * renewed certificate is seen without a restart.
 *
 * <p>A key store's password is used to open it and is never shown; {@link #toString()} names the source only.
 */
public final class CertificateSource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final String name;

    private final String kind;

    private final String location;

    private final Loader loader;

    private final boolean selfSignedExpected;

    private CertificateSource(String name, String kind, String location, Loader loader, boolean selfSignedExpected) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException("diagnostics.tls", "certificate source names are 1-64 letters,"
                    + " digits, '_', '.' or '-', starting with a letter or digit; was '" + name + "'");
        }
        this.name = name;
        this.kind = kind;
        this.location = location;
        this.loader = loader;
        this.selfSignedExpected = selfSignedExpected;
    }

    /**
     * A key store file. Its type is {@code type} when given, else JKS for a {@code .jks} file and PKCS12 otherwise.
     *
     * @param password the store's password, or {@code null}; used only to open the store
     */
    public static CertificateSource keyStore(String name, Path path, String type, char[] password) {
        Objects.requireNonNull(path, "path");
        String storeType = (type != null && !type.isBlank()) ? type
                : path.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        char[] secret = (password != null) ? password.clone() : null;
        return new CertificateSource(name, "keystore", path.toString(), () -> {
            KeyStore store = KeyStore.getInstance(storeType);
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, secret);
            }
            return entries(store);
        }, false);
    }

    /** Every certificate in a PEM file (other blocks, such as a private key, are skipped). */
    public static CertificateSource pem(String name, Path path) {
        Objects.requireNonNull(path, "path");
        return new CertificateSource(name, "pem", path.toString(), () -> {
            List<X509Certificate> certificates = parsePem(Files.readString(path, StandardCharsets.US_ASCII));
            if (certificates.isEmpty()) {
                throw new CertificateException("no '-----BEGIN CERTIFICATE-----' block in " + path);
            }
            return List.of(new Entry(null, certificates, true));
        }, false);
    }

    /** A key store the application holds, asked for on every run (for example a Spring Boot SSL bundle's). */
    public static CertificateSource keyStore(String name, String kind, Supplier<KeyStore> store) {
        Objects.requireNonNull(store, "store");
        return new CertificateSource(name, kind, null, () -> {
            KeyStore keyStore = store.get();
            return (keyStore != null) ? entries(keyStore) : List.of();
        }, false);
    }

    /** A copy that does not report a self-signed certificate (a development or an internal pinned certificate). */
    public CertificateSource selfSignedExpected(boolean expected) {
        return new CertificateSource(this.name, this.kind, this.location, this.loader, expected);
    }

    public String name() {
        return this.name;
    }

    /** {@code keystore}, {@code pem}, or the kind given (such as {@code bundle}). */
    public String kind() {
        return this.kind;
    }

    /** The file, or {@code null} for a store held in memory. */
    public String location() {
        return this.location;
    }

    public boolean selfSignedExpected() {
        return this.selfSignedExpected;
    }

    /** Reads the certificates now. */
    public List<Entry> load() throws IOException, GeneralSecurityException {
        return this.loader.load();
    }

    @Override
    public String toString() {
        return "CertificateSource[" + this.name + ", " + this.kind + ((this.location != null) ? ", " + this.location
                : "") + "]";
    }

    static List<X509Certificate> parsePem(String text) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = PEM_CERTIFICATE.matcher(text);
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            certificates.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der)));
        }
        return certificates;
    }

    private static List<Entry> entries(KeyStore store) throws GeneralSecurityException {
        List<Entry> entries = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain != null && chain.length > 0) {
                    entries.add(new Entry(alias, x509(chain), true));
                }
            }
            else if (store.getCertificate(alias) instanceof X509Certificate trusted) {
                entries.add(new Entry(alias, List.of(trusted), false));
            }
        }
        return entries;
    }

    private static List<X509Certificate> x509(Certificate[] chain) {
        List<X509Certificate> certificates = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }

    /**
     * One entry of a source.
     *
     * @param alias the key store alias, or {@code null} for a PEM file
     * @param chain leaf first
     * @param presented whether this chain is presented to peers (a key entry, a PEM chain), so its completeness and
     *        self-signature matter; a trusted-certificate entry only has its dates checked
     */
    public record Entry(String alias, List<X509Certificate> chain, boolean presented) {

        public Entry {
            chain = List.copyOf(chain);
        }
    }

    @FunctionalInterface
    private interface Loader {

        List<Entry> load() throws IOException, GeneralSecurityException;
    }
}
