package dev.cell.resource;

/** Builds the {@code WWW-Authenticate: Bearer} challenge of a refusal (RFC 6750 §3). */
public final class BearerChallenge {
    private BearerChallenge() {}

    /**
     * The header value: {@code realm}, then {@code error}, {@code error_description} and {@code scope} when the refusal has them;
     * null for an authorization-server failure, which gets no bearer challenge.
     */
    public static String of(TokenException e, String realm) {
        TokenError error = e.error();
        if (error.status() == 503) {
            return null;
        }
        StringBuilder b = new StringBuilder("Bearer realm=\"").append(quoted(realm)).append('"');
        if (error.code() != null) {
            b.append(", error=\"").append(error.code()).append('"');
            b.append(", error_description=\"").append(description(e.getMessage())).append('"');
        }
        if (e.scope() != null) {
            b.append(", scope=\"").append(quoted(e.scope())).append('"');
        }
        return b.toString();
    }

    /** The {@code DPoP} challenge (RFC 9449 §7.1): realm, error and description when given, and the accepted proof algorithms. */
    static String dpop(TokenException e, String realm, java.util.Set<com.nimbusds.jose.JWSAlgorithm> algorithms) {
        StringBuilder b = new StringBuilder("DPoP realm=\"").append(quoted(realm)).append('"');
        if (e.error().code() != null) {
            b.append(", error=\"").append(e.error().code()).append('"');
            b.append(", error_description=\"").append(description(e.getMessage())).append('"');
        }
        b.append(", algs=\"").append(String.join(" ", algorithms.stream().map(com.nimbusds.jose.JWSAlgorithm::getName).sorted().toList()))
                .append('"');
        return b.toString();
    }

    /** RFC 6750 §3: error_description is limited to %x20-21 / %x23-5B / %x5D-7E; anything else becomes a space. */
    static String description(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : ' ');
        }
        return b.toString();
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
