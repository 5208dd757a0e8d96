package dev.cell.grant;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a grant decided to issue (RFC 6749 §5.1): for whom, which scope, under which grant, for which audience, and
 * whether a refresh token and an ID token apply. How the tokens are made is the {@link TokenIssuer}'s business.
 *
 * @param userId the local resource owner, or null when the client acts for itself or for an external subject
 * @param grantId the grant the tokens belong to, so revoking it reaches them all
 * @param claims further access token claims (e.g. {@code auth_time}), reproduced by the grant's refresh tokens; JSON values only
 * @param resources the resources the grant covers (RFC 8707 §2.2), kept with its refresh tokens; empty for the default audience
 * @param audiences the {@code aud} of the access token, among {@code resources}; empty for the client's default audience
 * @param refresh whether the response carries a refresh token
 * @param idToken the ID token's content, or null when the grant issues none
 * @param issuedTokenType {@code issued_token_type} of a token exchange response (RFC 8693 §2.2.1), or null for other grants
 */
public record Issuance(String userId, Set<String> scopes, String grantId, Map<String, Object> claims, List<String> resources,
        List<String> audiences, Refresh refresh, IdToken idToken, String issuedTokenType) {
    public Issuance {
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
        resources = List.copyOf(resources);
        audiences = List.copyOf(audiences);
    }

    /** An access token only, for the client's default audience. */
    public static Issuance accessToken(String userId, Set<String> scopes, String grantId, Map<String, Object> claims) {
        return new Issuance(userId, scopes, grantId, claims, List.of(), List.of(), Refresh.NONE, null, null);
    }

    public Issuance withRefresh(Refresh refresh) {
        return new Issuance(userId, scopes, grantId, claims, resources, audiences, refresh, idToken, issuedTokenType);
    }

    public Issuance withIdToken(IdToken idToken) {
        return new Issuance(userId, scopes, grantId, claims, resources, audiences, refresh, idToken, issuedTokenType);
    }

    /** The grant covers {@code resources}; this access token is for {@code audiences} among them. */
    public Issuance withResources(List<String> resources, List<String> audiences) {
        return new Issuance(userId, scopes, grantId, claims, resources, audiences, refresh, idToken, issuedTokenType);
    }

    public Issuance withIssuedTokenType(String issuedTokenType) {
        return new Issuance(userId, scopes, grantId, claims, resources, audiences, refresh, idToken, issuedTokenType);
    }

    /** The grant covers exactly the resources this access token is for. */
    public Issuance withResources(List<String> resources) {
        return withResources(resources, resources);
    }

    /** The refresh token of a response (RFC 6749 §1.5). */
    public sealed interface Refresh {
        /** None: the grant never gives one (RFC 6749 §4.4.3, RFC 7523 §2.1). */
        Refresh NONE = new None();
        /** A new family if {@link TokenIssuer#refreshAllowed} says so. */
        Refresh NEW = new New();

        record None() implements Refresh {}

        record New() implements Refresh {}

        /** The replacement the refresh grant already rotated in (RFC 9700 §4.14.2). */
        record Rotated(String value) implements Refresh {
            @Override
            public String toString() {
                return "Rotated[]";
            }
        }
    }

    /**
     * The content of an ID token (OIDC Core §2), issued only when the scope has {@code openid}.
     *
     * @param nonce the authorization request's {@code nonce}, or null
     * @param authTime when the user authenticated, or null if unknown
     * @param claims further claims (e.g. {@code acr}, {@code amr}, requested claims)
     */
    public record IdToken(String nonce, Instant authTime, Map<String, Object> claims) {
        public IdToken {
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }
    }
}
