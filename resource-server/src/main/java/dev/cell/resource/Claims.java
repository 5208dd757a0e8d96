package dev.cell.resource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the claims RFC 9068 §2.2 and RFC 7662 §2.2 share into a {@link TokenPrincipal}. */
final class Claims {
    private Claims() {}

    static TokenPrincipal principal(Map<String, Object> claims) {
        Map<String, Object> present = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return new TokenPrincipal(string(present, "sub"), string(present, "client_id"), scopes(present.get("scope")), present);
    }

    static String string(Map<String, Object> claims, String name) {
        if (!(claims.get(name) instanceof String value) || value.isEmpty()) {
            throw new TokenException(TokenError.MISSING_CLAIM, "the token has no " + name + " claim");
        }
        return value;
    }

    /** {@code aud} as a list, whether the JSON held a string or an array (RFC 7519 §4.1.3). */
    static List<String> audiences(Object aud) {
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (aud instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString).toList();
        }
        return List.of();
    }

    private static Set<String> scopes(Object scope) {
        if (scope == null) {
            return Set.of();
        }
        if (!(scope instanceof String s)) {
            throw new TokenException(TokenError.MISSING_CLAIM, "the scope claim is not a space-separated string");
        }
        return Arrays.stream(s.split(" ")).filter(x -> !x.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
