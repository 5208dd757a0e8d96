package dev.cell.fetch;

import dev.cell.config.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The special-use address blocks of RFC 6890 (IANA IPv4 and IPv6 Special-Purpose Address Registries) and the other
 * non-public ranges (RFC 1918 private, RFC 6598 shared CGNAT, multicast, RFC 4193 unique-local): addresses a fetch of a
 * URL someone else chose must never reach. IPv6 forms that carry an IPv4 address (NAT64, 6to4) are judged by that address;
 * IPv4-mapped IPv6 addresses reach here as IPv4 addresses already ({@link InetAddress} converts them).
 */
final class SpecialUseAddresses {
    private static final List<Cidr> IPV4 = blocks("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
            "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16",
            "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<Cidr> IPV6 = blocks("::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23",
            "2001:db8::/32", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");
    private static final Cidr NAT64 = Cidr.parse("nat64", "64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("6to4", "2002::/16");

    private SpecialUseAddresses() {}

    /** True if {@code address} is loopback, private, link-local, unique-local, multicast, shared, documentation or otherwise not public. */
    static boolean contains(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return IPV4.stream().anyMatch(b -> b.contains(address));
        }
        if (NAT64.contains(address)) {
            return contains(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return contains(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return IPV6.stream().anyMatch(b -> b.contains(address));
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Cidr> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(c -> Cidr.parse("special-use", c)).toList();
    }
}
