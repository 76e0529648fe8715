package dev.diagnostics.system;

import java.util.Objects;
import java.util.regex.Pattern;

import dev.diagnostics.InvalidConfigurationException;

/**
 * A host and port the application depends on, with a short name for results and meters.
 *
 * @param name a label: letters, digits, '_', '.', '-', at most 64
 * @param host a host name or an address literal (IPv6 without brackets)
 * @param port 1 to 65535
 */
public record TcpTarget(String name, String host, int port) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public TcpTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses {@code host:port} (or {@code [ipv6]:port}), rejecting a bad value with the property named.
     *
     * @param name the target's label
     * @param hostAndPort the address
     * @param property the property that holds it, for the message
     */
    public static TcpTarget parse(String name, String hostAndPort, String property) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException(property, "target names are 1-64 letters, digits, '_', '.' or"
                    + " '-', starting with a letter or digit; was '" + name + "'");
        }
        if (hostAndPort == null || hostAndPort.isBlank()) {
            throw new InvalidConfigurationException(property, "must be host:port, was empty");
        }
        String value = hostAndPort.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new InvalidConfigurationException(property, "must be host:port, was '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        else if (host.indexOf(':') >= 0) {
            throw new InvalidConfigurationException(property, "write an IPv6 address in brackets, [::1]:443; was '"
                    + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        }
        catch (NumberFormatException ex) {
            throw new InvalidConfigurationException(property, "the port must be a number, was '" + value + "'");
        }
        if (port < 1 || port > 65535 || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidConfigurationException(property, "must be host:port with a port from 1 to 65535, was '"
                    + value + "'");
        }
        return new TcpTarget(name, host, port);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String address() {
        return ((this.host.indexOf(':') >= 0) ? "[" + this.host + "]" : this.host) + ":" + this.port;
    }
}
