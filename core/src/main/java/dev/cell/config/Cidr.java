package dev.cell.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address block in CIDR notation (RFC 4632 section 3.1 for IPv4, RFC 4291 section 2.3 for IPv6); a bare address is a block of one. */
public record Cidr(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    public Cidr {
        network = network.clone();
    }

    /** Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare address; only literals, so no name is ever looked up. */
    public static Cidr parse(String key, String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new ConfigException(key + ": '" + text + "' is not an IP address or CIDR block");
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new ConfigException(key + ": '" + text + "' has a prefix length outside 0.." + bytes.length * 8);
            }
            return new Cidr(bytes, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new ConfigException(key + ": '" + text + "' is not an IP address or CIDR block");
        }
    }

    /** True if {@code address} lies inside this block (an IPv4 address never lies inside an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
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

    @Override
    public byte[] network() {
        return network.clone();
    }
}
