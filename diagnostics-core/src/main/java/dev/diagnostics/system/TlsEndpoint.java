package dev.diagnostics.system;

import java.util.Objects;

/**
 * A remote TLS endpoint whose certificate chain the {@link TlsCheck} inspects.
 *
 * @param target the name, host and port
 * @param serverName the name the certificate must carry and that is sent as SNI; the host when {@code null}
 * @param selfSignedExpected whether a self-signed certificate the trust store does not hold is accepted
 */
public record TlsEndpoint(TcpTarget target, String serverName, boolean selfSignedExpected) {

    public TlsEndpoint {
        Objects.requireNonNull(target, "target");
        if (serverName == null || serverName.isBlank()) {
            serverName = target.host();
        }
    }

    /** Parses {@code host:port}, rejecting a bad value with the property named. */
    public static TlsEndpoint parse(String name, String hostAndPort, String property) {
        return new TlsEndpoint(TcpTarget.parse(name, hostAndPort, property), null, false);
    }

    public String name() {
        return this.target.name();
    }

    public TlsEndpoint withServerName(String serverName) {
        return new TlsEndpoint(this.target, serverName, this.selfSignedExpected);
    }

    public TlsEndpoint withSelfSignedExpected(boolean expected) {
        return new TlsEndpoint(this.target, this.serverName, expected);
    }
}
