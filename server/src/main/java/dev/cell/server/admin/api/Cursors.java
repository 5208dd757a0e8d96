package dev.cell.server.admin.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cell.token.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque paging cursors: the position after the last item of a page, bound to the list and its filters by an HMAC-SHA256
 * under a key every node shares, so a client can neither forge a position nor reuse a cursor with other filters.
 */
final class Cursors {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int TAG_BYTES = 16;
    private static final int MAX_LENGTH = 2048;

    private final byte[] key;

    Cursors(byte[] key) {
        this.key = key.clone();
    }

    /** The cursor of {@code position} in the list named by {@code scope} (its name and filters). */
    String encode(String scope, List<String> position) {
        byte[] payload = Json.write(g -> {
            g.writeStartArray();
            for (String p : position) {
                g.writeString(p);
            }
            g.writeEndArray();
        });
        return B64.encodeToString(payload) + "." + B64.encodeToString(tag(scope, payload));
    }

    /** The position a cursor holds, or a problem naming {@code cursor} if it was not made by {@link #encode} for this scope. */
    List<String> decode(String scope, String cursor, int size) {
        try {
            int dot = cursor.indexOf('.');
            if (cursor.length() > MAX_LENGTH || dot < 0) {
                throw invalid();
            }
            byte[] payload = B64D.decode(cursor.substring(0, dot));
            byte[] tag = B64D.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(tag, tag(scope, payload))) {
                throw invalid();
            }
            List<String> position = Json.MAPPER.readValue(payload, new TypeReference<List<String>>() {});
            if (position.size() != size || position.stream().anyMatch(p -> p == null)) {
                throw invalid();
            }
            return position;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
    }

    private static Problem invalid() {
        return Problem.invalid("cursor", "the cursor is not one this list gave out with these filters; start again without it");
    }

    private byte[] tag(String scope, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
