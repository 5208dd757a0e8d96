package dev.cell.dpop;

import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import dev.cell.store.UsedJtiStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * The {@code jti} replay check of RFC 9449 §11.1 in the database every node shares: each proof's {@code jti} is
 * accepted once per client while the proof could still pass the {@code iat} check. The {@code jti} is kept as its
 * SHA-256, so its length is bounded whatever the client sent; housekeeping deletes the expired entries.
 */
public final class DPoPReplayStore implements SingleUseChecker<DPoPProofUse> {
    /** The {@code issuer} under which DPoP proofs' ids are kept, apart from client assertions' (RFC 7523). */
    static final String ISSUER = "dpop";

    private final UsedJtiStore usedJtis;
    private final Duration keep;
    private final Clock clock;

    /** @param keep how long a proof passes the {@code iat} check at most: its maximum age plus twice the clock skew */
    public DPoPReplayStore(UsedJtiStore usedJtis, Duration keep, Clock clock) {
        this.usedJtis = usedJtis;
        this.keep = keep;
        this.clock = clock;
    }

    @Override
    public void markAsUsed(DPoPProofUse use) throws AlreadyUsedException {
        String key = sha256(use.getIssuer().getValue() + "\n" + use.getJWTID().getValue());
        if (!usedJtis.markUsed(ISSUER, key, clock.instant().plus(keep))) {
            throw new AlreadyUsedException("the DPoP proof's jti was already used");
        }
    }

    private static String sha256(String s) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
