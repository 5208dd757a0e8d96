package dev.cell.oidc;

import dev.cell.account.User;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The standard claims a user's scopes release (OIDC Core section 5.4) and those requested one by one with the
 * {@code claims} parameter (section 5.5), limited to the claims the user has.
 */
public final class UserInfoClaims {
    private static final List<String> PROFILE = List.of("name", "family_name", "given_name", "middle_name", "nickname",
            "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at");
    private static final List<String> EMAIL = List.of("email", "email_verified");
    private static final List<String> PHONE = List.of("phone_number", "phone_number_verified");
    private static final Map<String, List<String>> BY_SCOPE = Map.of("profile", PROFILE, "email", EMAIL, "phone", PHONE,
            "address", List.of("address"));
    /** The private access token claim that carries the names requested for UserInfo with the {@code claims} parameter. */
    public static final String TOKEN_CLAIM = "userinfo_claims";

    /** Every claim name a scope can release, for discovery's {@code claims_supported}. */
    public static final List<String> SUPPORTED = Stream.of(List.of("sub"), PROFILE, EMAIL, PHONE, List.of("address"))
            .flatMap(List::stream).toList();

    private UserInfoClaims() {}

    /** The scope that releases a claim (OIDC Core section 5.4); empty for {@code sub} and claims no scope releases. */
    public static Optional<String> scopeOf(String claim) {
        return BY_SCOPE.entrySet().stream().filter(e -> e.getValue().contains(claim)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * Access token claims plus {@link #TOKEN_CLAIM} when the {@code claims} parameter asked UserInfo for claims one by
     * one, so the UserInfo endpoint knows them from the token alone.
     */
    public static Map<String, Object> withRequested(Map<String, Object> tokenClaims, ClaimsRequest requested) {
        if (requested.userinfo().isEmpty()) {
            return tokenClaims;
        }
        Map<String, Object> out = new HashMap<>(tokenClaims);
        out.put(TOKEN_CLAIM, List.copyOf(requested.userinfo()));
        return out;
    }

    /** Always {@code sub}; then the claims the scopes allow, and the individually requested ones Cell knows and the user has. */
    public static Map<String, Object> release(User user, Set<String> scopes, Collection<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        for (String scope : List.of("profile", "email", "phone", "address")) {
            if (scopes.contains(scope)) {
                names.addAll(BY_SCOPE.get(scope));
            }
        }
        requested.stream().filter(SUPPORTED::contains).forEach(names::add);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sub", user.id());
        for (String name : names) {
            Object value = value(user, name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static Object value(User user, String name) {
        return switch (name) {
            case "sub" -> user.id();
            case "updated_at" -> user.updatedAt() == null ? null : user.updatedAt().getEpochSecond();
            case "preferred_username" -> user.claims().getOrDefault(name, user.username());
            default -> user.claims().get(name);
        };
    }
}
