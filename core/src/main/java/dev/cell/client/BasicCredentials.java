package dev.cell.client;

import dev.cell.error.OAuthException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Client id and secret from an HTTP Basic header (RFC 7617), each form-urlencoded first as RFC 6749 §2.3.1 requires.
 */
public record BasicCredentials(String clientId, String secret) {
    private static final int MAX_HEADER = 4096;

    /** Parses {@code Authorization: Basic ...}; anything malformed is {@code invalid_client}. */
    public static BasicCredentials parse(String header) {
        if (header.length() > MAX_HEADER) {
            throw OAuthException.invalidClient("the Authorization header is too long");
        }
        String h = header.strip();
        if (h.length() < 6 || !h.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            throw OAuthException.invalidClient("the Authorization header is not HTTP Basic");
        }
        String decoded;
        try {
            byte[] raw = Base64.getDecoder().decode(h.substring(6).strip());
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw OAuthException.invalidClient("the Basic credentials are not valid base64 of UTF-8 text");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuthException.invalidClient("the Basic credentials must be client_id:client_secret");
        }
        try {
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (id.isEmpty()) {
                throw OAuthException.invalidClient("the Basic credentials have an empty client_id");
            }
            return new BasicCredentials(id, secret);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("the Basic credentials are not form-urlencoded (RFC 6749 section 2.3.1)");
        }
    }

    @Override
    public String toString() {
        return "BasicCredentials[clientId=" + clientId + ", secret=***]";
    }
}
