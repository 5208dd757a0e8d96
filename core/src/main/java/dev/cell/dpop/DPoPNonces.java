package dev.cell.dpop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-provided DPoP nonces (RFC 9449 §8, §9): the HMAC-SHA256 of the current time window under a key every node
 * shares, so any node accepts a nonce any other node gave, with no state; a nonce of the previous window is still
 * accepted, so one handed out just before a rotation keeps working.
 */
public final class DPoPNonces {
    /** The name of the shared server secret nonces are derived from. */
    public static final String SECRET = "dpop-nonce";

    private final SecretKeySpec key;
    private final long windowSeconds;
    private final Clock clock;

    public DPoPNonces(byte[] key, Duration window, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.windowSeconds = Math.max(1, window.toSeconds());
        this.clock = clock;
    }

    /** The nonce to hand out now ({@code DPoP-Nonce}). */
    public String current() {
        return nonce(window());
    }

    /** The nonces a proof may carry now: this window's and the previous one's. */
    public Set<String> accepted() {
        long w = window();
        return Set.of(nonce(w), nonce(w - 1));
    }

    private long window() {
        return clock.instant().getEpochSecond() / windowSeconds;
    }

    private String nonce(long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(("dpop-nonce:" + window).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
