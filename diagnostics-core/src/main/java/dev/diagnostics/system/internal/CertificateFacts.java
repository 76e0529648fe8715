package dev.diagnostics.system.internal;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Facts about X.509 certificates the TLS check needs: self-signature, issuance, the names a certificate carries. */
public final class CertificateFacts {

    private static final int SAN_DNS = 2;

    private static final int SAN_IP = 7;

    private CertificateFacts() {
    }

    /** Whether the certificate names itself as issuer and its signature verifies with its own key. */
    public static boolean selfSigned(X509Certificate certificate) {
        return issuedBy(certificate, certificate);
    }

    /** Whether {@code parent} issued {@code child}: names match and the signature verifies with the parent's key. */
    public static boolean issuedBy(X509Certificate child, X509Certificate parent) {
        if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(parent.getPublicKey());
            return true;
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            return false;
        }
    }

    /** The DNS names and IP addresses in the subject alternative names. */
    public static List<String> subjectAlternativeNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        }
        catch (CertificateParsingException ex) {
            return names;
        }
        if (entries == null) {
            return names;
        }
        for (List<?> entry : entries) {
            if (entry.size() >= 2 && entry.get(0) instanceof Integer type && entry.get(1) instanceof String value
                    && (type == SAN_DNS || type == SAN_IP)) {
                names.add(value);
            }
        }
        return names;
    }

    /**
     * Whether the certificate is valid for the host, by its subject alternative names (RFC 6125; the common name is
     * not consulted, as browsers and the JDK's HTTPS client no longer do). A wildcard matches one leftmost label.
     */
    public static boolean matchesHost(X509Certificate certificate, String host) {
        String wanted = normalize(host);
        boolean literal = HostResolver.isLiteral(wanted);
        for (String name : subjectAlternativeNames(certificate)) {
            if (literal) {
                if (HostResolver.isLiteral(name) && sameAddress(name, wanted)) {
                    return true;
                }
            }
            else if (matchesDnsName(normalize(name), wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesDnsName(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(pattern.substring(1))
                && pattern.chars().filter((c) -> c == '.').count() >= 2;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        }
        catch (Exception ex) {
            return false;
        }
    }

    private static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
