package dev.cell.server.http;

import dev.cell.config.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client address and scheme that trusted reverse proxies report in {@code Forwarded} (RFC 7239 section 4) or, without
 * it, {@code X-Forwarded-For} and {@code X-Forwarded-Proto}: the client is the right-most hop that is not itself a
 * trusted proxy, as everything left of it may have been written by the client.
 */
record ForwardedClient(InetAddress address, String scheme) {
    private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}):\\d{1,5}");

    /** One hop of a forwarded chain: its address (null when unknown or obfuscated) and the scheme it was reached by. */
    private record Hop(InetAddress address, String proto) {}

    /** Reads the headers of a request a trusted proxy sent; null when they name no client address. */
    static ForwardedClient of(List<String> forwarded, List<String> forwardedFor, List<String> forwardedProto, List<Cidr> trusted) {
        List<Hop> hops = forwarded.isEmpty() ? xForwarded(forwardedFor, forwardedProto) : forwarded(forwarded);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop hop = hops.get(i);
            if (hop.address() == null) {
                return null;        // an unknown or obfuscated hop: nothing to its left can be trusted
            }
            if (i == 0 || !isTrusted(hop.address(), trusted)) {
                return new ForwardedClient(hop.address(), scheme(hop.proto()));
            }
        }
        return null;
    }

    static boolean isTrusted(InetAddress address, List<Cidr> trusted) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    /** RFC 7239 section 4: elements separated by commas, pairs by semicolons, values tokens or quoted strings. */
    private static List<Hop> forwarded(List<String> values) {
        List<Hop> hops = new ArrayList<>();
        for (String element : split(String.join(",", values), ',')) {
            String node = null;
            String proto = null;
            for (String pair : split(element, ';')) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(eq + 1).trim());
                if (name.equals("for")) {
                    node = value;
                } else if (name.equals("proto")) {
                    proto = value;
                }
            }
            if (node != null) {
                hops.add(new Hop(address(node), proto));
            }
        }
        return hops;
    }

    /** X-Forwarded-For lists hops left to right; X-Forwarded-Proto's right-most value is what the nearest proxy saw. */
    private static List<Hop> xForwarded(List<String> forwardedFor, List<String> forwardedProto) {
        List<String> protos = split(String.join(",", forwardedProto), ',');
        String proto = protos.isEmpty() ? null : protos.get(protos.size() - 1).trim();
        List<Hop> hops = new ArrayList<>();
        for (String node : split(String.join(",", forwardedFor), ',')) {
            if (!node.isBlank()) {
                hops.add(new Hop(address(node.trim()), proto));
            }
        }
        return hops;
    }

    private static String scheme(String proto) {
        return proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http")) ? proto.toLowerCase(Locale.ROOT) : null;
    }

    /** An IP literal with an optional port ({@code 192.0.2.1}, {@code 192.0.2.1:80}, {@code [2001:db8::1]:80}, {@code 2001:db8::1}); never a name lookup. */
    private static InetAddress address(String node) {
        String host = node;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close < 0 ? "" : host.substring(1, close);
        } else if (IPV4_PORT.matcher(host).matches()) {
            host = host.substring(0, host.indexOf(':'));
        }
        return Cidr.literal(host);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** Splits on {@code separator} outside quoted strings. */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }
}
