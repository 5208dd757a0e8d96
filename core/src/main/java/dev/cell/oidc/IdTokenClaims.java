package dev.cell.oidc;

import dev.cell.account.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user claims an ID token carries (OIDC Core section 5.4, section 5.5): the scopes' claims only when no access token
 * is issued (response_type id_token), the claims requested for the ID token always; and {@code acr}, {@code amr}.
 */
public final class IdTokenClaims {
    private IdTokenClaims() {}

    /**
     * @param withAccessToken whether an access token is issued too, so the scopes' claims are left to UserInfo
     * @param acr the {@code acr} value, or null when not requested
     * @param amr the authentication methods (RFC 8176), or empty when unknown
     */
    public static Map<String, Object> of(User user, Set<String> scopes, ClaimsRequest claims, boolean withAccessToken, String acr,
            List<String> amr) {
        Map<String, Object> out = new LinkedHashMap<>(UserInfoClaims.release(user, withAccessToken ? Set.of() : scopes, claims.idToken()));
        out.remove("sub");
        if (acr != null) {
            out.put("acr", acr);
        }
        if (!amr.isEmpty()) {
            out.put("amr", amr);
        }
        return out;
    }
}
