package dev.cell.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address block in CIDR notation (RFC 4632 section 3.1 for IPv4, RFC 4291 section 2.3 for IPv6); a bare address is a block of one. */
public record Cidr(InetAddress network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare address; only literals, so no name is ever looked up. */
    public static Cidr parse(String key, String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = literal(address);
        if (network == null) {
            throw new ConfigException(key + ": '" + text + "' is not an IP address or CIDR block");
        }
        int bits = network.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": '" + text + "' is not an IP address or CIDR block");
        }
        if (prefix < 0 || prefix > bits) {
            throw new ConfigException(key + ": '" + text + "' has a prefix length outside 0.." + bits);
        }
        return new Cidr(network, prefix);
    }

    /** The address an IPv4 or IPv6 literal names, or null for anything else: never a name lookup. */
    public static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** True if {@code address} lies inside this block (an IPv4 address never lies inside an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] network = this.network.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
