package dev.cell.authorize;

import dev.cell.oidc.Acr;
import dev.cell.session.GrantRecorder;
import dev.cell.store.AuthorizationCodeStore;
import dev.cell.token.RandomValues;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Issues single-use authorization codes (RFC 6749 §4.1.2): 256 random bits, stored only under their hash, bound to the request. */
public final class AuthorizationCodeIssuer {
    private final AuthorizationCodeStore codes;
    private final RandomValues random;
    private final Duration lifetime;
    private final GrantRecorder recorder;
    private final Clock clock;

    /** @param recorder records the code's grant with its login session, before the code exists, so ending the session finds it */
    public AuthorizationCodeIssuer(AuthorizationCodeStore codes, RandomValues random, Duration lifetime, GrantRecorder recorder, Clock clock) {
        this.codes = codes;
        this.random = random;
        this.lifetime = lifetime;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Returns a new code for the approved request. Its {@code redirect_uri} is bound only if the request carried one,
     * which the token request must then repeat (RFC 6749 §4.1.3).
     *
     * @param authTime when the user authenticated ({@code auth_time}); required
     * @param sessionId the login session the approval came from, or null
     * @param amr the session's authentication methods, bound with the {@code claims} request and the {@code acr} if
     *     requested, which the ID token states (OIDC Core section 2, section 5.5)
     */
    public String issue(AuthorizationRequest request, String userId, Instant authTime, String sessionId, List<String> amr) {
        Objects.requireNonNull(authTime, "authTime");
        Map<String, Object> extra = new HashMap<>();
        if (request.claims() != null) {
            extra.put(AuthorizationCode.CLAIMS, request.claims());
        }
        String acr = Acr.forRequest(request.acrValues(), request.claimsRequest());
        if (acr != null) {
            extra.put(AuthorizationCode.ACR, acr);
        }
        if (!amr.isEmpty()) {
            extra.put(AuthorizationCode.AMR, amr);
        }
        if (!request.resources().isEmpty()) {
            extra.put(AuthorizationCode.RESOURCE, request.resources());
        }
        if (request.dpopJkt() != null) {
            extra.put(AuthorizationCode.DPOP_JKT, request.dpopJkt());
        }
        String code = random.token();
        String grantId = random.orderedId();
        recorder.record(grantId, userId, request.clientId(), sessionId);
        Instant now = clock.instant();
        codes.save(new AuthorizationCode(TokenHasher.hash(code), grantId, request.clientId(), userId,
                request.redirectUriGiven() ? request.redirectUri() : null, request.scopes(), request.codeChallenge(),
                request.codeChallengeMethod(), request.nonce(), authTime, sessionId, extra, now, now.plus(lifetime)));
        return code;
    }
}
