package dev.cell.grant;

import dev.cell.error.OAuthError;
import dev.cell.error.OAuthException;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code scope} parameter (RFC 6749 §3.3): parsing and narrowing to what a client may have. */
public final class Scopes {
    private Scopes() {}

    /** Parses space-separated scope tokens of the characters %x21 / %x23-5B / %x5D-7E; null or blank is empty. */
    public static Set<String> parse(String scope) {
        Set<String> out = new LinkedHashSet<>();
        if (scope == null || scope.isBlank()) {
            return out;
        }
        for (String token : scope.split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                    throw new OAuthException(OAuthError.INVALID_SCOPE, "the scope contains a character RFC 6749 section 3.3 does not allow");
                }
            }
            out.add(token);
        }
        return out;
    }

    /**
     * The scopes to grant: the requested ones if all are allowed, or every allowed scope when none was requested
     * (RFC 6749 §3.3 lets the server apply a default).
     */
    public static Set<String> grant(Set<String> requested, Set<String> allowed) {
        if (requested.isEmpty()) {
            return Set.copyOf(allowed);
        }
        for (String s : requested) {
            if (!allowed.contains(s)) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, "scope '" + s + "' is not allowed for this client");
            }
        }
        return Set.copyOf(requested);
    }
}
