package dev.diagnostics.timing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import dev.diagnostics.InvalidConfigurationException;

/**
 * Which callers may see {@code Server-Timing}: a list of CIDR blocks matched against the request's remote address (the
 * direct peer, or what the framework made of {@code Forwarded}/{@code X-Forwarded-For} when it is configured to trust
 * a proxy). Timings can leak information (how long a lookup took tells whether a row exists), so the default is
 * loopback only. Only IP literals are matched: a host name never triggers a DNS lookup, it is simply not trusted.
 * Immutable and thread-safe.
 */
public final class TrustedNetworks {

    private static final TrustedNetworks LOOPBACK = parse("trusted-networks", List.of("127.0.0.0/8", "::1/128"));

    private final List<Block> blocks;

    private final String text;

    private TrustedNetworks(List<Block> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** 127.0.0.0/8 and ::1/128. */
    public static TrustedNetworks loopback() {
        return LOOPBACK;
    }

    /**
     * Parses CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}) and single addresses. An empty list trusts nobody.
     *
     * @param property named in the exception when an entry is not an IP literal or a valid block
     * @throws InvalidConfigurationException naming the property and the entry
     */
    public static TrustedNetworks parse(String property, List<String> networks) {
        if (networks == null) {
            throw new InvalidConfigurationException(property, "must be a list of CIDR blocks, was null");
        }
        List<Block> blocks = new ArrayList<>();
        for (String network : networks) {
            blocks.add(Block.parse(property, (network != null) ? network.strip() : ""));
        }
        return new TrustedNetworks(List.copyOf(blocks), String.join(",", networks));
    }

    /**
     * Whether the caller at this address is trusted.
     *
     * @param remoteAddress an IP literal as the server reports it; anything else is not trusted
     */
    public boolean trusts(String remoteAddress) {
        byte[] address = literal(remoteAddress);
        if (address == null) {
            return false;
        }
        for (Block block : this.blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether nobody is trusted. */
    public boolean isEmpty() {
        return this.blocks.isEmpty();
    }

    @Override
    public String toString() {
        return this.text;
    }

    /** The bytes of an IPv4 or IPv6 literal, or {@code null}; never a DNS lookup. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return null;
        }
        String host = text;
        if (host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            host = host.substring(1, host.length() - 1);
        }
        boolean ipv6 = host.indexOf(':') >= 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.'
                    || (ipv6 && (c == ':' || c == '%' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!allowed) {
                return null;
            }
        }
        if (!ipv6 && host.chars().filter((c) -> c == '.').count() != 3) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        }
        catch (UnknownHostException | RuntimeException ex) {
            return null;
        }
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String property, String entry) {
            int slash = entry.indexOf('/');
            String address = (slash >= 0) ? entry.substring(0, slash) : entry;
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new InvalidConfigurationException(property,
                        "'" + entry + "' is not an IP address or CIDR block (like 10.0.0.0/8 or ::1/128)");
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                }
                catch (NumberFormatException ex) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new InvalidConfigurationException(property, "'" + entry
                            + "' has a prefix length outside 0.." + (bytes.length * 8));
                }
            }
            return new Block(bytes, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != this.network.length) {
                return false;
            }
            int bits = this.prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = (bits >= 8) ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((address[i] & mask) != (this.network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
