package dev.cell.token;

import java.util.Map;
import java.util.Optional;

/**
 * A token subject from another issuer's namespace, carried in the {@code sub_id} claim in the {@code iss_sub} format
 * (RFC 9493 section 3.2.3 and section 4), so that neither Cell nor a resource server takes it for a Cell user.
 *
 * @param issuer the issuer that asserted the subject (RFC 7523 section 3)
 * @param subject that issuer's {@code sub}, which is also the token's {@code sub}
 */
public record ExternalSubject(String issuer, String subject) {
    public static final String CLAIM = "sub_id";
    private static final String FORMAT = "iss_sub";

    /** The {@code sub_id} claim naming this subject, to add to a token's claims. */
    public Map<String, Object> claims() {
        return Map.of(CLAIM, Map.of("format", FORMAT, "iss", issuer, "sub", subject));
    }

    /** The external subject a token's claims name, or empty for a local user's or a client's own token. */
    public static Optional<ExternalSubject> in(Map<String, Object> claims) {
        if (claims.get(CLAIM) instanceof Map<?, ?> id && FORMAT.equals(id.get("format")) && id.get("iss") instanceof String iss
                && id.get("sub") instanceof String sub) {
            return Optional.of(new ExternalSubject(iss, sub));
        }
        return Optional.empty();
    }
}
