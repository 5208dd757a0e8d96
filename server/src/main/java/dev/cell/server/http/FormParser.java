package dev.cell.server.http;

import dev.cell.error.OAuthException;
import dev.cell.grant.Resources;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} parsing: UTF-8 only, a parameter given twice is an error
 * (RFC 6749 §3.1, §3.2), and a parameter without a value counts as omitted. The exceptions are {@code resource}, which
 * RFC 8707 §2 lets repeat, and {@code audience}, which RFC 8693 §2.1 lets repeat: their values are kept space-separated.
 */
public final class FormParser {
    private static final int MAX_PARAMETERS = 64;

    private FormParser() {}

    public static Map<String, String> parse(byte[] body) {
        return parse(new String(body, StandardCharsets.ISO_8859_1));
    }

    /** Parses an encoded query or body; each byte of the input must be ASCII after percent-decoding rules. */
    public static Map<String, String> parse(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        int count = 0;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw OAuthException.invalidRequest("too many parameters");
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty() || value.isEmpty()) {
                continue;
            }
            if (name.equals(Resources.PARAMETER) || name.equals("audience")) {
                out.merge(name, value, (a, b) -> a + " " + b);
            } else if (out.putIfAbsent(name, value) != null) {
                throw OAuthException.invalidRequest("parameter '" + printable(name) + "' was given more than once (RFC 6749 section 3.2)");
            }
        }
        return out;
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw OAuthException.invalidRequest("malformed percent-encoding in the request");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw OAuthException.invalidRequest("malformed percent-encoding in the request");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7F) {
                throw OAuthException.invalidRequest("the request contains bytes that are not URL-encoded");
            } else {
                bytes.write(c);
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw OAuthException.invalidRequest("the request is not valid UTF-8");
        }
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) : name;
        return cut.replaceAll("[^A-Za-z0-9_.\\-]", "?");
    }
}
