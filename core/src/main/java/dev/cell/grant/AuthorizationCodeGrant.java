package dev.cell.grant;

import dev.cell.account.User;
import dev.cell.authorize.AuthorizationCode;
import dev.cell.authorize.Pkce;
import dev.cell.client.Client;
import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import dev.cell.oidc.ClaimsRequest;
import dev.cell.oidc.IdTokenClaims;
import dev.cell.oidc.UserInfoClaims;
import dev.cell.session.Sid;
import dev.cell.store.AuthorizationCodeStore;
import dev.cell.store.UserStore;
import dev.cell.token.GrantRevoker;
import dev.cell.token.LegacyClaims;
import dev.cell.token.TokenHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorization code grant at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 9700 §2.1.1, OIDC Core §3.1.3).
 *
 * <p>Only the client the code was issued to consumes it or, presenting it again, revokes its grant: the store's one
 * consuming statement is conditional on the client, so another client's attempt is {@code invalid_grant} and changes nothing.
 *
 * <p>The {@code redirect_uri} rule: a code bound to a redirect URI (the authorization request carried one) is redeemed
 * only with exactly that string. A code bound to none (the client has a single registered URI and omitted it) is
 * redeemed without {@code redirect_uri}, or with exactly the client's single registered one.
 */
public final class AuthorizationCodeGrant implements GrantHandler {
    public static final String GRANT_TYPE = "authorization_code";
    private static final Set<String> PARAMETERS = Set.of("code", "redirect_uri", "code_verifier");
    /** The {@link OAuthException#reason} of a code presented a second time (RFC 6749 §4.1.2). */
    public static final String REPLAY = "code_replay";

    private final AuthorizationCodeStore codes;
    private final GrantRevoker revoker;
    private final UserStore users;
    private final Clock clock;

    public AuthorizationCodeGrant(AuthorizationCodeStore codes, GrantRevoker revoker, UserStore users, Clock clock) {
        this.codes = codes;
        this.revoker = revoker;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public Set<String> parameters() {
        return PARAMETERS;
    }

    @Override
    public Issuance handle(TokenRequest request) {
        Client client = request.client();
        String value = request.parameter("code");
        if (value == null || value.isEmpty()) {
            throw OAuthException.invalidRequest("code is missing");
        }
        Instant now = clock.instant();
        AuthorizationCode code = switch (codes.consume(TokenHasher.hash(value), client.clientId(), now)) {
            case AuthorizationCodeStore.Consumption.Consumed c -> c.code();
            case AuthorizationCodeStore.Consumption.AlreadyUsed used -> {
                revoker.revoke(used.code().grantId());
                throw invalidGrant("the authorization code was already used; tokens issued from it are revoked").withReason(REPLAY);
            }
            case AuthorizationCodeStore.Consumption.NotFound n -> throw invalidGrant("the authorization code is invalid");
        };
        if (!code.expiresAt().isAfter(now)) {
            throw invalidGrant("the authorization code has expired");
        }
        if (!redirectUriMatches(code, client, request.parameter("redirect_uri"))) {
            throw invalidGrant("redirect_uri does not match the authorization request (RFC 6749 section 4.1.3)");
        }
        checkPkce(code, client, request.parameter("code_verifier"));
        checkDpopBinding(code, request);
        User user = users.findById(code.userId()).filter(u -> !u.disabled())
                .orElseThrow(() -> invalidGrant("the user is no longer active"));
        // Only the login session is checked here: a replay racing this redemption revokes the grant, and the issuer's
        // re-check after storing revokes the winner's tokens, so the race keeps exactly one (revoked) winner.
        if (code.sessionId() != null && revoker.sessionEnded(code.sessionId())) {
            throw invalidGrant("the user has signed out");
        }
        ClaimsRequest requested = ClaimsRequest.parse((String) code.extra().get(AuthorizationCode.CLAIMS));
        Map<String, Object> claims = LegacyClaims.add(UserInfoClaims.withRequested(
                Sid.with(Map.of("auth_time", code.authTime().getEpochSecond()), code.sessionId()), requested), client, user);
        List<String> resources = code.resources().isEmpty() ? request.resources() : code.resources();
        return Issuance.accessToken(user.id(), code.scopes(), code.grantId(), claims)
                .withResources(resources, Resources.narrow(request.resources(), code.resources()))
                .withRefresh(Issuance.Refresh.NEW)
                .withIdToken(new Issuance.IdToken(code.nonce(), code.authTime(), Sid.with(IdTokenClaims.of(user, code.scopes(), requested,
                        true, (String) code.extra().get(AuthorizationCode.ACR), amr(code)), code.sessionId())));
    }

    /**
     * A code issued with a challenge needs its verifier (RFC 7636 section 4.6). A code issued without one, to a client registered
     * without PKCE, is redeemed without a verifier: a verifier then is a downgrade attempt (RFC 9700 section 2.1.1).
     */
    private static void checkPkce(AuthorizationCode code, Client client, String verifier) {
        if (code.codeChallenge() != null) {
            if (!Pkce.verify(verifier, code.codeChallenge(), code.codeChallengeMethod())) {
                throw invalidGrant("code_verifier is missing or does not match the code_challenge (RFC 7636 section 4.6)");
            }
        } else if (verifier != null) {
            throw invalidGrant("code_verifier was sent but the authorization request had no code_challenge (RFC 9700 section 2.1.1)");
        } else if (client.pkceRequired()) {
            throw invalidGrant("the authorization request had no code_challenge and the client must now use PKCE");
        }
    }

    /** A code bound by {@code dpop_jkt} is redeemed only with a proof of that key (RFC 9449 §10). */
    private static void checkDpopBinding(AuthorizationCode code, TokenRequest request) {
        Object jkt = code.extra().get(AuthorizationCode.DPOP_JKT);
        if (jkt == null) {
            return;
        }
        if (request.dpop() == null) {
            throw new OAuthException(OAuthError.INVALID_DPOP_PROOF, "the authorization code is bound to a DPoP key (dpop_jkt): send a proof signed with it");
        }
        if (!jkt.equals(request.dpop().jkt())) {
            throw invalidGrant("the authorization code is bound to another DPoP key than the proof's (RFC 9449 section 10)");
        }
    }

    private static List<String> amr(AuthorizationCode code) {
        return code.extra().get(AuthorizationCode.AMR) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static boolean redirectUriMatches(AuthorizationCode code, Client client, String presented) {
        if (code.redirectUri() != null) {
            return code.redirectUri().equals(presented);
        }
        return presented == null || (client.redirectUris().size() == 1 && client.redirectUris().get(0).equals(presented));
    }

    private static OAuthException invalidGrant(String description) {
        return new OAuthException(OAuthError.INVALID_GRANT, description);
    }
}
