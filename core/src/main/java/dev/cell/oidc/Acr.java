package dev.cell.oidc;

import java.util.List;

/**
 * Cell's Authentication Context Class Reference values ({@code acr}, OIDC Core section 2). Cell signs users in with a
 * password only, so it has one class: {@value #PASSWORD}, with {@code amr} {@code ["pwd"]} (RFC 8176 section 2).
 */
public final class Acr {
    public static final String PASSWORD = "urn:cell:acr:pwd";
    /** For discovery's {@code acr_values_supported}. */
    public static final List<String> SUPPORTED = List.of(PASSWORD);

    private Acr() {}

    /** The {@code acr} for the ID token when {@code acr_values} (section 3.1.2.1) or the {@code acr} claim was requested, else null. */
    public static String forRequest(List<String> acrValues, ClaimsRequest claims) {
        return acrValues.isEmpty() && !claims.requestsAcr() ? null : PASSWORD;
    }

    /** Whether an essential {@code acr} request with values can be met (section 5.5.1.1). */
    public static boolean satisfies(ClaimsRequest claims) {
        return !claims.acrEssential() || claims.acrValues().isEmpty() || claims.acrValues().contains(PASSWORD);
    }
}
