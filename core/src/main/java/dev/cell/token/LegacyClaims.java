package dev.cell.token;

import dev.cell.account.User;
import dev.cell.client.Client;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The claims Spring Security OAuth 2.x resource servers read from a token ({@code user_name}, {@code authorities}),
 * added only for clients registered for that shape.
 */
public final class LegacyClaims {
    private LegacyClaims() {}

    /**
     * @param user the resource owner, or null for a client's own token (then the client's authorities are used)
     */
    public static Map<String, Object> add(Map<String, Object> claims, Client client, User user) {
        if (!client.legacyTokenClaims()) {
            return claims;
        }
        Map<String, Object> out = new HashMap<>(claims);
        if (user != null) {
            out.put("user_name", user.username());
            out.put("authorities", List.copyOf(new TreeSet<>(user.authorities())));
        } else {
            out.put("authorities", List.copyOf(new TreeSet<>(client.authorities())));
        }
        return out;
    }
}
