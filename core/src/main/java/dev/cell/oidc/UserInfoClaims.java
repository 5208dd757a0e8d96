package dev.cell.oidc;

import dev.cell.account.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The standard claims a user's scopes release (OIDC Core §5.4), limited to the claims the user has. */
public final class UserInfoClaims {
    private static final List<String> PROFILE = List.of("name", "family_name", "given_name", "middle_name", "nickname",
            "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale");
    private static final List<String> EMAIL = List.of("email", "email_verified");
    private static final List<String> PHONE = List.of("phone_number", "phone_number_verified");

    /** Every claim name a scope can release, for discovery's {@code claims_supported}. */
    public static final List<String> SUPPORTED = Stream.of(List.of("sub"), PROFILE, List.of("updated_at"), EMAIL, PHONE,
            List.of("address")).flatMap(List::stream).toList();

    private UserInfoClaims() {}

    /** Always {@code sub}; then profile, email, phone and address claims as the scopes allow. */
    public static Map<String, Object> forScopes(User user, Set<String> scopes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sub", user.id());
        Map<String, Object> claims = user.claims();
        if (scopes.contains("profile")) {
            copy(claims, PROFILE, out);
            out.putIfAbsent("preferred_username", user.username());
            if (user.updatedAt() != null) {
                out.put("updated_at", user.updatedAt().getEpochSecond());
            }
        }
        if (scopes.contains("email")) {
            copy(claims, EMAIL, out);
        }
        if (scopes.contains("phone")) {
            copy(claims, PHONE, out);
        }
        if (scopes.contains("address")) {
            copy(claims, List.of("address"), out);
        }
        return out;
    }

    private static void copy(Map<String, Object> claims, List<String> names, Map<String, Object> out) {
        for (String name : names) {
            Object value = claims.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
    }
}
