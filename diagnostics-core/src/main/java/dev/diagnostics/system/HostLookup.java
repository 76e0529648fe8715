package dev.diagnostics.system;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name, the way {@link InetAddress#getAllByName(String)} does (the default). A lookup may block for as
 * long as the system resolver takes; the checks call it on threads of their own and wait for it at most their
 * deadline. Tests replace it to simulate an unknown host or a resolver that never answers.
 */
@FunctionalInterface
public interface HostLookup {

    /**
     * @return at least one address
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    static HostLookup system() {
        return InetAddress::getAllByName;
    }
}
